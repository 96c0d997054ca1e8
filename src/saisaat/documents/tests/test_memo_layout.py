"""Layout facts of the generated memo, read back from the PDF and the DOCX."""

import io
import re
import shutil
import subprocess
import tempfile
import unittest
import zlib
from datetime import date
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from saisaat.documents.memo import (
    SIGNATURE_CENTRE,
    MemoContent,
    default_emblem_path,
    render_memo_docx,
    render_memo_pdf,
)
from saisaat.documents.tests.pdftools import pdftotext, render_page, require_tool

MM = 72 / 25.4
ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"


def sample(**overrides) -> MemoContent:
    values = {
        "office": "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย กลุ่มงานอำนวยการ",
        "number": "นค 0016/123",
        "date": date(2023, 3, 15),
        "subject": "รายงานผลการดำเนินงานตามแผนปฏิบัติการ ไตรมาสที่ 2 ปีงบประมาณ พ.ศ. 2566",
        "recipient": "พัฒนาการจังหวัดหนองคาย",
        "paragraphs": [
            "ตามที่สำนักงานพัฒนาชุมชนจังหวัดหนองคายได้จัดทำแผนปฏิบัติการส่งเสริมคุณธรรม "
            "จริยธรรม และความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2566 นั้น",
            "ในการนี้ ได้ดำเนินกิจกรรมแล้วเสร็จ 12 กิจกรรม คิดเป็นร้อยละ 80 ของกิจกรรมทั้งหมด "
            "ผู้ใหญ่บ้านและผู้นำชุมชนญี่ปุ่นปั้นน้ำ ร่วมกิจกรรม",
            "จึงเรียนมาเพื่อโปรดทราบ",
        ],
        "signer_name": "นางสาวสมหญิง ใจดี",
        "signer_position": "นักวิชาการพัฒนาชุมชนชำนาญการ\nรักษาราชการแทนพัฒนาการจังหวัดหนองคาย",
    }
    values.update(overrides)
    return MemoContent(**values)


def content_streams(pdf: bytes) -> str:
    texts = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            texts.append(zlib.decompress(match.group(1)).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(texts)


def word_boxes(pdf: bytes, *pages: str) -> list[tuple[float, float, float, float, str]]:
    html = pdftotext(pdf, *pages, "-bbox")
    return [
        (float(x0), float(y0), float(x1), float(y1), word)
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            html,
        )
    ]


class MemoPdfLayoutTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pdf = render_memo_pdf(sample())

    def test_it_is_an_a4_page(self):
        box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", self.pdf)
        self.assertAlmostEqual(float(box.group(1)), 210 * MM, delta=0.1)
        self.assertAlmostEqual(float(box.group(2)), 297 * MM, delta=0.1)

    def test_it_keeps_3_cm_left_and_2_cm_right_margins(self):
        boxes = word_boxes(self.pdf)
        self.assertTrue(boxes)
        left = min(b[0] for b in boxes)
        right = max(b[2] for b in boxes)
        self.assertAlmostEqual(left, 30 * MM, delta=1.5)
        self.assertLessEqual(right, (210 - 20) * MM + 0.5)
        # The body really runs out to the right margin (lines are filled, not short).
        self.assertGreater(right, (210 - 20) * MM - 15 * MM)

    def test_it_indents_the_first_line_of_each_paragraph_by_2_5_cm(self):
        boxes = word_boxes(self.pdf)
        starts = [b[0] for b in boxes if b[4].startswith(("ตามที่", "ในการนี้", "จึงเรียน"))]
        self.assertEqual(len(starts), 3)
        for start in starts:
            self.assertAlmostEqual(start, (30 + 25) * MM, delta=1.5)

    def test_it_embeds_sarabun_and_writes_the_body_at_16_pt(self):
        self.assertRegex(self.pdf, rb"/BaseFont /[A-Z]{6}\+Sarabun\b")
        self.assertRegex(self.pdf, rb"/BaseFont /[A-Z]{6}\+SarabunBold\b")
        self.assertIn(b"/FontFile2", self.pdf)
        # Count the text-showing operators under each font size that is in force.
        by_size, size = {}, None
        for match in re.finditer(r"/F\d+ ([\d.]+) Tf|\) ?Tj", content_streams(self.pdf)):
            if match.group(1):
                size = float(match.group(1))
            else:
                by_size[size] = by_size.get(size, 0) + 1
        self.assertEqual(max(by_size, key=by_size.get), 16.0)
        self.assertIn(29.0, by_size)  # the heading

    def test_it_prints_the_official_labels_and_a_buddhist_era_date_in_thai_digits(self):
        text = pdftotext(self.pdf)
        for label in ("บันทึกข้อความ", "ส่วนราชการ", "ที่", "วันที่", "เรื่อง", "เรียน"):
            self.assertIn(label, text)
        self.assertIn("๑๕ มีนาคม ๒๕๖๖", text)
        self.assertIn("นค ๐๐๑๖/๑๒๓", text)
        self.assertIn("(นางสาวสมหญิง ใจดี)", text)
        self.assertIn("รักษาราชการแทนพัฒนาการจังหวัดหนองคาย", text)

    def test_it_uses_arabic_digits_when_asked(self):
        text = pdftotext(render_memo_pdf(sample(thai_digits=False)))
        self.assertIn("15 มีนาคม 2566", text)
        self.assertIn("นค 0016/123", text)
        self.assertNotIn("๒๕๖๖", text)

    def test_it_has_no_emblem_unless_one_is_configured(self):
        self.assertIsNone(default_emblem_path())
        self.assertNotIn(b"/Subtype /Image", self.pdf)
        with tempfile.TemporaryDirectory() as tmp:
            emblem = Path(tmp) / "garuda.png"
            Image.new("RGB", (60, 60), "black").save(emblem)
            with override_settings(SAISAAT_EMBLEM_PATH=str(emblem)):
                self.assertEqual(default_emblem_path(), str(emblem))
                pdf = render_memo_pdf(sample(emblem_path=default_emblem_path()))
        self.assertIn(b"/Subtype /Image", pdf)

    def test_it_continues_a_long_memo_on_numbered_pages(self):
        long = sample(paragraphs=["ย่อหน้าทดสอบการขึ้นหน้าใหม่ของบันทึกข้อความ " * 12] * 6)
        pdf = render_memo_pdf(long)
        pages = len(re.findall(rb"/Type /Page\n", pdf))
        self.assertGreaterEqual(pages, 2)
        # -raw: in reading-order mode pdftotext joins a line ending in "-" to the next one.
        text = pdftotext(pdf, "-raw")
        self.assertIn("- ๒ -", text)
        self.assertNotIn("- ๑ -", text)
        # The page number stands clear of the continued text below it.
        page_two = word_boxes(pdf, "-f", "2", "-l", "2")
        # An ActualText line comes back as one "word" carrying the whole line.
        number_bottom = max(b[3] for b in page_two if b[4] == "- ๒ -")
        body_top = min(b[1] for b in page_two if b[4] != "- ๒ -")
        self.assertGreater(body_top, number_bottom)

    def test_it_looks_like_a_memo_when_rendered(self):
        # The artefact is for people to look at; the assertions check the ink is where the
        # layout says: heading centred, nothing in the left margin.
        image = render_page(self.pdf, dpi=100)
        ARTIFACTS.mkdir(exist_ok=True)
        image.save(ARTIFACTS / "documents-memo.png")
        width = image.size[0]
        margin_px = int(30 / 25.4 * 100)
        left_strip = image.crop((0, 0, margin_px - 5, image.size[1]))
        self.assertEqual(left_strip.getextrema()[0], 255, "ink in the left margin")
        heading = image.crop((0, 0, width, int(29 / 25.4 * 100)))
        box = heading.point(lambda v: 255 if v < 128 else 0).getbbox()
        centre = (box[0] + box[2]) / 2
        text_centre = (margin_px + width - int(20 / 25.4 * 100)) / 2
        self.assertAlmostEqual(centre, text_centre, delta=5)


