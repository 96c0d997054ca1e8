"""The certificate list linked as evidence is the indicator's own list: the people and the
number come from ``METRICS["staff_certified"]`` for the office and the activity's window,
so the snapshot says "2 / 5" exactly when the indicator does."""

import shutil
import subprocess
import tempfile
from datetime import date
from unittest import skipUnless

from saisaat.orgs.models import StaffMember
from saisaat.participation.evidence import certificates_scope
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import Certificate, Course
from saisaat.plans import checklist
from saisaat.plans import evidence as seam
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking import services
from saisaat.tracking.models import Assignment


def pdf_text(item) -> str:
    with item.file.open("rb") as stored, tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(stored.read())
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-raw", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout


@skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class CertificateSnapshotTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Activity 4.1.4 runs ม.ค. - ก.พ. ๖๖: its window ends on 28 February 2023.
        requirement = EvidenceRequirement.objects.get(
            activity__measure__dimension__plan=cls.plan, kind=checklist.DECLARATION_SIGNOFF
        )
        cls.requirement = requirement
        cls.assignment = Assignment.objects.get(activity=requirement.activity, unit=cls.district_a)
        names = ["กมล", "ขวัญ", "คำปุน", "จันทร์", "ฉวี"]
        cls.staff = [
            StaffMember.objects.create(unit=cls.district_a, first_name=name, last_name="ทดสอบ")
            for name in names
        ]
        StaffMember.objects.create(unit=cls.district_b, first_name="ต่างอำเภอ", last_name="ทดสอบ")
        anti = Course.objects.create(
            code="nacc-test", name_th="หลักสูตรต้านทุจริตศึกษา", counts_for_anti_corruption=True
        )
        other = Course.objects.create(
            code="excel-test", name_th="หลักสูตรเอ็กซ์เซล", counts_for_anti_corruption=False
        )
        for person, course, day in [
            (cls.staff[0], anti, date(2023, 1, 15)),  # counted
            (cls.staff[1], anti, date(2023, 2, 20)),  # counted
            (cls.staff[2], anti, date(2023, 5, 1)),  # after the activity's window
            (cls.staff[3], other, date(2023, 1, 20)),  # not an anti-corruption course
        ]:
            Certificate.objects.create(
                staff=person,
                course=course,
                issued_on=day,
                number=f"N-{person.pk}",
                recorded_by=cls.administrator,
            )

    def test_the_snapshot_lists_exactly_the_metric_s_people_and_number(self):
        source = seam.source(checklist.CERTIFICATES)
        [(key, _label)] = source.candidates(self.district_a, 2566)
        item = services.link_record(
            self.assignment,
            checklist.CERTIFICATES,
            key,
            requirement=self.requirement,
            acting_user=self.district_a_officer,
        )
        scope = certificates_scope(
            self.district_a, 2566, item.effective_date, self.assignment.activity
        )
        listed = METRICS["staff_certified"].records(scope)
        value = METRICS["staff_certified"].compute(scope)
        self.assertEqual(
            {person.pk for person in listed["done"]}, {self.staff[0].pk, self.staff[1].pk}
        )
        self.assertEqual((value.numerator, value.denominator), (2, 5))

        text = pdf_text(item)
        self.assertIn("2 / 5", text)
        lines = text.splitlines()
        for person in listed["done"]:
            line = next(line for line in lines if line.startswith(str(person)))
            self.assertIn(f"N-{person.pk}", line)
        for person in listed["pending"]:
            line = next(line for line in lines if line.startswith(str(person)))
            self.assertNotIn(f"N-{person.pk}", line)
        self.assertNotIn("ต่างอำเภอ", text)
        self.assertIn("28 กุมภาพันธ์ 2566", text)

    def test_an_office_without_a_certificate_of_the_year_has_nothing_to_link(self):
        self.assertEqual(seam.source(checklist.CERTIFICATES).candidates(self.district_b, 2566), [])
