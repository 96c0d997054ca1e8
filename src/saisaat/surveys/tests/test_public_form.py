"""The public questionnaire: anonymous answers, one response per device, bad input."""

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from saisaat.surveys import services
from saisaat.surveys.models import Answer, Response
from saisaat.surveys.tests.factories import make_survey, questions_of
from saisaat.testing.base import PersonaTestCase


class PublicFormTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.province)
        cls.q = questions_of(cls.survey)
        cls.choice = {c.text: c.pk for q in cls.q.values() for c in q.choices.all()}
        cls.url = reverse("surveys:public", args=[cls.survey.public_token])

    def setUp(self):
        cache.clear()

    def data(self, **extra):
        data = {
            f"q{self.q['ความรวดเร็ว'].pk}": "5",
            f"q{self.q['ความสุภาพ'].pk}": "4",
            f"q{self.q['เพศ'].pk}": str(self.choice["หญิง"]),
            f"q{self.q['เรื่องที่มาติดต่อ'].pk}": [
                str(self.choice["OTOP"]),
                str(self.choice["อื่น ๆ"]),
            ],
            f"q{self.q['ข้อเสนอแนะ'].pk}": "บริการดีมาก",
        }
        data.update(extra)
        return data

    def speed_name(self):
        return f'name="{self.field("ความรวดเร็ว")}"'

    def field(self, text):
        return f"q{self.q[text].pk}"

    def test_it_shows_the_questionnaire_without_login(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ความรวดเร็ว")
        self.assertContains(response, self.speed_name(), count=5)

    def test_it_saves_an_anonymous_response_and_thanks(self):
        response = self.client.post(self.url, self.data())
        self.assertRedirects(
            response, reverse("surveys:public-thanks", args=[self.survey.public_token])
        )
        saved = Response.objects.get(survey=self.survey)
        answers = saved.answers.all()
        self.assertEqual(
            sorted((a.question.text, a.scale_value) for a in answers if a.scale_value),
            [("ความรวดเร็ว", 5), ("ความสุภาพ", 4)],
        )
        self.assertEqual(
            sorted(a.choice.text for a in answers if a.question.text == "เรื่องที่มาติดต่อ"),
            ["OTOP", "อื่น ๆ"],
        )
        self.assertEqual(answers.get(question=self.q["ข้อเสนอแนะ"]).text, "บริการดีมาก")

    def test_a_second_visit_says_thank_you_and_changing_answers_adds_no_response(self):
        self.client.post(self.url, self.data())
        again = self.client.get(self.url)
        self.assertContains(again, "?change=1")
        self.assertNotContains(again, self.speed_name())
        change = self.client.get(self.url + "?change=1")
        self.assertContains(change, "บริการดีมาก")  # earlier answers filled in
        self.client.post(self.url, self.data(**{self.field("ความรวดเร็ว"): "2"}))
        self.assertEqual(Response.objects.filter(survey=self.survey).count(), 1)
        self.assertEqual(Answer.objects.get(question=self.q["ความรวดเร็ว"]).scale_value, 2)

    def test_another_device_adds_a_response(self):
        self.client.post(self.url, self.data())
        self.client.cookies.clear()
        self.client.post(self.url, self.data())
        self.assertEqual(Response.objects.filter(survey=self.survey).count(), 2)

    def test_a_tampered_cookie_counts_as_a_new_device(self):
        self.client.post(self.url, self.data())
        name = f"saisaat-survey-{self.survey.pk}"
        self.client.cookies[name] = Response.objects.get().key  # unsigned
        self.assertContains(self.client.get(self.url), self.speed_name())
        self.client.post(self.url, self.data())
        self.assertEqual(Response.objects.count(), 2)

    def test_a_closed_survey_gets_a_polite_page_and_takes_nothing(self):
        services.set_open(self.survey, False)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, self.speed_name())
        self.assertEqual(self.client.post(self.url, self.data()).status_code, 403)
        self.assertFalse(Response.objects.exists())

    def test_an_unknown_link_is_not_found(self):
        url = reverse("surveys:public", args=["not-a-real-token"])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_missing_required_answer_keeps_what_was_typed(self):
        data = self.data(**{self.field("ข้อเสนอแนะ"): "อยากให้มีที่จอดรถ"})
        del data[self.field("ความรวดเร็ว")]
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "has-error", status_code=400)
        self.assertContains(response, "อยากให้มีที่จอดรถ", status_code=400)
        self.assertContains(response, f'value="{self.choice["OTOP"]}"', status_code=400)
        self.assertFalse(Response.objects.exists())

    def test_it_refuses_100_kb_of_text_with_a_message(self):
        response = self.client.post(self.url, self.data(**{self.field("ข้อเสนอแนะ"): "ก" * 100_000}))
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Response.objects.exists())

    def test_it_refuses_marks_without_letters(self):
        marks = "\u0e31\u0e34\u0e48\u0e49"  # mai han-akat, sara i, mai ek, mai tho
        response = self.client.post(self.url, self.data(**{self.field("ข้อเสนอแนะ"): marks}))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'class="error"', status_code=400)
        self.assertFalse(Response.objects.exists())

    def test_it_keeps_html_as_text_and_shows_it_escaped(self):
        script = "<script>alert('x')</script><b>ตัวหนา</b>"
        self.client.post(self.url, self.data(**{self.field("ข้อเสนอแนะ"): script}))
        self.assertEqual(Answer.objects.get(question=self.q["ข้อเสนอแนะ"]).text, script)
        self.login(self.approver)
        page = self.client.get(reverse("surveys:survey-results", args=[self.survey.pk]))
        self.assertNotContains(page, "<script>alert")
        self.assertContains(page, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")

    def test_it_refuses_options_of_other_questions_and_bad_scores(self):
        tampered = [
            {self.field("เพศ"): str(self.choice["OTOP"])},
            {self.field("เพศ"): "99999"},
            {self.field("เพศ"): "abc"},
            {self.field("เรื่องที่มาติดต่อ"): [str(self.choice["ชาย"])]},
            {self.field("ความรวดเร็ว"): "6"},
            {self.field("ความรวดเร็ว"): "0"},
            {self.field("ความรวดเร็ว"): "<b>5</b>"},
        ]
        for extra in tampered:
            with self.subTest(extra=extra):
                response = self.client.post(self.url, self.data(**extra))
                self.assertEqual(response.status_code, 400)
        self.assertFalse(Response.objects.exists())

    def test_it_ignores_fields_that_are_not_questions(self):
        other = make_survey(self.district_a, title="อื่น")
        foreign = other.questions.first()
        response = self.client.post(self.url, self.data(**{f"q{foreign.pk}": "1", "q0": "x"}))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Answer.objects.filter(question=foreign).exists())

    def test_it_refuses_a_post_without_the_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post(self.url, self.data()).status_code, 403)

    @override_settings(SAISAAT_SURVEY_RESPONSES_PER_ADDRESS=2)
    def test_it_limits_responses_per_address_and_keeps_the_answers(self):
        for _ in range(2):
            self.client.cookies.clear()
            self.assertEqual(self.client.post(self.url, self.data()).status_code, 302)
        self.client.cookies.clear()
        response = self.client.post(self.url, self.data())
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "บริการดีมาก", status_code=429)
        self.assertEqual(Response.objects.count(), 2)

    def test_the_results_count_people_and_answers_apart(self):
        self.client.post(self.url, self.data())
        self.login(self.approver)
        page = self.client.get(reverse("surveys:survey-results", args=[self.survey.pk]))
        overall = page.context["results"].overall
        self.assertEqual(overall.n, 2)  # one person scored two questions
        self.assertContains(page, "จำนวนผู้ตอบ (คน) <strong>1</strong>")
        self.assertContains(page, f"จำนวนคำตอบ <strong>{overall.n}</strong>")
