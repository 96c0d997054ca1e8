"""The results page, the XLSX workbook, the QR codes and attaching results as evidence."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from saisaat.surveys import services
from saisaat.surveys.catalog import SERVICE
from saisaat.surveys.tests.factories import answer, make_survey
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, EvidenceItem


class ResultsPageTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.survey = make_survey(cls.province)
        answer(cls.survey, speed=5, politeness=4, sex="หญิง", topics=["OTOP"], suggestion="ดีมาก")
        answer(cls.survey, speed=3, politeness=4, sex="ชาย", suggestion='=HYPERLINK("x")')
        answer(cls.survey, speed=4)

    def test_it_shows_the_numbers(self):
        self.login(self.provincial_officer)
        page = self.client.get(reverse("surveys:survey-results", args=[self.survey.pk]))
        self.assertContains(page, '<strong class="response-count">3</strong>', html=True)
        # Speed: 5, 3, 4 -> mean 4.00, sample SD 1.00, 66.7% satisfied.
        self.assertContains(page, "<strong>4.00</strong>", html=True)
        self.assertContains(page, "<strong>1.00</strong>", html=True)
        self.assertContains(page, "<strong>66.7%</strong>", html=True)
        self.assertContains(page, "ดีมาก")
        self.assertContains(page, "width: 33.3%")

    def test_the_workbook_has_a_summary_and_every_response(self):
        self.login(self.provincial_officer)
        response = self.client.get(reverse("surveys:survey-results-xlsx", args=[self.survey.pk]))
        self.assertEqual(response["Content-Type"].split(";")[0], services_xlsx_type())
        book = load_workbook(BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["สรุปผล", "คำตอบรายบุคคล"])
        summary = [list(row) for row in book["สรุปผล"].iter_rows(values_only=True)]
        header = next(row for row in summary if row[0] == "ตอน")
        self.assertIn("ค่าเฉลี่ย", header)
        speed = next(row for row in summary if row[1] == "ความรวดเร็ว")
        self.assertEqual(speed[3:7], [3, 4.0, 1.0, 66.67])
        raw = list(book["คำตอบรายบุคคล"].iter_rows(values_only=True))
        self.assertEqual(len(raw), 4)
        self.assertEqual(raw[0][:3], ("ลำดับ", "วันเวลาที่ตอบ", "ความรวดเร็ว"))
        self.assertEqual([row[2] for row in raw[1:]], [5, 3, 4])
        # A typed formula stays text.
        cell = next(
            c
            for row in book["คำตอบรายบุคคล"].iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.startswith("=HYPER")
        )
        self.assertEqual(cell.data_type, "s")

    def test_the_qr_codes_carry_the_public_link(self):
        self.login(self.approver)
        png = self.client.get(reverse("surveys:survey-qr-png", args=[self.survey.pk]))
        self.assertEqual(png["Content-Type"], "image/png")
        self.assertTrue(png.content.startswith(b"\x89PNG"))
        svg = self.client.get(reverse("surveys:survey-qr-svg", args=[self.survey.pk]))
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertIn(b"<svg", svg.content)
        poster = self.client.get(reverse("surveys:survey-poster", args=[self.survey.pk]))
        self.assertContains(poster, "<svg")
        self.assertContains(poster, self.survey.get_public_url())
        self.assertContains(poster, "size: A4")


def services_xlsx_type():
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class EvidenceTests(PersonaTestCase):
    publish_plan = True

    def test_a_manager_attaches_the_workbook_to_the_unit_s_assignment(self):
        survey = services.create_from_template(SERVICE, self.province, 2566)
        services.set_open(survey, True)
        question = survey.questions.filter(kind="scale").first()
        services.submit_response(survey, {question.pk: 5})
        assignment = Assignment.objects.get(activity=survey.activity, unit=self.province)
        self.login(self.approver)
        page = self.client.get(reverse("surveys:survey-results", args=[survey.pk]))
        url = reverse("surveys:survey-attach-evidence", args=[survey.pk])
        self.assertContains(page, url)
        response = self.client.post(url)
        self.assertRedirects(response, assignment.get_absolute_url())
        item = EvidenceItem.objects.get(assignment=assignment)
        self.assertEqual(item.kind, EvidenceItem.Kind.FILE)
        self.assertEqual(item.content_type, services_xlsx_type())
        self.assertIn(survey.title, item.title)
        self.assertEqual(item.uploaded_by, self.approver)

    def test_without_responses_or_a_link_nothing_is_attached(self):
        survey = services.create_from_template(SERVICE, self.province, 2566)
        self.login(self.approver)
        url = reverse("surveys:survey-attach-evidence", args=[survey.pk])
        self.assertRedirects(
            self.client.post(url), reverse("surveys:survey-results", args=[survey.pk])
        )
        unlinked = make_survey(self.province)
        answer(unlinked, speed=4)
        self.client.post(reverse("surveys:survey-attach-evidence", args=[unlinked.pk]))
        self.assertFalse(EvidenceItem.objects.exists())
