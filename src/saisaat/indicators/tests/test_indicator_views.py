from datetime import date

from django.urls import reverse

from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.models import IndicatorBinding
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Certificate, Course
from saisaat.plans.models import Target
from saisaat.testing.base import PersonaTestCase


class IndicatorViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        bind_plan_targets(cls.plan)
        cls.certified_target = IndicatorBinding.objects.get(metric="staff_certified").target
        course = Course.objects.get(code="nacc-e-learning")
        cls.done = StaffMember.objects.create(
            unit=cls.province, first_name="ผ่านแล้ว", last_name="สาธิต"
        )
        cls.pending = StaffMember.objects.create(
            unit=cls.province, first_name="ยังไม่ผ่าน", last_name="สาธิต"
        )
        Certificate.objects.create(staff=cls.done, course=course, issued_on=date(2023, 2, 1))

    def status(self, user, url):
        self.client.logout()
        if user:
            self.client.force_login(user)
        return self.client.get(url).status_code

    def test_who_sees_which_unit(self):
        province = reverse("indicators:unit", args=["43"])
        district_a = reverse("indicators:unit", args=["4301"])
        expected = {
            (province, "provincial_officer"): 200,
            (province, "department_officer"): 200,
            (province, "district_a_officer"): 404,
            (province, "other_province_officer"): 404,
            (province, None): 302,
            (district_a, "district_a_officer"): 200,
            (district_a, "approver"): 200,
            (district_a, "district_b_officer"): 404,
        }
        got = {
            (url, who): self.status(getattr(self, who) if who else None, url)
            for url, who in expected
        }
        self.assertEqual(got, expected)
        self.client.force_login(self.provincial_officer)
        self.assertEqual(self.client.post(province).status_code, 405)

    def test_the_number_opens_on_the_people_behind_it(self):
        url = reverse("indicators:target", args=["43", self.certified_target.pk]) + "?year=2566"
        self.client.force_login(self.approver)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["done"], [self.done])
        self.assertEqual(response.context["pending"], [self.pending])
        own = self.client.get(url + "&scope=own&office=43")
        self.assertEqual(own.context["pending"], [self.pending])
        # 1.3.2 is for the provincial office only: no district office to list.
        self.assertEqual(self.client.get(url + "&office=4301").status_code, 404)
        self.client.force_login(self.district_b_officer)
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_target_of_another_plan_is_not_found(self):
        self.client.force_login(self.approver)
        url = reverse("indicators:target", args=["43", 999999])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_target_of_work_the_district_does_not_do_is_not_found_there(self):
        # A province-only activity's target is not measured for a district office: the
        # page answered a server error (StopIteration) for this address.
        target = Target.objects.filter(
            activity__measure__dimension__plan=self.plan, activity__for_district_offices=False
        ).first()
        self.assertIsNotNone(target)
        self.client.force_login(self.approver)
        url = reverse("indicators:target", args=["4301", target.pk]) + "?year=2566"
        self.assertEqual(self.client.get(url).status_code, 404)
        province = reverse("indicators:target", args=["43", target.pk]) + "?year=2566"
        self.assertEqual(self.client.get(province).status_code, 200)

    def test_the_page_shows_value_and_grade(self):
        self.client.force_login(self.approver)
        response = self.client.get(reverse("indicators:unit", args=["43"]) + "?scope=own")
        certified = next(
            r for r in response.context["results"] if r.target == self.certified_target
        )
        self.assertEqual((certified.value.numerator, certified.value.denominator), (1, 2))
        self.assertContains(response, f'data-target="{self.certified_target.pk}"')

    def test_the_page_runs_the_same_queries_whatever_the_data(self):
        url = reverse("indicators:unit", args=["43"])
        self.client.force_login(self.approver)
        self.client.get(url)
        baseline = self._count(url)
        # Per target: one to three for the value of every office, as many again for work
        # done late, and four times as many for the quarterly trend: many, but fixed by
        # the plan (18 targets), not by the number of offices, people or records.
        self.assertLess(baseline, 200)
        course = Course.objects.get(code="pacc-e-learning")
        for n in range(30):
            person = StaffMember.objects.create(
                unit=self.district_b, first_name=f"x{n}", last_name="y"
            )
            Certificate.objects.create(staff=person, course=course, issued_on=date(2023, 3, 3))
        with self.assertNumQueries(baseline):
            self.client.get(url)

    def _count(self, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            self.client.get(url)
        return len(queries)
