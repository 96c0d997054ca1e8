"""make_report quarterly, end to end, in every format."""

import io
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from saisaat.documents.models import Memo
from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.documents.tests.pdftools import pdftotext


class MakeReportCommandTest(DocumentsTestCase):
    def _run(self, fmt: str, *extra: str, unit: str = "43") -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"report.{fmt}"
            stdout = io.StringIO()
            call_command(
                "make_report",
                "quarterly",
                "--unit",
                unit,
                "--year",
                "2566",
                "--quarter",
                "2",
                "--format",
                fmt,
                "--out",
                str(out),
                *extra,
                stdout=stdout,
            )
            self.assertIn("bytes", stdout.getvalue())
            return out.read_bytes()

    def test_it_writes_the_quarterly_memo_as_pdf(self):
        text = pdftotext(self._run("pdf"), "-raw")
        self.assertIn("บันทึกข้อความ", text)
        self.assertIn("ไตรมาสที่ ๒", text)
        self.assertIn("ปีงบประมาณ พ.ศ. ๒๕๖๖", text)
        self.assertIn("สำนักงานพัฒนาชุมชนอำเภอท่าบ่อ", text)
        self.assertIn("เรียน พัฒนาการจังหวัดหนองคาย", " ".join(text.split()))

    def test_each_office_signs_its_memo_with_its_own_number(self):
        def number_line(pdf: bytes) -> str:
            lines = [" ".join(line.split()) for line in pdftotext(pdf, "-raw").splitlines()]
            return next(line for line in lines if line.startswith("ที่"))

        self.assertTrue(number_line(self._run("pdf")).startswith("ที่ นค ๐๐๑๖/๑ "))
        district = self._run("pdf", unit="4301")
        self.assertTrue(number_line(district).startswith("ที่ นค ๐๐๑๖.๑/๑ "))
        self.assertIn("สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", pdftotext(district, "-raw"))
        other = number_line(self._run("pdf", "--arabic-digits", unit="4302"))
        self.assertTrue(other.startswith("ที่ นค 0016.2/1 "), other)

    def test_an_issued_memo_takes_its_number_and_a_draft_does_not(self):
        self._run("pdf")
        self._run("docx")
        issued = Memo.objects.filter(unit=self.province, kind="quarterly").order_by("pk")
        self.assertEqual([m.number for m in issued], ["นค 0016/1", "นค 0016/2"])
        self.assertEqual(issued[0].parameters, {"unit": "43", "year": 2566, "quarter": 2})
        text = pdftotext(self._run("pdf", "--draft", "--arabic-digits"), "-raw")
        self.assertIn("นค 0016/3", text)
        self.assertEqual(issued.count(), 2)

    def test_it_writes_arabic_digits_when_asked(self):
        text = pdftotext(self._run("pdf", "--arabic-digits"), "-raw")
        self.assertIn("ไตรมาสที่ 2", text)

    def test_it_writes_docx_and_xlsx(self):
        document = Document(io.BytesIO(self._run("docx")))
        self.assertIn("บันทึกข้อความ", document.paragraphs[0].text)
        book = load_workbook(io.BytesIO(self._run("xlsx")))
        self.assertIn("ความก้าวหน้า", book.sheetnames)

    def test_it_explains_a_bad_unit_or_year(self):
        with self.assertRaisesMessage(CommandError, "No unit"):
            call_command(
                "make_report",
                "quarterly",
                "--unit",
                "99",
                "--year",
                "2566",
                "--quarter",
                "1",
                "--out",
                "x.pdf",
            )
        with self.assertRaisesMessage(CommandError, "no plan"):
            call_command(
                "make_report",
                "quarterly",
                "--unit",
                "43",
                "--year",
                "2599",
                "--quarter",
                "1",
                "--out",
                "x.pdf",
            )

    def test_it_prints_the_last_published_audit_chain_head_with_its_digits_as_written(self):
        from datetime import date

        from saisaat.audit.published import publish_head

        self.assertNotIn("ค่าแฮช", pdftotext(self._run("pdf", "--draft"), "-raw"))
        publish_head(date(2023, 3, 30))
        head, _ = publish_head(date(2023, 3, 31))
        pdf = self._run("pdf", "--draft")
        text = "".join(pdftotext(pdf, "-raw").split())
        self.assertIn(f"ค่าแฮชรายการล่าสุดที่เผยแพร่{head.hash}", text)
        self.assertIn(
            f"มี{head.entry_count}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")), text
        )
