from django.urls import reverse

from saisaat.plans.importer import import_plan
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase


class PlanListTests(PersonaTestCase):
    url = reverse("plans:plan-list")

    def test_it_goes_straight_to_the_only_plan(self):
        self.login(self.district_a_officer)
        response = self.client.get(self.url)
        self.assertRedirects(response, self.plan.get_absolute_url())

    def test_it_lists_the_plans_of_the_users_province_only(self):
        parsed = parse_plan_text(read_plan_file(PLAN_FILE))
        other = import_plan(parsed, unit=self.other_province, fiscal_year=2566).plan
        import_plan(parsed, unit=self.province, fiscal_year=2567)
        self.login(self.provincial_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        plans = response.context["plans"]
        self.assertEqual([p.fiscal_year for p in plans], [2567, 2566])
        self.assertNotIn(other, plans)

    def test_it_shows_an_empty_list_to_a_province_without_a_plan(self):
        self.login(self.other_province_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["plans"], [])

    def test_it_sends_the_anonymous_citizen_to_the_login_page(self):
        self.assertEqual(self.client.get(self.url).status_code, 302)

    def test_it_refuses_post(self):
        self.login(self.provincial_officer)
        self.assertEqual(self.client.post(self.url).status_code, 405)
