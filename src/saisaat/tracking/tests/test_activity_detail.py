from django.urls import reverse

from saisaat.plans.models import Activity
from saisaat.testing.base import PersonaTestCase


class ActivityDetailTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.activity = Activity.objects.get(
            measure__dimension__plan=cls.plan,
            measure__dimension__number=1,
            measure__number=3,
            position=2,
        )
        cls.url = reverse("tracking:activity-detail", args=[cls.activity.pk])

    def test_it_shows_period_groups_units_evidence_and_targets(self):
        self.login(self.district_b_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "E-Learning")
        self.assertContains(response, "1 มกราคม 2566")
        self.assertContains(response, "30 มิถุนายน 2566")
        self.assertContains(response, "ม.ค. – มิ.ย. ๖๖")
        self.assertContains(response, "กลุ่มงานประสานและบริหารทั่วไป")
        self.assertContains(response, "ร้อยละ ๘๐")

    def test_it_hides_the_activity_from_another_province(self):
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_answers_404_for_an_activity_that_does_not_exist(self):
        self.login(self.provincial_officer)
        missing = reverse("tracking:activity-detail", args=[Activity.objects.count() + 1000])
        self.assertEqual(self.client.get(missing).status_code, 404)

    def test_it_sends_the_anonymous_citizen_to_the_login_page(self):
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_it_refuses_post(self):
        self.login(self.provincial_officer)
        self.assertEqual(self.client.post(self.url).status_code, 405)
