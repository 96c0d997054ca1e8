"""The model office's announcement and certificate: a PDF whose Thai text survives."""

import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest import skipUnless

from django.urls import reverse

from saisaat.assessments import services
from saisaat.assessments.tests.factories import make_framework, make_round
from saisaat.testing.base import PersonaTestCase


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "certificate.pdf"
        path.write_bytes(content)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
    return " ".join(out.stdout.decode("utf-8").split())


class CertificateTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.framework, criteria, levels = make_framework()
        units = [cls.district_a, cls.district_b]
        cls.round = make_round(cls.framework, cls.province, units, [cls.committee])
        for unit, points in ((cls.district_a, 4), (cls.district_b, 2)):
            services.record_score(
                cls.round, unit, criteria[0], assessor=cls.committee, points=points
            )
        cls.url = reverse("assessments:round-certificate", args=[cls.round.pk])

    def test_it_is_not_there_before_the_results_are_published(self):
        services.close_round(self.round)
        self.login(self.approver)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    @skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
    def test_it_announces_the_model_office_and_certifies_it_in_thai(self):
        services.close_round(self.round)
        services.publish_round(self.round)
        self.login(self.district_b_officer)
        response = self.client.get(self.url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = pdf_text(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
        self.assertIn("ประกาศสำนักงานพัฒนาชุมชนจังหวัดหนองคาย", text)
        self.assertIn("จึงประกาศให้ สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย เป็นสำนักงานต้นแบบ", text)
        self.assertIn("เกียรติบัตรฉบับนี้ให้ไว้เพื่อแสดงว่า", text)
        self.assertIn("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", text)
        self.assertIn("ท่าบ่อ", text)  # the ranking lists every office

    def test_it_is_not_there_when_no_office_is_first_alone(self):
        services.record_score(
            self.round,
            self.district_b,
            self.round.framework.sections.get(code="O").criteria.get(code="O1"),
            assessor=self.committee,
            points=4,
        )
        services.close_round(self.round)
        services.publish_round(self.round)
        self.login(self.approver)
        self.assertEqual(self.client.get(self.url).status_code, 404)


class NoModelOfficeOutsideTheSelectionTests(PersonaTestCase):
    """Only the model-office selection (OSMKH) names a model office and issues a
    certificate: a moral self-assessment has one office, a 5S round covers one quarter."""

    load_plan = False
    more_personas = True

    def assert_no_model_office(self, round_):
        url = reverse("assessments:round-certificate", args=[round_.pk])
        self.assertIsNone(services.results(round_).model_office)
        self.login(self.approver)
        page = self.client.get(reverse("assessments:round-results", args=[round_.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, url)
        self.assertNotContains(page, 'class="model-office"')
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_moral_self_assessment_names_no_model_office(self):
        from saisaat.assessments.tests.test_moral import level_of, self_assessment

        round_ = self_assessment(self.district_a, [self.district_a_head])
        for criterion in services.criteria_of(round_.framework):
            services.record_score(
                round_,
                self.district_a,
                criterion,
                assessor=self.district_a_head,
                level=level_of(criterion, 1),
            )
        services.close_round(round_)
        services.publish_round(round_)
        self.assert_no_model_office(round_)

    def test_a_quarterly_5s_round_names_no_model_office(self):
        from saisaat.assessments.tests.factories import make_fives, make_quarter_round, score_all

        make_fives(self.province)
        round_ = make_quarter_round(self.province, 1, [self.committee])
        score_all(round_, self.district_a, self.committee, 5)
        for unit in round_.assessed_units.exclude(pk=self.district_a.pk):
            score_all(round_, unit, self.committee, 2)
        services.close_round(round_)
        services.publish_round(round_)
        self.assert_no_model_office(round_)