class MemoDocxTest(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.data = render_memo_docx(sample())
        cls.document = Document(io.BytesIO(cls.data))

    def test_it_reopens_with_the_thai_text_intact(self):
        text = "\n".join(p.text for p in self.document.paragraphs)
        self.assertIn("บันทึกข้อความ", text)
        self.assertIn("ผู้ใหญ่บ้านและผู้นำชุมชนญี่ปุ่นปั้นน้ำ", text)
        self.assertIn("๑๕ มีนาคม ๒๕๖๖", text)
        self.assertIn("(นางสาวสมหญิง ใจดี)", text)

    def test_it_sets_the_complex_script_font_size_and_language_on_every_run(self):
        runs = [run for p in self.document.paragraphs for run in p.runs if run.text.strip()]
        self.assertTrue(runs)
        for run in runs:
            rpr = run._element.rPr
            fonts = rpr.find(qn("w:rFonts"))
            self.assertEqual(fonts.get(qn("w:cs")), "TH Sarabun New")
            self.assertEqual(fonts.get(qn("w:ascii")), "TH Sarabun New")
            self.assertEqual(rpr.find(qn("w:lang")).get(qn("w:bidi")), "th-TH")
            size = rpr.find(qn("w:sz")).get(qn("w:val"))
            self.assertEqual(rpr.find(qn("w:szCs")).get(qn("w:val")), size)
        body = [run for run in runs if "ผู้ใหญ่บ้าน" in run.text]
        self.assertEqual(body[0]._element.rPr.find(qn("w:szCs")).get(qn("w:val")), "32")

    def test_it_orders_run_properties_as_the_schema_requires(self):
        order = ["rFonts", "b", "bCs", "sz", "szCs", "lang"]
        for paragraph in self.document.paragraphs:
            for run in paragraph.runs:
                tags = [child.tag.split("}")[-1] for child in run._element.rPr]
                known = [tag for tag in tags if tag in order]
                self.assertEqual(known, sorted(known, key=order.index))

    def test_it_has_the_memo_margins_and_a4_page(self):
        section = self.document.sections[0]
        self.assertAlmostEqual(section.left_margin.cm, 3.0, places=2)
        self.assertAlmostEqual(section.right_margin.cm, 2.0, places=2)
        self.assertAlmostEqual(section.page_width.cm, 21.0, places=1)
        self.assertAlmostEqual(section.page_height.cm, 29.7, places=1)

    def test_it_indents_body_paragraphs_by_2_5_cm(self):
        body = [p for p in self.document.paragraphs if p.text.startswith("ตามที่")]
        self.assertAlmostEqual(body[0].paragraph_format.first_line_indent.cm, 2.5, places=2)

    def test_it_centres_the_signature_block_where_the_pdf_does(self):
        signature = next(p for p in self.document.paragraphs if p.text.startswith("(นางสาว"))
        left = signature.paragraph_format.left_indent.mm
        centre = 30 + (left + 160) / 2
        self.assertAlmostEqual(centre, SIGNATURE_CENTRE, delta=0.5)

    def test_it_opens_in_libreoffice_with_thai_intact(self):
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if office is None:
            raise unittest.SkipTest("LibreOffice is not installed on this machine")
        require_tool("pdftotext")
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "memo.docx"
            source.write_bytes(self.data)
            subprocess.run(
                [office, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            text = pdftotext((Path(tmp) / "memo.pdf").read_bytes())
        self.assertIn("บันทึกข้อความ", text)
        self.assertIn("๑๕ มีนาคม ๒๕๖๖", text)
