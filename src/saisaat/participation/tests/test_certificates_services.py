"""Certificate services: recording, removing and the demo seed."""

import shutil
import tempfile
from datetime import date

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max, Min
from django.test import override_settings

from saisaat.demo.certificates import seed_certificates_demo
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Certificate, Course
from saisaat.participation.services.certificates import (
    add_certificate,
    coverage,
    delete_certificate,
)
from saisaat.testing.base import PersonaTestCase

PDF = b"%PDF-1.4\n%%EOF\n"


class CertificateServiceTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nacc = Course.objects.get(code="nacc-e-learning")
        for unit, size in ((cls.province, 14), (cls.district_a, 5), (cls.district_b, 5)):
            StaffMember.objects.bulk_create(
                StaffMember(unit=unit, first_name=f"คน{n}", last_name=unit.code)
                for n in range(size)
            )

    def setUp(self):
        super().setUp()
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        self.enterContext(override_settings(MEDIA_ROOT=media))

    def test_it_stores_the_file_and_removes_it_with_the_certificate(self):
        person = StaffMember.objects.filter(unit=self.district_a).first()
        certificate = add_certificate(
            person,
            course=self.nacc,
            issued_on=date(2023, 1, 5),
            number=" NACC-1 ",
            file=SimpleUploadedFile("cert.pdf", PDF),
            acting_user=self.approver,
            max_bytes=1024 * 1024,
        )
        name = certificate.file.name
        self.assertTrue(name.startswith(f"certificates/{self.district_a.pk}/"))
        self.assertEqual(certificate.number, "NACC-1")
        self.assertTrue(default_storage.exists(name))
        with self.captureOnCommitCallbacks(execute=True):
            delete_certificate(certificate)
        self.assertFalse(default_storage.exists(name))
        self.assertFalse(Certificate.objects.exists())

    def test_the_demo_seed_certifies_most_of_the_province_and_a_mix_of_districts(self):
        result = seed_certificates_demo(self.province, 2566)
        self.assertEqual(result, {"certificates_created": 12 + 5 + 4})
        self.assertEqual(str(coverage([self.province], 2566)["percent"]), "85.71")
        self.assertEqual(coverage([self.district_b], 2566)["certified"], 4)
        self.assertEqual(seed_certificates_demo(self.province, 2566), {"certificates_created": 0})
        dates = Certificate.objects.aggregate(first=Min("issued_on"), last=Max("issued_on"))
        self.assertGreaterEqual(dates["first"], date(2022, 10, 1))
        self.assertLessEqual(dates["last"], date(2023, 9, 30))
