"""Building surveys: sections, questions, order, the lock after the first response,
copies, and surveys made from the shipped templates."""

from io import StringIO

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from saisaat.surveys import services
from saisaat.surveys.catalog import MORAL_ORGANISATION, SERVICE, TEMPLATES
from saisaat.surveys.models import Choice, Question, Survey
from saisaat.surveys.tests.factories import answer, make_survey
from saisaat.testing.base import PersonaTestCase


class BuilderTests(PersonaTestCase):
    load_plan = False

    def test_it_numbers_questions_and_moves_them(self):
        survey = make_survey(self.province)
        section = survey.sections.get()
        texts = lambda: list(section.questions.order_by("position").values_list("text", flat=True))  # noqa: E731
        first = section.questions.get(text="ความรวดเร็ว")
        services.move_question(first, "down")
        self.assertEqual(texts()[:2], ["ความสุภาพ", "ความรวดเร็ว"])
        services.move_question(section.questions.get(text="ความสุภาพ"), "up")  # already first
        self.assertEqual(texts()[0], "ความสุภาพ")
        services.delete_question(section.questions.get(text="เพศ"))
        self.assertEqual(
            list(section.questions.order_by("position").values_list("position", flat=True)),
            [1, 2, 3, 4],
        )

    def test_it_moves_sections(self):
        survey = make_survey(self.province, is_open=False)
        second = services.add_section(survey, title="ข้อเสนอแนะ")
        services.move_section(second, "up")
        self.assertEqual(
            list(survey.sections.order_by("position").values_list("title", flat=True)),
            ["ข้อเสนอแนะ", "ด้านการให้บริการ"],
        )

    def test_changing_a_question_kind_replaces_its_options(self):
        survey = make_survey(self.province, is_open=False)
        question = survey.questions.get(text="เพศ")
        services.update_question(
            question, section=question.section, kind="scale", text="ความพึงพอใจ", required=True
        )
        self.assertFalse(Choice.objects.filter(question=question).exists())

    def test_it_locks_questions_once_there_is_a_response(self):
        survey = make_survey(self.province)
        answer(survey, speed=5)
        section = survey.sections.get()
        question = survey.questions.first()
        attempts = [
            lambda: services.add_section(survey, title="ใหม่"),
            lambda: services.update_section(section, title="ใหม่"),
            lambda: services.delete_section(section),
            lambda: services.move_section(section, "down"),
            lambda: services.add_question(section, kind="text", text="ใหม่"),
            lambda: services.update_question(question, section=section, kind="text", text="x"),
            lambda: services.delete_question(question),
            lambda: services.move_question(question, "down"),
            lambda: services.delete_survey(survey),
        ]
        for attempt in attempts:
            with self.assertRaises(services.SurveyLocked):
                attempt()
        # Title and state stay editable.
        services.update_survey(
            survey, fiscal_year=2566, title="ชื่อใหม่", description="", activity=None
        )
        services.set_open(survey, False)

    def test_a_locked_survey_page_offers_a_copy_not_edits(self):
        survey = make_survey(self.province)
        answer(survey, speed=4)
        self.login(self.approver)
        page = self.client.get(survey.get_absolute_url())
        self.assertContains(page, reverse("surveys:survey-copy", args=[survey.pk]))
        self.assertNotContains(page, reverse("surveys:question-add", args=[survey.pk]))
        question = survey.questions.first()
        response = self.client.post(
            reverse("surveys:question-edit", args=[question.pk]),
            {"section": question.section_id, "kind": "scale", "text": "แก้"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "error-summary", status_code=400)
        question.refresh_from_db()
        self.assertEqual(question.text, "ความรวดเร็ว")

    def test_a_copy_has_the_questions_and_no_responses(self):
        survey = make_survey(self.province)
        answer(survey, speed=4)
        copy = services.copy_survey(survey)
        self.assertFalse(copy.is_open)
        self.assertEqual(copy.responses.count(), 0)
        self.assertEqual(
            list(copy.questions.values_list("text", "kind")),
            list(survey.questions.values_list("text", "kind")),
        )
        self.assertEqual(Choice.objects.filter(question__survey=copy).count(), 5)
        services.add_question(copy.sections.get(), kind="text", text="ใหม่")  # not locked

    def test_it_opens_only_a_survey_with_questions(self):
        survey = services.create_survey(self.province, fiscal_year=2566, title="ว่าง")
        with self.assertRaises(ValidationError):
            services.set_open(survey, True)

    def test_the_question_form_wants_two_options_for_a_choice(self):
        survey = make_survey(self.province, is_open=False)
        self.login(self.approver)
        url = reverse("surveys:question-add", args=[survey.pk])
        data = {"section": survey.sections.get().pk, "kind": "single", "text": "เลือก"}
        response = self.client.post(url, data | {"choices": "ข้อเดียว"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "เลือก", status_code=400)  # what was typed stays
        response = self.client.post(url, data | {"choices": "ใช่\n\nไม่ใช่\nใช่"})
        self.assertEqual(response.status_code, 302)
        question = survey.questions.get(text="เลือก")
        self.assertEqual(list(question.choices.values_list("text", flat=True)), ["ใช่", "ไม่ใช่"])

    def test_the_survey_form_refuses_a_common_era_year(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("surveys:survey-create"), {"title": "แบบ", "fiscal_year": "2023"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="แบบ"', status_code=400)
        self.assertFalse(Survey.objects.exists())


class TemplateTests(PersonaTestCase):
    def test_the_service_template_covers_the_five_aspects_and_links_the_plan_activity(self):
        survey = services.create_from_template(SERVICE, self.province, 2566)
        titles = list(survey.sections.values_list("title", flat=True))
        for aspect in ("ขั้นตอน", "ระยะเวลา", "เจ้าหน้าที่", "สิ่งอำนวยความสะดวก", "ความโปร่งใส"):
            self.assertTrue(any(aspect in t for t in titles), aspect)
        self.assertTrue(survey.questions.filter(kind=Question.Kind.TEXT).exists())
        self.assertIn("ประเมินความพึงพอใจการให้บริการ", survey.activity.text)
        self.assertEqual(survey.activity.measure.dimension.number, 2)
        self.assertEqual(survey.activity.measure.dimension.plan, self.plan)

    def test_the_moral_organisation_template_links_dimension_four(self):
        survey = services.create_from_template(MORAL_ORGANISATION, self.province, 2566)
        self.assertEqual(survey.activity.measure.dimension.number, 4)
        self.assertIn("องค์กรคุณธรรม", survey.activity.text)
        # The districts run this activity too.
        district = services.create_from_template(MORAL_ORGANISATION, self.district_a, 2566)
        self.assertEqual(district.activity, survey.activity)

    def test_the_service_activity_is_the_provincial_office_s_only(self):
        survey = services.create_from_template(SERVICE, self.district_a, 2566)
        self.assertIsNone(survey.activity)

    def test_a_year_without_a_plan_gets_no_link(self):
        self.assertIsNone(services.create_from_template(SERVICE, self.province, 2567).activity)

    def test_a_manager_creates_from_a_template_in_one_click(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("surveys:survey-from-template"),
            {"template": MORAL_ORGANISATION, "fiscal_year": "2566"},
        )
        survey = Survey.objects.get(template_key=MORAL_ORGANISATION)
        self.assertRedirects(response, survey.get_absolute_url())
        self.assertEqual(survey.created_by, self.approver)
        self.assertGreater(survey.questions.count(), 5)

    def test_an_unknown_template_is_refused_with_a_message(self):
        self.login(self.approver)
        response = self.client.post(
            reverse("surveys:survey-from-template"), {"template": "nope", "fiscal_year": "2566"}
        )
        self.assertRedirects(response, reverse("surveys:survey-list"))
        self.assertFalse(Survey.objects.exists())

    def test_the_command_creates_the_templates_once(self):
        out = StringIO()
        call_command("survey_templates", unit="43", year=2566, stdout=out)
        call_command("survey_templates", unit="43", year=2566, stdout=out)
        self.assertEqual(Survey.objects.filter(unit=self.province).count(), len(TEMPLATES))
        self.assertEqual(out.getvalue().count("created:"), 2)
        self.assertEqual(out.getvalue().count("exists:"), 2)
