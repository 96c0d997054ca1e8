"""The survey list and the results page keep the same number of queries as surveys and
responses grow."""

from django.urls import reverse

from saisaat.surveys.tests.factories import answer, make_survey
from saisaat.testing.base import PersonaTestCase


class QueryCountTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.province)
        answer(cls.survey, speed=5, politeness=4, sex="หญิง", topics=["OTOP"], suggestion="ดี")

    def grow(self):
        """Thirty more responses of every kind, and more surveys in more units."""
        for n in range(30):
            answer(
                self.survey,
                speed=1 + n % 5,
                politeness=5,
                sex=["ชาย", "หญิง"][n % 2],
                topics=["OTOP", "อื่น ๆ"][: 1 + n % 2],
                suggestion=f"ข้อเสนอ {n}",
            )
        for unit in (self.province, self.district_a, self.district_b):
            for n in range(3):
                answer(make_survey(unit, title=f"แบบ {n}"), speed=4)

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_survey_list(self):
        # session, user, the user's unit, survey years, plan years (the year picker), the
        # latest plan year (for a manager's new-survey form), surveys with their response
        # counts.
        self.assert_constant(self.approver, reverse("surveys:survey-list"), 7)

    def test_survey_list_of_an_officer(self):
        # session, user, the user's unit, survey years, the office's province (whose
        # plan it follows) and its plan years (the year picker), surveys with their
        # response counts.
        self.assert_constant(self.district_a_officer, reverse("surveys:survey-list"), 7)

    def test_results_page(self):
        # session, user, the survey, the user's unit, sections, questions, their options,
        # the response count, grouped answer counts, respondents per question, texts,
        # the responses' address digests and times (bursts flagged).
        url = reverse("surveys:survey-results", args=[self.survey.pk])
        self.assert_constant(self.provincial_officer, url, 12)

    def test_results_page_of_a_manager(self):
        # ... and the assignment of the linked activity (none linked here: no query).
        url = reverse("surveys:survey-results", args=[self.survey.pk])
        self.assert_constant(self.approver, url, 12)

    def test_survey_page(self):
        # session, user, the survey, the user's unit, sections, questions, options,
        # the response count.
        self.assert_constant(self.approver, self.survey.get_absolute_url(), 8)

    def test_public_form(self):
        # the survey, the cookie's response is not looked up without a cookie, questions,
        # options, sections.
        url = reverse("surveys:public", args=[self.survey.public_token])
        self.client.get(url)
        with self.assertNumQueries(4):
            self.client.get(url)
        self.grow()
        with self.assertNumQueries(4):
            self.client.get(url)
