"""The demo registry: the 71 demo people imported from the demo file, linked to their
accounts, and their anti-corruption certificates."""

from django.test import TestCase

from saisaat.demo.certificates import seed_certificates_demo
from saisaat.demo.province import TOTAL_STAFF, seed_demo_province
from saisaat.demo.staff import seed_staff_demo
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import Certificate
from saisaat.participation.services.certificates import coverage


class DemoSeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # The demo loads its registry through the staff import, then the certificates.
        areas = seed_demo_province()["areas"]
        cls.province = Unit.objects.get(code="43")
        cls.first_staff = areas["staff"]
        cls.first_certificates = areas["certificates"]

    def test_it_imports_the_71_demo_people_all_linked_to_their_accounts(self):
        self.assertEqual(TOTAL_STAFF, 71)
        self.assertEqual(self.first_staff["staff_created"], 71)
        self.assertEqual(self.first_staff["staff_linked"], 71)
        self.assertEqual(StaffMember.objects.filter(user__isnull=False).count(), 71)
        for person in StaffMember.objects.select_related("user"):
            self.assertEqual(person.email, person.user.email)
            self.assertEqual(person.first_name, person.user.first_name)
            self.assertEqual(person.last_name, person.user.last_name)
            self.assertEqual(person.unit_id, person.user.unit_id)
            self.assertEqual(person.work_group_id, person.user.work_group_id)
        director = StaffMember.objects.get(user__username="director")
        self.assertEqual(director.position, "พัฒนาการจังหวัดหนองคาย")
        self.assertTrue(User.objects.filter(username="department").exists())
        self.assertFalse(StaffMember.objects.filter(user__username="department").exists())

    def test_a_second_run_changes_nothing(self):
        again = seed_staff_demo(self.province, 2566)
        self.assertEqual(
            (again["staff_created"], again["staff_updated"], again["staff_unchanged"]),
            (0, 0, 71),
        )
        self.assertEqual(seed_certificates_demo(self.province, 2566), {"certificates_created": 0})

    def test_about_85_percent_of_the_province_and_a_mix_of_districts_are_certified(self):
        self.assertEqual(
            self.first_certificates["certificates_created"], Certificate.objects.count()
        )
        provincial = coverage([self.province], 2566)
        self.assertGreaterEqual(provincial["percent"], 80)
        self.assertLessEqual(provincial["percent"], 90)
        district_rates = [
            coverage([district], 2566)["percent"] for district in self.province.children.all()
        ]
        below = [rate for rate in district_rates if rate < 80]
        self.assertIn(len(below), (1, 2))
        for certificate in Certificate.objects.all():
            self.assertTrue(
                "2022-10-01" <= certificate.issued_on.isoformat() <= "2023-09-30", certificate
            )
