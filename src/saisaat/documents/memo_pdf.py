"""The memo drawn as a PDF (see ``documents.memo`` for the layout it follows)."""

from __future__ import annotations

from saisaat.core.thaipdf import FONT_FAMILY
from saisaat.documents.correspondence_pdf import CorrespondencePDF
from saisaat.documents.memo import (
    BODY_SIZE,
    EMBLEM_HEIGHT,
    HEADING_SIZE,
    LABEL_SIZE,
    LEFT_MARGIN,
    PARAGRAPH_INDENT,
    TOP_MARGIN,
    MemoContent,
)


def _labelled(
    pdf: CorrespondencePDF, x: float, y: float, label: str, value: str, right: float, dotted: bool
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
    pdf = CorrespondencePDF(title=content.subject, digits=content.digits)
    pdf.add_page()
    right = pdf.right
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
        y = pdf.body_paragraph(y, content.digits(text), indent=PARAGRAPH_INDENT)
        y += height * 0.25
    pdf.signature(
        y,
        [
            f"({content.digits(content.signer_name)})",
            *map(content.digits, content.position_lines()),
        ],
    )
    return bytes(pdf.output())
