"""Courses and certificates: what each persona gets, recording one (also one's own), the
file behind a permission check, and who holds one this fiscal year."""

import shutil
import tempfile
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import Certificate, Course
from saisaat.testing.base import PERSONAS, PersonaTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def expect(*codes):
    return dict(zip(PERSONAS, codes, strict=True))


class CertificateTestCase(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nacc = Course.objects.get(code="nacc-e-learning")
        cls.somsri = StaffMember.objects.create(
            unit=cls.district_a,
            first_name="สมศรี",
            last_name="ใจดี",
            user=cls.district_a_officer,
        )
        cls.kamon = StaffMember.objects.create(
            unit=cls.province, first_name="กมล", last_name="สาธิต", user=cls.provincial_officer
        )
        cls.somchai = StaffMember.objects.create(
            unit=cls.district_b, first_name="สมชาย", last_name="รักดี"
        )

    def setUp(self):
        super().setUp()
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        self.enterContext(override_settings(MEDIA_ROOT=media))

    def login(self, user):
        super().login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def certificate(self, staff, issued_on=date(2023, 1, 10), *, file=False, course=None):
        certificate = Certificate(
            staff=staff, course=course or self.nacc, issued_on=issued_on, number="NACC-1"
        )
        if file:
            certificate.file.save("certificate.pdf", ContentFile(PDF), save=False)
        certificate.save()
        return certificate


class PermissionTests(CertificateTestCase):
    def test_the_course_list(self):
        url = reverse("participation:course-list")
        self.assert_statuses("get", url, expect(200, 200, 200, 200, 200, 200, 200, 302))
        self.assert_statuses("post", url, {"approver": 405})
        add = reverse("participation:course-add")
        for name in ("provincial_officer", "approver", "administrator", "district_a_officer"):
            with self.subTest(name):
                self.login(getattr(self, name))
                response = self.client.get(url)
                self.assertIsNone(response.context["form"])
                self.assertNotContains(response, add)
        self.login(self.department_officer)
        self.assertContains(self.client.get(url), add)

    def test_adding_a_course(self):
        url = reverse("participation:course-add")
        got = {}
        for n, name in enumerate(PERSONAS):
            data = {"code": f"course-{n}", "name_th": "หลักสูตรคุณธรรม"}
            got[name] = self.status_for(name, "post", url, data)
        # The list is the department's: a province's approver or administrator adds nothing.
        self.assertEqual(got, expect(403, 403, 403, 403, 403, 403, 302, 302))
        self.assertEqual(
            set(Course.objects.filter(code__startswith="course-").values_list("code", flat=True)),
            {"course-6"},
        )
        self.assert_statuses("get", url, {"approver": 405})

    def test_the_certificate_list(self):
        url = reverse("participation:certificate-list", args=["43"])
        self.assert_statuses("get", url, expect(200, 200, 200, 404, 404, 404, 200, 302))
        url = reverse("participation:certificate-list", args=["4301"])
        self.assert_statuses("get", url, expect(200, 200, 200, 200, 404, 404, 200, 302))
        self.assert_statuses("post", url, {"approver": 405})

    def test_my_certificates(self):
        url = reverse("participation:my-certificates")
        self.assert_statuses("get", url, expect(200, 200, 200, 200, 200, 200, 200, 302))
        self.assert_statuses("post", url, {"approver": 405})

    def test_recording_a_certificate_for_somebody(self):
        url = reverse("participation:certificate-add", args=[self.somsri.pk])
        got = {}
        for n, name in enumerate(PERSONAS, start=1):
            data = {"course": self.nacc.pk, "issued_on": f"2023-01-{n:02d}", "number": str(n)}
            got[name] = self.status_for(name, "post", url, data)
        # The approver and the administrator manage the province's districts; the district
        # officer is Somsri herself.
        self.assertEqual(got, expect(403, 302, 302, 302, 404, 404, 403, 302))
        self.assertEqual(
            sorted(self.somsri.certificates.values_list("number", flat=True)), ["2", "3", "4"]
        )
        self.assert_statuses("get", url, {"approver": 405})

    def test_opening_a_certificate_file(self):
        certificate = self.certificate(self.somsri, file=True)
        url = reverse("participation:certificate-file", args=[certificate.pk])
        self.assert_statuses("get", url, expect(200, 200, 200, 200, 404, 404, 200, 302))
        self.assert_statuses("post", url, {"approver": 405})

    def test_removing_a_certificate(self):
        got = {}
        for n, name in enumerate(PERSONAS, start=1):
            certificate = self.certificate(self.somsri, date(2023, 2, n))
            url = reverse("participation:certificate-delete", args=[certificate.pk])
            got[name] = self.status_for(name, "post", url)
        self.assertEqual(got, expect(403, 302, 302, 302, 404, 404, 403, 302))
        self.assertEqual(self.somsri.certificates.count(), 5)
        url = reverse("participation:certificate-delete", args=[certificate.pk])
        self.assert_statuses("get", url, {"approver": 405})


class RecordingTests(CertificateTestCase):
    def test_a_manager_records_a_certificate_with_its_file(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("participation:certificate-add", args=[self.somsri.pk]),
            {
                "course": self.nacc.pk,
                "issued_on": "2023-03-01",
                "number": "NACC-66-001",
                "file": SimpleUploadedFile("ใบประกาศ.pdf", PDF),
            },
        )
        self.assertRedirects(response, reverse("participation:staff-detail", args=[self.somsri.pk]))
        certificate = self.somsri.certificates.get()
        self.assertEqual(certificate.recorded_by, self.approver)
        self.assertTrue(certificate.file.name.endswith(".pdf"))
        download = self.client.get(reverse("participation:certificate-file", args=[certificate.pk]))
        self.assertEqual(download["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(download.streaming_content), PDF)
        self.assertEqual(download["Cache-Control"], "private, no-store")
        page = self.client.get(reverse("participation:staff-detail", args=[self.somsri.pk]))
        self.assertContains(page, "NACC-66-001")

    def test_a_program_or_a_duplicate_or_a_future_date_is_refused_and_the_form_kept(self):
        self.login(self.approver)
        url = reverse("participation:certificate-add", args=[self.somsri.pk])
        response = self.client.post(
            url,
            {
                "course": self.nacc.pk,
                "issued_on": "2023-03-01",
                "number": "ที่พิมพ์ไว้",
                "file": SimpleUploadedFile("cert.pdf", b"MZ\x90\x00program"),
            },
        )
        self.assertContains(response, "executable", status_code=400)
        self.assertContains(response, "ที่พิมพ์ไว้", status_code=400)
        self.certificate(self.somsri, date(2023, 3, 1))
        response = self.client.post(url, {"course": self.nacc.pk, "issued_on": "2023-03-01"})
        self.assertContains(response, "already recorded", status_code=400)
        response = self.client.post(url, {"course": self.nacc.pk, "issued_on": "15/01/2690"})
        self.assertContains(response, "cannot be in the future", status_code=400)
        self.assertEqual(self.somsri.certificates.count(), 1)

    def test_a_person_records_their_own_certificate(self):
        self.login(self.district_a_officer)
        page = self.client.get(reverse("participation:my-certificates"))
        self.assertEqual(page.context["staff"], self.somsri)
        response = self.client.post(
            reverse("participation:certificate-add", args=[self.somsri.pk]),
            {"course": self.nacc.pk, "issued_on": "2023-04-01", "next": "my"},
        )
        self.assertRedirects(response, reverse("participation:my-certificates"))
        self.assertEqual(self.somsri.certificates.get().recorded_by, self.district_a_officer)

    def test_an_account_without_a_staff_record_is_told_so(self):
        self.login(self.approver)
        page = self.client.get(reverse("participation:my-certificates"))
        self.assertIsNone(page.context["staff"])
        self.assertContains(page, "not linked to a record")

    def test_a_department_administrator_adds_a_course_and_a_bad_code_is_explained(self):
        self.login(self.department_officer)
        url = reverse("participation:course-add")
        response = self.client.post(url, {"code": "ไม่ใช่ slug", "name_th": "หลักสูตร"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "หลักสูตร", status_code=400)
        response = self.client.post(
            url, {"code": "moral-2566", "name_th": "หลักสูตรคุณธรรม", "provider": "ศูนย์คุณธรรม"}
        )
        self.assertRedirects(response, reverse("participation:course-list"))
        self.assertFalse(Course.objects.get(code="moral-2566").counts_for_anti_corruption)


class CoverageTests(CertificateTestCase):
    def test_it_splits_active_staff_into_holders_and_not_yet_for_the_year(self):
        self.certificate(self.somsri, date(2023, 5, 1))
        self.certificate(self.kamon, date(2022, 9, 30))  # the year before
        StaffMember.objects.create(
            unit=self.district_a, first_name="ลาออก", last_name="แล้ว", is_active=False
        )
        self.login(self.approver)
        response = self.client.get(
            reverse("participation:certificate-list", args=["43"]), {"year": 2566}
        )
        context = response.context
        self.assertEqual(context["holders"], [self.somsri])
        self.assertEqual(context["missing"], [self.kamon, self.somchai])
        self.assertEqual((context["certified"], context["total"]), (1, 3))
        self.assertEqual(str(context["percent"]), "33.33")
        per_unit = {row.unit.code: (row.certified, row.total) for row in context["per_unit"]}
        self.assertEqual(per_unit, {"43": (0, 1), "4301": (1, 1), "4302": (0, 1)})
        district = self.client.get(
            reverse("participation:certificate-list", args=["43"]), {"year": 2566, "unit": "4302"}
        )
        self.assertEqual(district.context["total"], 1)

    def test_the_year_comes_from_the_shared_picker_and_is_remembered(self):
        self.certificate(self.somsri, date(2022, 5, 1))  # fiscal year 2565
        self.login(self.approver)
        url = reverse("participation:certificate-list", args=["43"])
        response = self.client.get(url, {"year": 2565})
        self.assertEqual((response.context["year"], response.context["certified"]), (2565, 1))
        self.assertContains(response, 'class="year-picker"')
        self.assertNotContains(response, '<select name="year"')
        # The filter form keeps the year shown, and the next page opens on it.
        self.assertContains(response, '<input type="hidden" name="year" value="2565">')
        self.assertEqual(self.client.get(url).context["year"], 2565)

    def test_a_course_that_does_not_count_is_left_out_unless_chosen(self):
        other = Course.objects.create(
            code="moral", name_th="คุณธรรม", counts_for_anti_corruption=False
        )
        self.certificate(self.somsri, date(2023, 5, 1), course=other)
        self.login(self.approver)
        url = reverse("participation:certificate-list", args=["43"])
        self.assertEqual(self.client.get(url, {"year": 2566}).context["certified"], 0)
        chosen = self.client.get(url, {"year": 2566, "course": "moral"})
        self.assertEqual(chosen.context["certified"], 1)


class QueryCountTests(CertificateTestCase):
    def grow(self):
        for n in range(3, 8):
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
        units = list(Unit.objects.within(self.province))
        people = StaffMember.objects.bulk_create(
            StaffMember(unit=units[n % len(units)], first_name=f"คน{n}", last_name="สาธิต")
            for n in range(120)
        )
        Certificate.objects.bulk_create(
            Certificate(staff=person, course=self.nacc, issued_on=date(2023, 1, 1 + n % 28))
            for n, person in enumerate(people[:80])
        )

    def test_the_default_year_is_the_year_of_the_latest_plan(self):
        from saisaat.testing.base import load_source_plan

        load_source_plan(self.province, 2566)
        self.certificate(self.somsri, date(2023, 5, 1))
        self.login(self.district_a_officer)
        response = self.client.get(reverse("participation:certificate-list", args=["4301"]))
        self.assertEqual((response.context["year"], response.context["certified"]), (2566, 1))

    def test_the_certificate_list_keeps_its_query_count(self):
        self.login(self.approver)
        url = reverse("participation:certificate-list", args=["43"]) + "?year=2566"
        self.client.get(url)
        # session, user, the user's unit, the unit, units in scope, the plan years of the
        # year picker, staff with their first certificate, counts per unit, courses for the
        # filter.
        with self.assertNumQueries(9):
            self.client.get(url)
        self.grow()
        with self.assertNumQueries(9):
            response = self.client.get(url)
        self.assertEqual(response.context["certified"], 80)
