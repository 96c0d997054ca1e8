"""The memo drawn as a PDF (see ``documents.memo`` for the layout it follows)."""

from __future__ import annotations

from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF
from saisaat.documents.memo import (
    BODY_SIZE,
    BOTTOM_MARGIN,
    CONTINUATION_TOP,
    EMBLEM_HEIGHT,
    HEADING_SIZE,
    LABEL_SIZE,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PARAGRAPH_INDENT,
    RIGHT_MARGIN,
    SIGNATURE_CENTRE,
    SIGNATURE_GAP_LINES,
    TOP_MARGIN,
    MemoContent,
)


class _MemoPDF(ThaiPDF):
    def __init__(self, content: MemoContent):
        super().__init__()
        self.content = content
        # Page 1 places everything from TOP_MARGIN explicitly; continuation pages start below
        # their page number.
        self.set_margins(LEFT_MARGIN, CONTINUATION_TOP, RIGHT_MARGIN)
        self.set_title(content.subject)
        self.set_lang("th-TH")
        self.set_creator("Saisaat")

    def header(self):
        # From page 2 on, the page number is centred at the top: - ๒ -
        if self.page_no() > 1:
            self.set_font(FONT_FAMILY, "", BODY_SIZE)
            number = self.content.digits(f"- {self.page_no()} -")
            self.text_line(LEFT_MARGIN, 10, number, width=self.epw, align="C")

    @property
    def bottom(self) -> float:
        return PAGE_HEIGHT - BOTTOM_MARGIN


def _labelled(
    pdf: _MemoPDF, x: float, y: float, label: str, value: str, right: float, dotted: bool
):
    """Draw a bold label then its value on one line; return where the value ends (mm)."""
    pdf.set_font(FONT_FAMILY, "B", LABEL_SIZE)
    label_width = pdf.get_string_width(label)
    label_height = pdf.line_height()
    pdf.text_line(x, y, label)
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    value_x = x + label_width + 3
    # Sit the 16 pt value on the same baseline as the 20 pt label.
    value_y = y + label_height - pdf.line_height() - (LABEL_SIZE - BODY_SIZE) * 0.35 * 0.25
    lines = pdf.wrap(value, right - value_x) or [""]
    for index, line in enumerate(lines):
        pdf.text_line(value_x, value_y + index * pdf.line_height(), line)
    if dotted:
        baseline = y + label_height * 0.8
        pdf.set_line_width(0.2)
        pdf.set_dash_pattern(dash=0.3, gap=1.2)
        pdf.line(value_x - 1, baseline, right, baseline)
        pdf.set_dash_pattern()
    return max(y + label_height, value_y + len(lines) * pdf.line_height()) + 1


def render(content: MemoContent) -> bytes:
    pdf = _MemoPDF(content)
    pdf.add_page()
    right = PAGE_WIDTH - RIGHT_MARGIN
    dotted = content.dotted_lines

    emblem = content.emblem_path
    if emblem:
        pdf.image(emblem, x=LEFT_MARGIN, y=TOP_MARGIN, h=EMBLEM_HEIGHT)
    pdf.set_font(FONT_FAMILY, "B", HEADING_SIZE)
    y = TOP_MARGIN + 1
    pdf.text_line(LEFT_MARGIN, y, "บันทึกข้อความ", width=pdf.epw, align="C")
    y = TOP_MARGIN + EMBLEM_HEIGHT + 2

    y = _labelled(pdf, LEFT_MARGIN, y, "ส่วนราชการ", content.digits(content.office), right, dotted)
    middle = LEFT_MARGIN + pdf.epw * 0.5
    y_number = _labelled(
        pdf, LEFT_MARGIN, y, "ที่", content.digits(content.number), middle - 3, dotted
    )
    y_date = _labelled(pdf, middle, y, "วันที่", content.date_text, right, dotted)
    y = max(y_number, y_date)
    y = _labelled(pdf, LEFT_MARGIN, y, "เรื่อง", content.digits(content.subject), right, dotted)

    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    height = pdf.line_height()
    y += height * 0.5
    y = pdf.paragraph(LEFT_MARGIN, y, pdf.epw, f"เรียน  {content.digits(content.recipient)}")
    y += height * 0.25
    for text in content.paragraphs:
        y = pdf.paragraph(
            LEFT_MARGIN,
            y,
            pdf.epw,
            content.digits(text),
            indent=PARAGRAPH_INDENT,
            bottom=pdf.bottom,
        )
        y += height * 0.25

    block = [
        f"({content.digits(content.signer_name)})",
        *map(content.digits, content.position_lines()),
    ]
    needed = (SIGNATURE_GAP_LINES + len(block)) * height
    if y + needed > pdf.bottom:
        pdf.add_page()
        y = CONTINUATION_TOP
    y += SIGNATURE_GAP_LINES * height
    half = (right - SIGNATURE_CENTRE) * 2
    for line in block:
        pdf.text_line(SIGNATURE_CENTRE - half / 2, y, line, width=half, align="C")
        y += height
    return bytes(pdf.output())
