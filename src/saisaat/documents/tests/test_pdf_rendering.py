"""The PDF looks right: marks sit where HarfBuzz puts them, checked on the rendered page."""

from django.test import SimpleTestCase

from saisaat.core.thaipdf import ThaiPDF
from saisaat.documents.tests.pdftools import placement_errors, render_page

SIZE_PT = 72
DPI = 144

# Words whose marks need GPOS: a tone mark stacked over an upper vowel and moved left under the
# tail of ป, a tone over a lower-vowel cluster, thanthakhat over sara i, nikhahit + tone in น้ำ.
STACKED_WORDS = ["ปั้น", "ญี่ปุ่น", "ศักดิ์", "น้ำ"]


def _render_word(word: str, *, shaping: bool):
    pdf = ThaiPDF(shaping=shaping)
    pdf.add_page()
    pdf.set_font_size(SIZE_PT)
    pdf.text_line(10, 10, word)
    # Only the strip holding the word, so nothing else is inked.
    return render_page(bytes(pdf.output()), dpi=DPI).crop((0, 0, 900, 250))


class MarkPlacementTest(SimpleTestCase):
    def test_it_places_every_mark_where_harfbuzz_puts_it(self):
        for word in STACKED_WORDS:
            with self.subTest(word=word):
                image = _render_word(word, shaping=True)
                self.assertEqual(placement_errors(image, word, size_pt=SIZE_PT, dpi=DPI), [])

    def test_it_fails_on_unshaped_output_where_marks_collide(self):
        # The same check must catch what the lead saw with shaping off: tone marks drawn at
        # their default place, on top of the upper vowel or into the tail of ป.
        for word in STACKED_WORDS:
            with self.subTest(word=word):
                image = _render_word(word, shaping=False)
                errors = placement_errors(image, word, size_pt=SIZE_PT, dpi=DPI)
                self.assertNotEqual(errors, [])

    def test_it_keeps_the_tone_mark_of_pan_clear_of_the_upper_vowel(self):
        image = _render_word("ปั้น", shaping=True).convert("L")
        # Rows with ink above the ascender of ป belong to the two marks; between the upper
        # vowel (mai han-akat) and the tone mark (mai tho) there is a blank row.
        width, height = image.size
        inked_rows = [
            y for y in range(height) if any(image.getpixel((x, y)) < 128 for x in range(0, 400))
        ]
        top = inked_rows[0]
        gaps = [y for y in range(top, inked_rows[-1]) if y not in inked_rows]
        self.assertTrue(gaps, "the tone mark touches the vowel below it")
        self.assertLess(
            gaps[0] - top, 60, "the first blank row should sit just under the tone mark"
        )
