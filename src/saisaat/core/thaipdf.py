"""Thai PDF text that both looks right and keeps its text.

Two checks decide how Thai text is written into a PDF:

1. **Looks right.** Thai stacks marks: an upper vowel (ั ิ ี ึ ื ็), then a tone mark (่ ้ ๊ ๋)
   above it, and both must move left under the tail of a tall consonant (ป ฝ ฟ ฬ); lower
   vowels (ุ ู ฺ) drop the tail of ญ and ฐ. Only the font's OpenType GSUB/GPOS tables know
   these positions, so the glyph run has to be *shaped*. fpdf2 shapes with HarfBuzz
   (``set_text_shaping(True)``); unshaped output draws every mark at its default place, so a
   tone mark lands on the upper vowel (ปั้น, ญี่ปุ่น, ศักดิ์ collide — checked in
   ``tests/test_pdf_rendering.py``).

2. **Keeps its text.** The shaped run is positioned glyph by glyph: marks carry GPOS offsets,
   and ำ is decomposed by the font into nikhahit + sara aa, one of which gets no Unicode
   mapping. A text extractor such as ``pdftotext`` rebuilds words from glyph boxes, sees the
   gaps around a repositioned mark and inserts spaces: ``สำ นักงาน``, ``ปั้ น``.

The approach here keeps HarfBuzz shaping for the drawing and gives every line a PDF marked
content span with an **ActualText** entry (PDF 32000-1 §14.9.4)::

    /Span <</ActualText <FEFF...UTF-16BE of the line...>>> BDC  BT ...shaped glyphs... ET  EMC

ActualText is the replacement text of the enclosed content, made exactly for glyph runs whose
glyphs do not map one to one to characters (ligatures, reordered and decomposed marks).
Poppler (``pdftotext``, Evince, Okular), pdf.js and Acrobat take the text from it for
extraction, search, copy and read-aloud, while the page is painted from the shaped glyphs.
Alternatives weighed: fixing advance widths or the cluster map cannot remove the gap a mark's
negative x offset creates for the extractor's word-gap heuristic; the unshaped run keeps the
text but collides marks; WeasyPrint's Thai text layer breaks on ำ and า. Both checks are
tested: the ``pdftotext`` round trip (``tests/test_pdf_text.py``) and ink placement against
HarfBuzz's glyph positions (``tests/test_pdf_rendering.py``).

Line breaking: Thai writes words without spaces, so lines break at spaces first; a run too
long for the line breaks between dictionary words (PyThaiNLP's maximal-matching tokenizer,
the segmentation Thai word processors use), so "สำนักงาน|พัฒนา|ชุมชน" never splits as
"ชุม|ชน". Only a single word longer than the line falls back to cluster boundaries (never
inside a base + marks cluster, never after a leading vowel เ แ โ ใ ไ, never before ฯ ๆ ะ า
ำ). A short word moves to the next line whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.util import Padding

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "saisaat" / "fonts"
FONT_FAMILY = "Sarabun"
FONT_FILES = {
    "": "Sarabun-Regular.ttf",
    "B": "Sarabun-Bold.ttf",
    "I": "Sarabun-Italic.ttf",
    "BI": "Sarabun-BoldItalic.ttf",
}

POINT_MM = 25.4 / 72
LINE_HEIGHT_FACTOR = 1.3
"""Line height as a multiple of the font size: Sarabun's ascent + descent (1.3 em), so stacked
marks of one line never touch the tails (ฏ ฐ ญ ุ) of the line above."""

_LEADING_VOWELS = frozenset("เแโใไ")
# Characters that never start a line: marks and following vowels belong to the letter before.
_NO_BREAK_BEFORE = frozenset(
    "ะาำฯๆ"
    + "".join(chr(c) for c in range(0x0E31, 0x0E3B))  # upper and lower vowels, phinthu
    + "".join(chr(c) for c in range(0x0E47, 0x0E4F))  # tone marks, thanthakhat, nikhahit...
)


_SYLLABLE_ENDS = frozenset("ะำ์ๆฯ")


def actual_text_operand(text: str) -> str:
    """Return ``text`` as a PDF hex string in UTF-16BE with a byte-order mark."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def break_opportunities(word: str) -> list[int]:
    """Return the indexes inside ``word`` (no spaces) where a line may break."""
    points = []
    for i in range(1, len(word)):
        if word[i] in _NO_BREAK_BEFORE or word[i - 1] in _LEADING_VOWELS:
            continue
        # Keep a run of digits or Latin letters together.
        if word[i].isascii() and word[i - 1].isascii():
            continue
        points.append(i)
    return points


