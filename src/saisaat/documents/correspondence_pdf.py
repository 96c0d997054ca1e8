"""The PDF page every letter of the Regulation on Correspondence shares (see
``documents.correspondence``): Sarabun, the margins, the page number from page 2 on, body
paragraphs that run onto a new page, and the signature block."""

from __future__ import annotations

from collections.abc import Callable

from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF
from saisaat.documents.correspondence import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    CONTINUATION_TOP,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    SIGNATURE_CENTRE,
    SIGNATURE_GAP_LINES,
)


class CorrespondencePDF(ThaiPDF):
    """A4 in the correspondence margins. Page 1 places everything from the top margin
    explicitly; continuation pages start below their page number (``- ๒ -``)."""

    def __init__(self, *, title: str, digits: Callable[[str], str]):
        super().__init__()
        self.digits = digits
        self.set_margins(LEFT_MARGIN, CONTINUATION_TOP, RIGHT_MARGIN)
        self.set_title(title)
        self.set_lang("th-TH")
        self.set_creator("Saisaat")

    def header(self):
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", BODY_SIZE)
            self.text_line(
                LEFT_MARGIN, 10, self.digits(f"- {self.page_no()} -"), width=self.epw, align="C"
            )

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT - BOTTOM_MARGIN

    @property
    def right(self) -> float:
        return PAGE_WIDTH - RIGHT_MARGIN

    def body_paragraph(
        self, y: float, text: str, *, indent: float, x: float = LEFT_MARGIN
    ) -> float:
        """A body paragraph in 16 pt that runs on to the next page; returns the new y."""
        self.set_font(FONT_FAMILY, "", BODY_SIZE)
        return self.paragraph(x, y, self.right - x, text, indent=indent, bottom=self.bottom)

    def centred_lines(self, y: float, lines: list[str]) -> float:
        """``lines`` centred on the signature's centre line from ``y``; returns the new y."""
        self.set_font(FONT_FAMILY, "", BODY_SIZE)
        half = (self.right - SIGNATURE_CENTRE) * 2
        for line in lines:
            self.text_line(SIGNATURE_CENTRE - half / 2, y, line, width=half, align="C")
            y += self.line_height()
        return y

    def signature(
        self, y: float, lines: list[str], *, before: list[str] = (), before_x: float | None = None
    ) -> float:
        """The signature block, kept whole on one page, with ``before`` (the date line of an
        order or announcement) above the space to sign, from ``before_x`` (centred when
        ``None``); returns the new y."""
        self.set_font(FONT_FAMILY, "", BODY_SIZE)
        height = self.line_height()
        needed = (len(before) + SIGNATURE_GAP_LINES + len(lines)) * height
        if y + needed > self.bottom:
            self.add_page()
            y = CONTINUATION_TOP
        if before_x is None:
            y = self.centred_lines(y, list(before))
        else:
            for line in before:
                self.text_line(before_x, y, line)
                y += height
        y += SIGNATURE_GAP_LINES * height
        return self.centred_lines(y, lines)
