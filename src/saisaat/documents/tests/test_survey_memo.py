"""A satisfaction survey's results drafted as a report memo to the supervisor (2.3.4,
4.4.2): the figures are the results page's own, the memo is tied to the office's
assignment of the survey's plan activity, and only those who see the survey draft it."""

from django.urls import reverse

from saisaat.documents.kinds import KINDS
from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question
from saisaat.surveys.results import compute_results
from saisaat.tracking.models import Assignment


class SurveyMemoTests(DocumentsTestCase):
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.office_assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk")[1]
        cls.survey = surveys.create_survey(
            cls.district_a,
            fiscal_year=2566,
            title="แบบสำรวจความพึงพอใจต่อการให้บริการ",
            activity=cls.office_assignment.activity,
            acting_user=cls.district_a_head,
        )
        section = surveys.add_section(
            cls.survey, title="การให้บริการ", acting_user=cls.district_a_head
        )
        question = surveys.add_question(
            section, kind=Question.Kind.SCALE, text="ความรวดเร็ว", acting_user=cls.district_a_head
        )
        surveys.set_open(cls.survey, True, acting_user=cls.district_a_head)
        for score in (5, 5, 4, 3):
            surveys.submit_response(cls.survey, {question.pk: score})
        cls.url = reverse("documents:memo-new", args=["survey"]) + f"?survey={cls.survey.pk}"

    def test_the_memo_states_the_results_pages_figures(self):
        results = compute_results(self.survey)
        self.login(self.district_a_officer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        draft = response.context["draft"]
        self.assertEqual(
            draft.subject,
            "รายงานผลแบบสำรวจความพึงพอใจต่อการให้บริการ ประจำปีงบประมาณ พ.ศ. 2566",
        )
        body = "\n".join(draft.paragraphs)
        self.assertIn("มีผู้ตอบแบบสำรวจทั้งสิ้น 4 ราย", body)
        # (5 + 5 + 4 + 3) / 4 = 4.25: "มาก"; three of four gave 4 or 5.
        self.assertEqual(results.overall.mean, 4.25)
        self.assertIn("ค่าเฉลี่ย 4.25 จากคะแนนเต็ม 5", body)
        self.assertIn("อยู่ในระดับมาก", body)
        self.assertIn("ร้อยละ 75.00", body)
        self.assertIn("เป็นเกณฑ์ที่สำนักงานเลือกใช้", body)
        self.assertEqual(draft.assignment, self.office_assignment)

    def test_only_those_who_see_the_survey_draft_it(self):
        for persona, status in (
            ("district_b_officer", 404),
            ("other_province_officer", 404),
            ("provincial_officer", 200),
        ):
            self.login(getattr(self, persona))
            self.assertEqual(self.client.get(self.url).status_code, status, persona)

    def test_bad_parameters_get_a_400_not_a_500(self):
        self.login(self.district_a_officer)
        base = reverse("documents:memo-new", args=["survey"])
        for query in ("", "?survey=", "?survey=abc", "?survey=99999999999999999999"):
            self.assertEqual(self.client.get(base + query).status_code, 400, query)
        empty = surveys.create_survey(
            self.district_a, fiscal_year=2566, title="ยังไม่มีผู้ตอบ", acting_user=self.district_a_head
        )
        response = self.client.get(base + f"?survey={empty.pk}")
        self.assertEqual(response.status_code, 400)

    def test_it_is_registered_and_offered_on_the_results_page(self):
        self.assertIn("survey", KINDS)
        self.login(self.district_a_head)
        page = self.client.get(reverse("surveys:survey-results", args=[self.survey.pk]))
        self.assertContains(page, self.url.replace("&", "&amp;"))