EXTRA_WORDS = frozenset({"เบิกจ่าย"})
"""Words of the office's documents that PyThaiNLP's dictionary splits: a line never breaks
inside them (without เบิกจ่าย a budget heading breaks as "เบิก|จ่าย")."""


@lru_cache(maxsize=1)
def _dictionary():
    # Imported on first use: loading the dictionary takes about half a second.
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    return dict_trie(set(thai_words()) | EXTRA_WORDS)


@lru_cache(maxsize=4096)
def word_boundaries(run: str) -> tuple[int, ...]:
    """Return the indexes inside ``run`` (no spaces) between dictionary words."""
    from pythainlp.tokenize import word_tokenize

    allowed = set(break_opportunities(run))
    points, position = [], 0
    tokens = word_tokenize(run, engine="newmm", custom_dict=_dictionary(), keep_whitespace=False)
    for token in tokens[:-1]:
        position += len(token)
        if position in allowed:
            points.append(position)
    return tuple(points)


def is_syllable_boundary(word: str, index: int) -> bool:
    """True where a syllable surely starts: before a leading vowel, after ะ ำ ์ ๆ ฯ.

    Without a dictionary these are the breaks a Thai reader never finds odd; other cluster
    boundaries are used only when none of these fits the line.
    """
    return word[index] in _LEADING_VOWELS or word[index - 1] in _SYLLABLE_ENDS


