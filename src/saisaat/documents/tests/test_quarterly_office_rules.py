"""The quarterly memo says which of the rules it applies are the office's, not the plan's."""

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from docx import Document

from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.documents.tests.pdftools import pdftotext


class QuarterlyOfficeRulesTest(DocumentsTestCase):
    def _run(self, fmt: str) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"report.{fmt}"
            call_command(
                "make_report",
                "quarterly",
                *("--unit", "43", "--year", "2566", "--quarter", "2"),
                *("--format", fmt, "--out", str(out), "--draft"),
                stdout=io.StringIO(),
            )
            return out.read_bytes()

    def _docx_text(self) -> str:
        document = Document(io.BytesIO(self._run("docx")))
        return " ".join(" ".join(p.text for p in document.paragraphs).split())

    def test_the_docx_lists_the_offices_own_rules(self):
        text = self._docx_text()
        self.assertIn("เกณฑ์ต่อไปนี้ไม่ได้กำหนดไว้ในแผนปฏิบัติการ เป็นเกณฑ์ที่สำนักงานเลือกใช้", text)
        self.assertIn("ตั้งแต่ร้อยละ ๕๐ ของเป้าหมาย", text)
        self.assertIn("ร้อยละ ๓๐ ๕๒ ๗๕ ๑๐๐", text)
        self.assertIn("ตอบรับเรื่องร้องเรียนภายใน ๑๕ วัน", text)
        self.assertIn("แล้วเสร็จภายใน ๓๐ วัน", text)
        # The note comes before the closing line.
        self.assertLess(text.index("หมายเหตุ"), text.index("จึงเรียนมาเพื่อโปรดทราบ"))

    @override_settings(
        SAISAAT_GRADE_PARTIAL_PERCENT=60,
        SAISAAT_DISBURSEMENT_TARGETS=(25, 50, 75, 100),
        SAISAAT_COMPLAINT_FINISH_DAYS=45,
    )
    def test_it_states_the_rules_as_configured(self):
        text = self._docx_text()
        self.assertIn("ตั้งแต่ร้อยละ ๖๐ ของเป้าหมาย", text)
        self.assertIn("ร้อยละ ๒๕ ๕๐ ๗๕ ๑๐๐", text)
        self.assertIn("แล้วเสร็จภายใน ๔๕ วัน", text)

    def test_the_pdf_says_it_too(self):
        text = " ".join(pdftotext(self._run("pdf"), "-raw").split())
        self.assertIn("เป็นเกณฑ์ที่สำนักงานเลือกใช้", text)
        self.assertIn("ร้อยละ ๕๐", text)
