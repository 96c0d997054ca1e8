"""The survey list shows one fiscal year, chosen with the app's one year picker: a
Buddhist-era year asked for (also in Thai digits, remembered for the next pages), else the
default year; a year that is not one gets a Thai message, never a 500."""

from django.urls import reverse

from saisaat.surveys.tests.factories import make_survey
from saisaat.testing.base import PersonaTestCase


class SurveyListYearTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_survey(cls.province, fiscal_year=2566, title="แบบประเมินปี 2566")
        make_survey(cls.province, fiscal_year=2567, title="แบบประเมินปี 2567")

    def setUp(self):
        self.client.force_login(self.approver)
        self.url = reverse("surveys:survey-list")

    def test_it_opens_on_the_newest_year_and_offers_the_others(self):
        response = self.client.get(self.url)
        self.assertEqual(response.context["years"], [2567, 2566])
        self.assertContains(response, "แบบประเมินปี 2567")
        self.assertNotContains(response, "แบบประเมินปี 2566")
        self.assertContains(response, 'class="year-picker"')
        self.assertContains(response, '?year=2566"')

    def test_it_takes_a_buddhist_year_in_thai_digits_and_remembers_it(self):
        response = self.client.get(self.url, {"year": "๒๕๖๖"})
        self.assertContains(response, "แบบประเมินปี 2566")
        self.assertNotContains(response, "แบบประเมินปี 2567")
        # The next page opens on the year chosen.
        self.assertContains(self.client.get(self.url), "แบบประเมินปี 2566")

    def test_a_year_without_surveys_says_so(self):
        response = self.client.get(self.url, {"year": "2560"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ไม่มีแบบประเมินในปีงบประมาณ 2560")
        self.assertIn(2560, response.context["years"])

    def test_a_christian_era_year_gets_a_thai_message(self):
        response = self.client.get(self.url, {"year": "2024"})
        self.assertContains(response, "ปี 2024 เป็นปีคริสต์ศักราช", status_code=400)
        self.assertContains(response, "(2567)", status_code=400)
        # Above the default year's list, not instead of it.
        self.assertContains(response, "แบบประเมินปี 2567", status_code=400)

    def test_a_year_that_is_no_year_gets_a_thai_message_not_a_500(self):
        for year in ("abc", "99999999999999999999", "-1", "²", "๒๕๖"):
            response = self.client.get(self.url, {"year": year})
            self.assertContains(response, "ไม่ใช่ปีงบประมาณ", status_code=400)