class ThaiPDF(FPDF):
    """An A4 FPDF with Sarabun registered, HarfBuzz shaping, and every drawn line of text
    wrapped in ActualText.

    ``shaping=False`` exists only so tests can show what unshaped output looks like.
    """

    def __init__(self, *, shaping: bool = True, orientation: str = "P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, filename in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style, str(FONT_DIR / filename))
        self.set_text_shaping(shaping)
        self.c_margin = 0
        self.set_auto_page_break(False)
        self.set_font(FONT_FAMILY, size=16)
        # The subset embedding plus ActualText needs PDF 1.5 marked content; say so.
        self._set_min_pdf_version("1.5")

    # -- text primitives ---------------------------------------------------------------

    @contextmanager
    def actual_text(self, text: str) -> Iterator[None]:
        """Wrap what is drawn inside in a ``/Span`` whose ActualText is ``text``."""
        self._out(f"/Span <</ActualText {actual_text_operand(text)}>> BDC")
        yield
        self._out("EMC")

    def line_height(self) -> float:
        return self.font_size_pt * POINT_MM * LINE_HEIGHT_FACTOR

    def _render_styled_text_line(self, text_line, h=None, *args, **kwargs):
        # fpdf draws every line of text here (cell, multi_cell, table, write): wrapping each
        # one gives all of them their ActualText, whatever drew it.
        text = "".join(fragment.string for fragment in text_line.fragments)
        if not text.strip():
            return super()._render_styled_text_line(text_line, h, *args, **kwargs)
        # Break the page first, so that the span opens and closes on the same page.
        height = h if h is not None else max(f.font_size for f in text_line.fragments)
        self._perform_page_break_if_need_be(height)
        with self.actual_text(text):
            return super()._render_styled_text_line(text_line, h, *args, **kwargs)

    def text_line(self, x: float, y: float, text: str, *, width: float = 0, align: str = "L"):
        """Draw one line of ``text`` with its box's top-left corner at (``x``, ``y``) mm."""
        if not text:
            return
        self.set_xy(x, y)
        self.cell(
            w=width or self.get_string_width(text), h=self.line_height(), text=text, align=align
        )

    def paragraph(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        *,
        indent: float = 0,
        bottom: float | None = None,
    ) -> float:
        """Write ``text`` as lines from (``x``, ``y``), the first line indented; return the new y.

        When a line would pass ``bottom`` (mm from the top), a new page starts at the top margin.
        """
        height = self.line_height()
        for number, line in enumerate(self.wrap(text, width, width - indent)):
            if bottom is not None and y + height > bottom:
                self.add_page()
                y = self.t_margin
            self.text_line(x + (indent if number == 0 else 0), y, line)
            y += height
        return y

    # -- line breaking -----------------------------------------------------------------

    def multi_cell(self, w, h=None, text="", *args, markdown=False, padding=0, **kwargs):
        """fpdf's ``multi_cell`` (which table cells use too), its lines broken between Thai
        words by :meth:`wrap`, as the memo's are: fpdf alone cuts a Thai run at any letter
        ("ร้อยละการเบิกจ่|าย")."""
        if text and not markdown:
            width = (w or (self.w - self.r_margin - self.x)) - 2 * self.c_margin
            pad = Padding.new(padding) if padding else Padding()
            # A hair narrower than the cell: fpdf must not find a wrapped line too long.
            room = width - pad.left - pad.right - 0.01
            if room > 0:
                text = "\n".join(
                    "\n".join(self.wrap(paragraph, room) or [""])
                    for paragraph in str(text).split("\n")
                )
        return super().multi_cell(w, h, text, *args, markdown=markdown, padding=padding, **kwargs)

    def wrap(self, text: str, width: float, first_line_width: float | None = None) -> list[str]:
        """Break ``text`` (one paragraph) into lines that fit ``width`` mm.

        The first line may be narrower (``first_line_width``) for an indented paragraph.
        """
        words = text.split()
        lines: list[str] = []
        current = ""
        space = self.get_string_width(" ")

        def limit() -> float:
            return first_line_width if (first_line_width is not None and not lines) else width

        current_width = 0.0
        pending = list(reversed(words))
        while pending:
            word = pending.pop()
            word_width = self.get_string_width(word)
            needed = word_width if not current else current_width + space + word_width
            if needed <= limit():
                current = word if not current else f"{current} {word}"
                current_width = needed
                continue
            room = limit() - (current_width + space if current else 0)
            # A short word moves to the next line whole; only a long unspaced run (a Thai
            # phrase) is cut to fill the line.
            long_run = word_width > limit() / 2
            head, tail = (
                self._split_word(word, room, inside_words=not current)
                if (long_run or not current)
                else ("", word)
            )
            if head:
                current = head if not current else f"{current} {head}"
                lines.append(current)
                current, current_width = "", 0.0
                pending.append(tail)
            elif current:
                lines.append(current)
                current, current_width = "", 0.0
                pending.append(word)
            else:
                # Not even one cluster fits: place it alone rather than loop forever.
                head, tail = self._split_word(word, float("inf"), at_least_one=True)
                lines.append(head)
                if tail:
                    pending.append(tail)
        if current:
            lines.append(current)
        return lines

    def _split_word(
        self, word: str, room: float, *, at_least_one: bool = False, inside_words: bool = False
    ) -> tuple[str, str]:
        """Split ``word`` at the last word boundary whose head fits ``room`` mm. When none
        fits, ``inside_words`` (the line is empty, so moving on would not help) allows a cut
        between clusters inside a word; otherwise the run moves to the next line."""
        if at_least_one:
            points = list(word_boundaries(word)) or break_opportunities(word)
            cut = points[0] if points else len(word)
            return word[:cut], word[cut:]
        best = self._last_fitting(word, list(word_boundaries(word)), room)
        if best or not inside_words:
            return word[:best], word[best:]
        points = break_opportunities(word)
        best = self._last_fitting(word, points, room)
        # Prefer a sure syllable boundary if it still fills most of the line.
        for point in reversed([p for p in points if p <= best]):
            if is_syllable_boundary(word, point):
                if self.get_string_width(word[:point]) >= 0.6 * room:
                    best = point
                break
        return word[:best], word[best:]

    def _last_fitting(self, word: str, points: list[int], room: float) -> int:
        best = 0
        low, high = 0, len(points) - 1
        while low <= high:  # widths grow with the cut point, so a binary search finds it
            mid = (low + high) // 2
            if self.get_string_width(word[: points[mid]]) <= room:
                best = points[mid]
                low = mid + 1
            else:
                high = mid - 1
        return best


def record_report_pdf(
    title: str,
    facts: list[tuple[str, str]],
    headings: list[str],
    rows: list[list[str]],
    *,
    widths: tuple[float, ...] | None = None,
) -> bytes:
    """A plain A4 report of one record: a title, labelled facts, then a table.

    Used for the dated snapshots that file a record as evidence (``plans.evidence``)."""
    pdf = ThaiPDF()
    pdf.c_margin = 1
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.multi_cell(0, 8, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 13)
    for label, value in facts:
        pdf.multi_cell(0, 7, f"{label}: {value}", align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if headings:
        pdf.set_font(FONT_FAMILY, "B", 12)
        with pdf.table(
            col_widths=widths, line_height=6.5, first_row_as_headings=True, text_align="LEFT"
        ) as table:
            header = table.row()
            for text in headings:
                header.cell(text)
            pdf.set_font(FONT_FAMILY, "", 12)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(str(value))
    return bytes(pdf.output())
