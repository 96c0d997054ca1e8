"""The PDF keeps its Thai text: pdftotext gives back exactly what was written."""

from django.test import SimpleTestCase

from saisaat.core.thaipdf import ThaiPDF, break_opportunities, word_boundaries
from saisaat.documents.tests.pdftools import pdftotext

# Every combination that breaks naive PDF text layers: sara am (ำ, decomposed into nikhahit +
# sara aa by the font), sara aa, upper vowel + tone mark stacks (ั้ ี่ ื่ ิ้), lower vowel +
# tone (ุ่ ู้), mai taikhu (็), thanthakhat (์ over an upper vowel too), ญ and ฐ losing their tails
# over a lower vowel, ฎ ฏ, leading vowels, ฯ ๆ, and Thai digits.
THAI_SAMPLE = (
    "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย ดำเนินงาน ทำ น้ำ กำหนด ปั้น ญี่ปุ่น ผู้ใหญ่ "
    "ปุ่ม ปู่ ฝั่ง ฟื้นฟู ก็ เป็น ศักดิ์ศรี ทรัพย์ ฐุ ญุ ฐาน ญาติ ฎีกา ปฏิบัติ กรกฎาคม "
    "เมื่อ แก้ไข โปร่งใส ไม้ ใจ กรุงเทพฯ ต่างๆ นๆ ๆ ๐๑๒๓๔๕๖๗๘๙ ๒๕๖๖ ฤดู ฦา "
    "พระราชบัญญัติ ประสิทธิภาพ คุณธรรม จริยธรรม จิตอาสา กตัญญู พอเพียง วินัย สุจริต"
)


def _squeeze(text: str) -> str:
    return "".join(text.split())


class ThaiTextLayerTest(SimpleTestCase):
    def _pdf(self, write) -> bytes:
        pdf = ThaiPDF()
        pdf.add_page()
        write(pdf)
        return bytes(pdf.output())

    def test_it_returns_a_one_line_text_exactly_in_every_pdftotext_mode(self):
        line = "สำนักงาน ดำเนินงาน ปั้น ญี่ปุ่น ผู้ใหญ่ น้ำ ฐุ ญุ ศักดิ์ ก็ ๑๒๓"
        pdf = self._pdf(lambda p: p.text_line(30, 30, line))
        for mode in ((), ("-raw",), ("-layout",)):
            with self.subTest(mode=mode):
                self.assertEqual(pdftotext(pdf, *mode).strip(), line)

    def test_it_round_trips_a_paragraph_of_every_vowel_and_tone_combination(self):
        pdf = self._pdf(lambda p: p.paragraph(30, 30, 160, THAI_SAMPLE, indent=25))
        extracted = pdftotext(pdf, "-raw")
        self.assertGreater(extracted.count("\n"), 2, "the sample should wrap over several lines")
        self.assertEqual(_squeeze(extracted), _squeeze(THAI_SAMPLE))
        # Words are not torn apart by spurious spaces: every source word is found whole.
        for word in THAI_SAMPLE.split():
            if len(word) < 12:
                self.assertIn(word, extracted)

    def test_it_shows_that_shaped_text_without_actualtext_would_break(self):
        # The reason for the ActualText spans: fpdf2's plain shaped cell loses the text.
        from fpdf import FPDF

        from saisaat.core.thaipdf import FONT_DIR, FONT_FAMILY, FONT_FILES

        pdf = FPDF()
        pdf.add_font(FONT_FAMILY, "", str(FONT_DIR / FONT_FILES[""]))
        pdf.set_font(FONT_FAMILY, size=16)
        pdf.set_text_shaping(True)
        pdf.add_page()
        pdf.set_xy(30, 30)
        pdf.cell(text="สำนักงาน ปั้น")
        self.assertNotEqual(pdftotext(bytes(pdf.output()), "-raw").strip(), "สำนักงาน ปั้น")

    def test_every_line_fpdf_draws_keeps_its_text_cells_and_tables_too(self):
        pdf = ThaiPDF(orientation="L")
        pdf.set_auto_page_break(True, margin=15)
        pdf.add_page()
        pdf.multi_cell(0, 8, "ผลการเบิกจ่ายงบประมาณ สำนักงานพัฒนาชุมชนจังหวัดหนองคาย")
        with pdf.table() as table:
            table.row(["หน่วยงาน", "สถานะ"])  # the heading row, repeated on each page
            for _ in range(40):  # enough rows to break the page inside the table
                table.row(["สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", "ต่ำกว่าเป้าหมาย"])
        extracted = pdftotext(bytes(pdf.output()), "-raw")
        self.assertGreater(pdf.page, 1)
        self.assertIn("ผลการเบิกจ่ายงบประมาณ สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", extracted)
        self.assertEqual(extracted.count("สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย ต่ำกว่าเป้าหมาย"), 40)


class LineBreakTest(SimpleTestCase):
    def test_it_never_breaks_inside_a_cluster_or_after_a_leading_vowel(self):
        word = "เป็นผู้ใหญ่ที่ดำเนินงาน"
        points = break_opportunities(word)
        for point in points:
            with self.subTest(point=point):
                self.assertNotIn(word[point], "็้ำ่ีิ")
                self.assertNotIn(word[point - 1], "เใ")
        self.assertIn(word.index("ผ"), points)

    def test_it_keeps_every_character_when_wrapping_a_long_unspaced_run(self):
        pdf = ThaiPDF()
        text = "การดำเนินงานตามแผนปฏิบัติการส่งเสริมคุณธรรมจริยธรรม" * 3
        lines = pdf.wrap(text, 60)
        self.assertGreater(len(lines), 2)
        self.assertEqual("".join(lines), text)
        for line in lines:
            self.assertLessEqual(pdf.get_string_width(line), 60 + 0.01)

    def test_it_breaks_a_thai_phrase_between_dictionary_words(self):
        pdf = ThaiPDF()
        text = "รายงานความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการของสำนักงานพัฒนาชุมชนจังหวัดหนองคาย"
        words = set(word_boundaries(text))
        self.assertIn(text.index("ชุมชน"), words)
        self.assertNotIn(text.index("ชุมชน") + len("ชุม"), words)
        # From the width of the longest word (ความก้าวหน้า, about 31 mm) up.
        for width in range(32, 90, 3):
            with self.subTest(width=width):
                lines = pdf.wrap(text, width)
                self.assertEqual("".join(lines), text)
                cuts = [sum(len(line) for line in lines[: n + 1]) for n in range(len(lines) - 1)]
                self.assertLessEqual(set(cuts), words)

    def test_a_word_longer_than_the_line_is_cut_between_clusters(self):
        pdf = ThaiPDF()
        lines = pdf.wrap("ประชาธิปไตย", 8)
        self.assertGreater(len(lines), 1)
        self.assertEqual("".join(lines), "ประชาธิปไตย")
