"""The admin site takes and shows dates the Thai way, like the rest of the app."""

from datetime import date

from django.contrib import admin
from django.urls import reverse

from saisaat.orgs.models import StaffMember, User
from saisaat.participation.models import Certificate, Course
from saisaat.testing.base import PersonaTestCase
from saisaat.thai.admin import ThaiDateAdminMixin


class AdminDateTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = User.objects.create_superuser(
            "root", "root@example.org", "x", unit=cls.province
        )
        person = StaffMember.objects.create(unit=cls.province, first_name="สมศรี", last_name="ดี")
        cls.certificate = Certificate.objects.create(
            staff=person,
            course=Course.objects.get(code="nacc-e-learning"),
            issued_on=date(2023, 1, 10),
        )

    def test_every_admin_of_the_project_takes_thai_dates(self):
        project = [
            model_admin
            for model, model_admin in admin.site._registry.items()
            if model.__module__.startswith("saisaat.")
        ]
        self.assertGreater(len(project), 20)
        for model_admin in project:
            with self.subTest(admin=type(model_admin).__name__):
                self.assertIsInstance(model_admin, ThaiDateAdminMixin)
                for inline in model_admin.inlines:
                    self.assertTrue(issubclass(inline, ThaiDateAdminMixin), inline)

    def test_a_change_form_accepts_a_buddhist_era_date(self):
        self.client.force_login(self.superuser)
        url = reverse("admin:participation_certificate_change", args=[self.certificate.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, 'value="10/01/2566"')
        response = self.client.post(
            url,
            {
                "staff": self.certificate.staff_id,
                "course": self.certificate.course_id,
                "number": "",
                "issued_on": "15/03/2566",
                "recorded_by": "",
            },
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.certificate.refresh_from_db()
        self.assertEqual(self.certificate.issued_on, date(2023, 3, 15))
        # A wrong date is refused with the Thai message, not saved.
        response = self.client.post(
            url,
            {
                "staff": self.certificate.staff_id,
                "course": self.certificate.course_id,
                "issued_on": "31/02/2566",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "เดือนนั้นไม่มีวันที่นี้")
