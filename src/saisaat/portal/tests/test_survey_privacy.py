"""A survey's results reach the public only from SAISAAT_SURVEY_MIN_PUBLIC_RESPONSES (5)
responses on, an option chosen by fewer people shows no count, and the public pages count
the written answers without loading them."""

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question, Survey
from saisaat.testing.base import PersonaTestCase


class SurveyPrivacyTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def make_survey(self, responses: int, *, rare_choices: int = 1) -> Survey:
        survey = surveys.create_survey(self.district_a, fiscal_year=2566, title="แบบสำรวจทดสอบเกณฑ์")
        section = surveys.add_section(survey, title="ผู้ตอบ")
        self.gender = surveys.add_question(
            section, kind=Question.Kind.SINGLE, text="เพศ", choices=["ชาย", "หญิง", "อื่น ๆ"]
        )
        self.note = surveys.add_question(
            section, kind=Question.Kind.TEXT, text="ข้อเสนอแนะ", required=False
        )
        surveys.set_open(survey, True)
        man, woman, other = self.gender.choices.order_by("position")
        for number in range(responses):
            option = other if number < rare_choices else (man if number % 2 else woman)
            surveys.submit_response(
                survey, {self.gender.pk: option.pk, self.note.pk: f"คำตอบลับ {number}"}
            )
        return survey

    def urls(self, survey):
        code = self.district_a.code
        return (
            reverse("portal:survey", args=[code, survey.pk]),
            reverse("portal:survey-data", args=[code, survey.pk, "json"]),
            reverse("portal:survey-data", args=[code, survey.pk, "csv"]),
        )

    def test_too_few_responses_are_neither_published_nor_served(self):
        survey = self.make_survey(2)
        with self.assertRaises(ValidationError) as raised:
            surveys.set_results_published(survey, True, acting_user=self.district_a_head)
        self.assertIn("5", " ".join(raised.exception.messages))
        # Through the page: a message, no 500, still unpublished.
        self.client.force_login(self.district_a_head)
        toggle = reverse("surveys:survey-results-public", args=[survey.pk])
        self.assertEqual(self.client.post(toggle, {"publish": "1"}).status_code, 302)
        self.client.logout()
        survey.refresh_from_db()
        self.assertFalse(survey.results_published)
        # A flag set before the rule (or behind its back) does not serve them either.
        Survey.objects.filter(pk=survey.pk).update(results_published=True)
        for url in self.urls(survey):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        listing = self.client.get(reverse("portal:surveys", args=[self.district_a.code]))
        self.assertNotContains(listing, "แบบสำรวจทดสอบเกณฑ์")

    def test_an_option_chosen_by_fewer_than_five_shows_no_count(self):
        survey = self.make_survey(12, rare_choices=1)
        surveys.set_results_published(survey, True, acting_user=self.district_a_head)
        page, data, _csv = self.urls(survey)
        rows = self.client.get(data).json()["rows"]
        counts = {r["option"]: r["count"] for r in rows if r["kind"] == "single"}
        self.assertEqual(counts, {"ชาย": 6, "หญิง": 5, "อื่น ๆ": None})
        response = self.client.get(page)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "5")
        self.assertNotContains(response, "คำตอบลับ")

    def test_the_public_page_counts_written_answers_without_loading_them(self):
        survey = self.make_survey(6)
        surveys.set_results_published(survey, True, acting_user=self.district_a_head)
        page, data, _csv = self.urls(survey)
        for url in (page, data):
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            selects = [q["sql"].split(" FROM ")[0] for q in queries.captured_queries]
            self.assertFalse(
                [s for s in selects if '"surveys_answer"."text"' in s], f"{url} loads texts"
            )
        self.assertEqual(response.json()["rows"][-1]["answered"], 6)
        self.assertEqual(self.client.get(page).context["results"].questions[-1].text_count, 6)


class UnknownDataTests(PersonaTestCase):
    load_plan = False

    def test_an_unknown_json_address_answers_a_json_404_without_a_cookie(self):
        code = self.district_a.code
        for url in (
            reverse("portal:survey-data", args=[code, 999, "json"]),
            reverse("portal:dataset", args=[code, "no-such-data", "json"]),
            reverse("portal:survey-data", args=["9999", 1, "json"]),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertEqual(response["Content-Type"], "application/json", url)
            self.assertIn("error", response.json())
            self.assertNotIn("csrftoken", response.cookies, url)
