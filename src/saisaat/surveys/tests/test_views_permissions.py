"""What each persona gets from each survey view: 200, 302, 403, 404 or 405.

Managers are the approvers and administrators of the survey's unit; everyone else who can
see the unit reads the survey and its results; other districts and provinces get 404."""

from django.urls import reverse

from saisaat.surveys.models import Question, Response, Section, Survey
from saisaat.surveys.tests.factories import answer, make_survey
from saisaat.testing.base import PERSONAS, PersonaTestCase

MANAGERS = ("approver", "administrator")
# Who sees what on a survey of the provincial office (43).
READ = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}


def manage(ok: int) -> dict:
    """Statuses for a manager-only view of the province's survey."""
    return {
        "provincial_officer": 403,
        "approver": ok,
        "administrator": ok,
        "district_a_officer": 404,
        "district_b_officer": 404,
        "other_province_officer": 404,
        "department_officer": 403,
        "anonymous": 302,
    }


class SurveyPermissionTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.province, user=cls.approver)
        cls.section = cls.survey.sections.get()
        cls.question = cls.survey.questions.order_by("position").first()
        cls.district_survey = make_survey(cls.district_a, title="แบบประเมินของอำเภอ")

    def url(self, name, *args):
        return reverse(f"surveys:{name}", args=args)

    def test_survey_list(self):
        expected = {name: 200 for name in PERSONAS} | {"anonymous": 302}
        self.assert_statuses("get", self.url("survey-list"), expected)
        self.assert_statuses("post", self.url("survey-list"), {"approver": 405})

    def test_the_list_shows_only_visible_surveys(self):
        self.client.force_login(self.district_b_officer)
        self.assertNotContains(self.client.get(self.url("survey-list")), "แบบประเมินทดสอบ")
        self.client.force_login(self.district_a_officer)
        page = self.client.get(self.url("survey-list"))
        self.assertContains(page, "แบบประเมินของอำเภอ")
        self.assertNotContains(page, "แบบประเมินทดสอบ")

    def test_creating_a_survey(self):
        url = self.url("survey-create")
        expected = {
            "provincial_officer": 403,
            "approver": 200,
            "administrator": 200,
            "district_a_officer": 403,
            "district_b_officer": 403,
            "other_province_officer": 403,
            # An administrator of the department runs the department's own surveys.
            "department_officer": 200,
            "anonymous": 302,
        }
        self.assert_statuses("get", url, expected)
        data = {"title": "แบบใหม่", "fiscal_year": "2566", "description": ""}
        posted = {k: (302 if v == 200 else v) for k, v in expected.items()}
        self.assert_statuses("post", url, posted, data)
        self.assertEqual(Survey.objects.filter(title="แบบใหม่").count(), 3)

    def test_creating_from_a_template(self):
        url = self.url("survey-from-template")
        data = {"template": "service", "fiscal_year": "2566"}
        self.assert_statuses(
            "post",
            url,
            {
                "provincial_officer": 403,
                "approver": 302,
                "district_a_officer": 403,
                "other_province_officer": 403,
                "anonymous": 302,
            },
            data,
        )
        self.assertEqual(Survey.objects.filter(template_key="service").count(), 1)
        self.assert_statuses("get", url, {"approver": 405})

    def test_survey_page(self):
        self.assert_statuses("get", self.survey.get_absolute_url(), READ)
        self.assert_statuses("post", self.survey.get_absolute_url(), {"approver": 405})

    def test_a_district_survey_is_read_by_its_district_and_the_province_only(self):
        expected = {
            "provincial_officer": 200,
            "approver": 200,
            "district_a_officer": 200,
            "district_b_officer": 404,
            "other_province_officer": 404,
            "department_officer": 200,
            "anonymous": 302,
        }
        self.assert_statuses("get", self.district_survey.get_absolute_url(), expected)
        # The province's approver reads it but does not run the district's survey.
        edit = self.url("survey-edit", self.district_survey.pk)
        self.assert_statuses(
            "get", edit, {"approver": 403, "district_a_officer": 403, "district_b_officer": 404}
        )

    def test_editing_a_survey(self):
        url = self.url("survey-edit", self.survey.pk)
        self.assert_statuses("get", url, manage(200))
        data = {"title": "ชื่อใหม่", "fiscal_year": "2566", "description": ""}
        self.assert_statuses("post", url, manage(302), data)
        self.survey.refresh_from_db()
        self.assertEqual(self.survey.title, "ชื่อใหม่")

    def test_opening_and_closing(self):
        url = self.url("survey-state", self.survey.pk)
        self.assert_statuses("post", url, manage(302), {"open": "0"})
        self.survey.refresh_from_db()
        self.assertFalse(self.survey.is_open)
        self.assert_statuses("get", url, {"approver": 405})

    def test_copying(self):
        url = self.url("survey-copy", self.survey.pk)
        self.assert_statuses("post", url, manage(302))
        self.assertEqual(Survey.objects.filter(unit=self.province).count(), 3)
        self.assert_statuses("get", url, {"approver": 405})

    def test_deleting(self):
        def fresh():
            self.target = make_survey(self.province, title="ลบได้")

        for name, expected in manage(302).items():
            fresh()
            url = self.url("survey-delete", self.target.pk)
            with self.subTest(persona=name):
                self.assertEqual(self.status_for(name, "post", url), expected)
                self.assertEqual(
                    Survey.objects.filter(pk=self.target.pk).exists(), name not in MANAGERS
                )
        self.assert_statuses("get", self.url("survey-delete", self.survey.pk), {"approver": 405})

    def test_adding_a_section(self):
        url = self.url("section-add", self.survey.pk)
        self.assert_statuses("post", url, manage(302), {"title": "ด้านใหม่"})
        self.assertEqual(Section.objects.filter(title="ด้านใหม่").count(), 2)
        self.assert_statuses("get", url, {"approver": 405})

    def test_editing_a_section(self):
        url = self.url("section-edit", self.section.pk)
        self.assert_statuses("get", url, manage(200))
        self.assert_statuses("post", url, manage(302), {"title": "ด้านเจ้าหน้าที่"})

    def test_moving_a_section(self):
        url = self.url("section-move", self.section.pk)
        self.assert_statuses("post", url, manage(302), {"direction": "down"})
        self.assert_statuses("get", url, {"approver": 405})

    def test_deleting_a_section(self):
        for name, expected in manage(302).items():
            section = Section.objects.create(survey=self.survey, position=9, title="ลบ")
            url = self.url("section-delete", section.pk)
            with self.subTest(persona=name):
                self.assertEqual(self.status_for(name, "post", url), expected)
                self.assertEqual(
                    Section.objects.filter(pk=section.pk).exists(), name not in MANAGERS
                )
        self.assert_statuses("get", self.url("section-delete", self.section.pk), {"approver": 405})

    def test_adding_a_question(self):
        url = self.url("question-add", self.survey.pk)
        self.assert_statuses("get", url, manage(200))
        data = {"section": self.section.pk, "kind": "scale", "text": "ข้อใหม่", "required": "on"}
        self.assert_statuses("post", url, manage(302), data)
        self.assertEqual(Question.objects.filter(text="ข้อใหม่").count(), 2)

    def test_editing_a_question(self):
        url = self.url("question-edit", self.question.pk)
        self.assert_statuses("get", url, manage(200))
        data = {"section": self.section.pk, "kind": "scale", "text": "ความรวดเร็วในการบริการ"}
        self.assert_statuses("post", url, manage(302), data)

    def test_moving_a_question(self):
        url = self.url("question-move", self.question.pk)
        self.assert_statuses("post", url, manage(302), {"direction": "down"})
        self.assert_statuses("get", url, {"approver": 405})

    def test_deleting_a_question(self):
        for name, expected in manage(302).items():
            question = Question.objects.create(
                survey=self.survey, section=self.section, position=20, kind="text", text="ลบ"
            )
            url = self.url("question-delete", question.pk)
            with self.subTest(persona=name):
                self.assertEqual(self.status_for(name, "post", url), expected)
                self.assertEqual(
                    Question.objects.filter(pk=question.pk).exists(), name not in MANAGERS
                )
        self.assert_statuses(
            "get", self.url("question-delete", self.question.pk), {"approver": 405}
        )

    def test_results(self):
        answer(self.survey, speed=5)
        self.assert_statuses("get", self.url("survey-results", self.survey.pk), READ)
        self.assert_statuses("post", self.url("survey-results", self.survey.pk), {"approver": 405})

    def test_results_workbook(self):
        self.assert_statuses("get", self.url("survey-results-xlsx", self.survey.pk), READ)

    def test_attaching_results_as_evidence(self):
        url = self.url("survey-attach-evidence", self.survey.pk)
        # Not linked to an activity: managers are sent back with a message.
        self.assert_statuses("post", url, manage(302))
        self.assert_statuses("get", url, {"approver": 405})

    def test_qr_codes_and_poster(self):
        for name in ("survey-qr-png", "survey-qr-svg", "survey-poster"):
            url = self.url(name, self.survey.pk)
            self.assert_statuses("get", url, manage(200))
            self.assert_statuses("post", url, {"approver": 405})

    def test_public_form_of_an_open_survey(self):
        url = self.url("public", self.survey.public_token)
        expected = {name: 200 for name in PERSONAS}
        self.assert_statuses("get", url, expected)
        self.assert_statuses("put", url, {"anonymous": 405})
        q = self.survey.questions.get(text="ความรวดเร็ว")
        self.assert_statuses("post", url, {"anonymous": 302}, {f"q{q.pk}": "5"})
        self.assertEqual(Response.objects.filter(survey=self.survey).count(), 1)

    def test_public_form_of_a_closed_survey(self):
        closed = make_survey(self.province, is_open=False)
        url = self.url("public", closed.public_token)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'id="survey-form"')
        self.assert_statuses("post", url, {"anonymous": 403, "approver": 403})
        self.assertFalse(Response.objects.filter(survey=closed).exists())

    def test_thanks_page(self):
        url = self.url("public-thanks", self.survey.public_token)
        self.assert_statuses("get", url, {"anonymous": 200, "district_b_officer": 200})
        self.assert_statuses("post", url, {"anonymous": 405})
