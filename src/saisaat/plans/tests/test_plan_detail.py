from datetime import date

from django.urls import reverse
from django.utils import timezone

from saisaat.plans.models import Activity, Dimension, Measure
from saisaat.testing.base import PersonaTestCase


class PlanDetailTests(PersonaTestCase):
    def url(self):
        return reverse("plans:plan-detail", args=[self.plan.pk])

    def test_it_shows_all_52_activities_in_thai_to_the_provincial_officer(self):
        self.login(self.provincial_officer)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["activities"]), 52)
        self.assertContains(response, 'class="activity"', count=52)
        self.assertContains(response, "บทบาทผู้บริหารของหน่วยงานในการเสริมสร้างความโปร่งใส")
        self.assertContains(response, "ม.ค. – ก.พ. 2566")
        self.assertContains(response, "ต.ค. 2565 – ก.พ. 2566")

    def test_it_shows_the_plan_to_district_officers_who_implement_it(self):
        for user in (self.district_a_officer, self.district_b_officer, self.approver):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 200)

    def test_it_hides_the_plan_from_another_province(self):
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_it_sends_the_anonymous_citizen_to_the_login_page(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_it_refuses_post(self):
        self.login(self.provincial_officer)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_filters_by_dimension(self):
        self.login(self.provincial_officer)
        response = self.client.get(self.url(), {"dimension": 5})
        self.assertEqual(len(response.context["activities"]), 6)

    def test_it_filters_by_work_group(self):
        self.login(self.provincial_officer)
        response = self.client.get(self.url(), {"work_group": "informatics"})
        activities = list(response.context["activities"])
        # ทุกกลุ่มงาน (every group) counts for informatics too.
        self.assertTrue(activities)
        for activity in activities:
            functions = {g.function for g in activity.responsible_groups.all()}
            self.assertIn("informatics", functions)
        self.assertLess(len(activities), 52)

    def test_it_filters_by_implementing_unit_kind(self):
        self.login(self.provincial_officer)
        district = self.client.get(self.url(), {"unit_kind": "district"}).context["activities"]
        province = self.client.get(self.url(), {"unit_kind": "province"}).context["activities"]
        self.assertEqual(len(province), 52)
        # Nine activities are for the provincial office (สพจ.) only: the report of measure
        # 1.1, all of measures 1.3 and 1.4, and the last two of measure 2.3.
        self.assertEqual(len(district), 52 - 9)

    def test_it_filters_what_falls_due_this_month(self):
        today = timezone.localdate()
        activity = Activity.objects.for_plan(self.plan).first()
        Activity.objects.filter(pk=activity.pk).update(
            period_start=today.replace(day=1), period_end=today
        )
        self.login(self.provincial_officer)
        response = self.client.get(self.url(), {"due_this_month": "on"})
        self.assertEqual([a.pk for a in response.context["activities"]], [activity.pk])

    def test_it_ignores_a_bad_filter_value(self):
        self.login(self.provincial_officer)
        response = self.client.get(self.url(), {"dimension": "abc", "unit_kind": "moon"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["activities"]), 52)

    def test_it_returns_only_the_fragment_to_htmx(self):
        self.login(self.provincial_officer)
        response = self.client.get(self.url(), {"dimension": 2}, headers={"HX-Request": "true"})
        self.assertTemplateUsed(response, "plans/_activities.html")
        self.assertTemplateNotUsed(response, "base.html")
        self.assertContains(response, 'class="activity"', count=12)
        self.assertIn("HX-Request", response["Vary"])

    def test_it_shows_thai_digits_when_the_reader_chose_them(self):
        self.login(self.provincial_officer)
        self.client.post(reverse("toggle-thai-digits"), {"next": self.url()})
        response = self.client.get(self.url())
        self.assertContains(response, "ม.ค. – ก.พ. ๒๕๖๖")


class PlanDetailQueryCountTests(PersonaTestCase):
    def test_it_runs_a_fixed_number_of_queries_whatever_the_plan_size(self):
        self.login(self.provincial_officer)
        url = reverse("plans:plan-detail", args=[self.plan.pk])
        self.client.get(url)
        # session, user, the user's unit (for visibility), plan, dimensions (filter
        # choices), activities with their measure and dimension, their work groups, targets.
        with self.assertNumQueries(8):
            self.assertEqual(self.client.get(url).status_code, 200)

        dimension = Dimension.objects.create(plan=self.plan, number=6, title="มิติทดสอบ")
        for m in range(1, 6):
            measure = Measure.objects.create(dimension=dimension, number=m, title=f"มาตรการ {m}")
            for p in range(1, 11):
                activity = Activity.objects.create(
                    measure=measure,
                    position=p,
                    text=f"กิจกรรม {m}.{p}",
                    period_text="ม.ค. ๖๖",
                    period_start=date(2023, 1, 1),
                    period_end=date(2023, 1, 31),
                    implementing_text="สพจ.",
                    for_provincial_office=True,
                    for_district_offices=False,
                )
                activity.responsible_groups.set([self.groups["strategy"]])
        with self.assertNumQueries(8):
            response = self.client.get(url)
        self.assertEqual(len(response.context["activities"]), 102)
