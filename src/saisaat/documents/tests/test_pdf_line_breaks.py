"""Every PDF breaks Thai lines between words, as the memo does: ``multi_cell`` and the
table cells that use it wrap with the same PyThaiNLP word breaker (``core.thaipdf``), so
a narrow budget heading reads "ร้อยละการ|เบิกจ่าย", never "ร้อยละการเบิกจ่|าย"."""

import shutil
import subprocess
import tempfile
from unittest import skipUnless

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF, word_boundaries
from saisaat.testing.base import PersonaTestCase

HEADING = "ร้อยละการเบิกจ่าย"
WORD_ENDS = {len("ร้อยละ"), len("ร้อยละการ"), len(HEADING)}


def pdf_lines(content: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-raw", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


@skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class MultiCellLineBreakTests(SimpleTestCase):
    def test_เบิกจ่าย_is_one_word(self):
        self.assertNotIn(len("ร้อยละการเบิก"), word_boundaries(HEADING))

    def test_no_line_of_a_narrow_cell_ends_inside_a_word(self):
        measure = ThaiPDF()
        measure.set_font(FONT_FAMILY, "B", 12)
        # From just wider than the longest word (a word wider than the cell must be cut).
        narrowest = measure.get_string_width("เบิกจ่าย") + 0.2
        for width in (narrowest, narrowest + 2, 20, 24, 28):
            with self.subTest(width=width):
                pdf = ThaiPDF()
                pdf.add_page()
                pdf.set_font(FONT_FAMILY, "B", 12)
                pdf.multi_cell(width, 6, HEADING, align="L")
                lines = pdf_lines(bytes(pdf.output()))
                self.assertEqual("".join(lines), HEADING)
                self.assertGreater(len(lines), 1)
                end = 0
                for line in lines:
                    end += len(line)
                    self.assertIn(end, WORD_ENDS, lines)

    def test_table_cells_break_between_words_too(self):
        pdf = ThaiPDF()
        pdf.add_page()
        pdf.set_font(FONT_FAMILY, "", 12)
        with pdf.table(width=22, text_align="LEFT") as table:
            table.row().cell(HEADING)
        self.assertEqual(pdf_lines(bytes(pdf.output())), ["ร้อยละการ", "เบิกจ่าย"])


@skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed")
class BudgetPdfLineBreakTests(PersonaTestCase):
    def test_the_budget_pdf_heading_breaks_between_words(self):
        from saisaat.demo.budget import seed_budget_demo

        seed_budget_demo(self.province, 2566)
        self.login(self.district_b_officer)
        with translation.override("th"):
            response = self.client.get(
                reverse("budget:report-pdf", args=["4302"]) + "?year=2566",
                headers={"accept-language": "th"},
            )
        self.assertEqual(response.status_code, 200)
        text = "\n".join(pdf_lines(response.content))
        self.assertIn("เบิกจ่าย", text)
        for line in text.splitlines():
            self.assertFalse(line.endswith("เบิกจ่"), line)
            self.assertFalse(line.startswith("าย"), line)
