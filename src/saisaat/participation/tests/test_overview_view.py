from datetime import date

from django.urls import reverse

from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Certificate, Course, OfficeActivity
from saisaat.testing.base import PersonaTestCase


class ParticipationOverviewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.course = Course.objects.get(code="nacc-e-learning")
        cls.certified = StaffMember.objects.create(
            unit=cls.province, first_name="ผ่านแล้ว", last_name="สาธิต", user=cls.provincial_officer
        )
        StaffMember.objects.create(unit=cls.province, first_name="ยังไม่ผ่าน", last_name="สาธิต")
        StaffMember.objects.create(unit=cls.district_a, first_name="อำเภอ", last_name="สาธิต")
        Certificate.objects.create(
            staff=cls.certified, course=cls.course, issued_on=date(2023, 2, 1)
        )

    def certified_card(self, response):
        return next(
            card
            for card in response.context["cards"]
            if card.url_name == "participation:certificate-list"
        )

    def test_who_sees_which_unit(self):
        province = reverse("participation:overview", args=["43"])
        district_a = reverse("participation:overview", args=["4301"])
        expected = {
            (province, "provincial_officer"): 200,
            (province, "approver"): 200,
            (province, "administrator"): 200,
            (province, "department_officer"): 200,
            (province, "district_a_officer"): 404,
            (province, "district_b_officer"): 404,
            (province, "other_province_officer"): 404,
            (province, None): 302,
            (district_a, "district_a_officer"): 200,
            (district_a, "approver"): 200,
            (district_a, "district_b_officer"): 404,
            (district_a, "other_province_officer"): 404,
        }
        got = {(url, who): self.status_for(who or "anonymous", "get", url) for url, who in expected}
        self.assertEqual(got, expected)
        self.client.force_login(self.provincial_officer)
        self.assertEqual(self.client.post(province).status_code, 405)

    def test_it_shows_the_share_of_staff_certified_rolled_up_or_own_office(self):
        self.client.force_login(self.approver)
        url = reverse("participation:overview", args=["43"]) + "?year=2566"
        rolled_up = self.certified_card(self.client.get(url)).value
        self.assertEqual((rolled_up.numerator, rolled_up.denominator), (1, 3))
        own = self.certified_card(self.client.get(url + "&scope=own")).value
        self.assertEqual((own.numerator, own.denominator), (1, 2))
        self.assertEqual(str(own.value), "50.00")

    def test_it_offers_the_linked_person_their_own_part(self):
        self.client.force_login(self.provincial_officer)
        response = self.client.get(reverse("participation:overview", args=["43"]))
        self.assertEqual(response.context["staff_member"], self.certified)
        self.assertContains(response, reverse("participation:my-declarations"))
        self.client.force_login(self.approver)
        response = self.client.get(reverse("participation:overview", args=["43"]))
        self.assertIsNone(response.context["staff_member"])

    def test_the_page_runs_the_same_queries_whatever_the_data(self):
        self.client.force_login(self.approver)
        url = reverse("participation:overview", args=["43"]) + "?year=2566"
        self.client.get(url)
        baseline = self._queries(url)
        for n in range(20):
            person = StaffMember.objects.create(
                unit=self.district_b, first_name=f"คน{n}", last_name="สาธิต"
            )
            Certificate.objects.create(staff=person, course=self.course, issued_on=date(2023, 3, 1))
            OfficeActivity.objects.create(
                unit=self.district_b,
                fiscal_year=2566,
                title=f"กิจกรรม {n}",
                held_on=date(2023, 3, 1),
                virtues=["integrity"],
                created_by=self.approver,
            )
        with self.assertNumQueries(baseline):
            self.client.get(url)

    def _queries(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.client.get(url)
        return len(captured)
