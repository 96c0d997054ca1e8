"""A quarterly 5S inspection's results as a memo to the supervisor: drafted from the
results page's own ranking, generated as a PDF whose text layer holds the Thai exactly."""

from django.urls import reverse

from saisaat.assessments import services as assessments
from saisaat.assessments.tests.factories import make_fives, make_quarter_round, score_all
from saisaat.documents.models import Memo
from saisaat.documents.tests.pdftools import pdftotext
from saisaat.testing.base import PersonaTestCase
from saisaat.testing.browser import ARTIFACTS


class FivesMemoTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_fives(cls.province)
        cls.round = make_quarter_round(cls.province, 2, [cls.committee])
        for unit, points in ((cls.province, 5), (cls.district_a, 4), (cls.district_b, 3)):
            score_all(cls.round, unit, cls.committee, points)
        assessments.close_round(cls.round)
        assessments.publish_round(cls.round)
        cls.url = reverse("documents:memo-new", args=["fives"]) + f"?round={cls.round.pk}"

    def test_the_generated_memo_states_the_ranking_of_the_results_page(self):
        self.login(self.approver)
        draft = self.client.get(self.url)
        self.assertEqual(draft.status_code, 200)
        ranking = assessments.results(self.round).ranking
        body = draft.context["form"].initial["body"]
        for row in ranking:
            self.assertIn(f"ลำดับที่ {row.rank} {row.unit.name_th} ได้ {row.score_display} คะแนน", body)
        data = {
            key: value
            for key, value in draft.context["form"].initial.items()
            if key != "thai_digits"
        }
        data["date"] = "5/4/2566"
        data["signer_name"] = data.get("signer_name") or "(นายทดสอบ ระบบ)"
        data["signer_position"] = data.get("signer_position") or "พัฒนาการจังหวัด"
        data["office"] = data.get("office") or self.province.name_th
        data["recipient"] = data.get("recipient") or "ผู้ว่าราชการจังหวัดหนองคาย"
        response = self.client.post(self.url, data)
        if response.status_code != 302:
            self.fail(response.context["form"].errors.as_text())
        memo = Memo.objects.get(kind="fives")
        self.assertRedirects(response, memo.get_absolute_url(), fetch_redirect_response=False)
        content = memo.pdf.read()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "fives-memo.pdf").write_bytes(content)
        text = " ".join(pdftotext(content, "-raw").split())
        self.assertIn("รายงานผลการตรวจประเมินกิจกรรม 5 ส ไตรมาสที่ 2", text)
        self.assertIn(f"ลำดับที่ 1 {self.province.name_th} ได้ 100.00 คะแนน", text)
        self.assertIn(f"ลำดับที่ 2 {self.district_a.name_th} ได้ 80.00 คะแนน", text)
        self.assertIn(f"ลำดับที่ 3 {self.district_b.name_th} ได้ 60.00 คะแนน", text)

    def test_bad_parameters_get_a_400_and_an_unseen_round_a_404(self):
        self.login(self.approver)
        base = reverse("documents:memo-new", args=["fives"])
        for query in ("", "?round=", "?round=abc", "?round=99999999999999999999"):
            self.assertEqual(self.client.get(base + query).status_code, 400, query)
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.url).status_code, 404)
