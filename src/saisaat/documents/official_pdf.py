"""The announcement and the order drawn as a PDF (see ``documents.official`` for the layout)."""

from __future__ import annotations

from saisaat.core.thaipdf import FONT_FAMILY
from saisaat.documents.correspondence import (
    BODY_SIZE,
    CONTINUATION_TOP,
    LEFT_MARGIN,
    PAGE_WIDTH,
    PARAGRAPH_INDENT,
    TOP_MARGIN,
)
from saisaat.documents.correspondence_pdf import CorrespondencePDF
from saisaat.documents.official import (
    DATE_LINE_X,
    GARUDA_HEIGHT,
    MEMBER_NAME_X,
    MEMBER_NUMBER_X,
    MEMBER_ROLE_X,
    RULE_WIDTH,
    OfficialContent,
)


def _centred(pdf: CorrespondencePDF, y: float, text: str, *, bold: bool = True) -> float:
    pdf.set_font(FONT_FAMILY, "B" if bold else "", BODY_SIZE)
    for line in pdf.wrap(text, pdf.epw):
        pdf.text_line(LEFT_MARGIN, y, line, width=pdf.epw, align="C")
        y += pdf.line_height()
    return y


def _members(pdf: CorrespondencePDF, y: float, content: OfficialContent) -> float:
    """The committee: the number, the name with the role on the right, the position under
    the name across the rest of the line; each member kept on one page."""
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    height = pdf.line_height()
    for index, member in enumerate(content.members, start=1):
        names = pdf.wrap(content.digits(member.name), MEMBER_ROLE_X - MEMBER_NAME_X - 3)
        positions = pdf.wrap(content.digits(member.position), pdf.right - MEMBER_NAME_X)
        if y + (len(names) + len(positions)) * height > pdf.bottom:
            pdf.add_page()
            y = CONTINUATION_TOP
        pdf.text_line(MEMBER_NUMBER_X, y, content.member_number(index))
        pdf.text_line(MEMBER_ROLE_X, y, member.role_text)
        for line in names + positions:
            pdf.text_line(MEMBER_NAME_X, y, line)
            y += height
    return y


def render(content: OfficialContent) -> bytes:
    pdf = CorrespondencePDF(title=content.title, digits=content.digits)
    pdf.add_page()
    if content.emblem_path:
        pdf.image(
            content.emblem_path,
            x=(PAGE_WIDTH - GARUDA_HEIGHT) / 2,
            y=TOP_MARGIN,
            h=GARUDA_HEIGHT,
        )
    y = TOP_MARGIN + GARUDA_HEIGHT + 3
    y = _centred(pdf, y, content.digits(content.heading))
    if content.number_line:
        y = _centred(pdf, y, content.number_line)
    y = _centred(pdf, y, content.digits(f"เรื่อง {content.title}"))
    y += 2
    pdf.set_line_width(0.3)
    middle = LEFT_MARGIN + pdf.epw / 2
    pdf.line(middle - RULE_WIDTH / 2, y, middle + RULE_WIDTH / 2, y)
    y += 4

    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    height = pdf.line_height()
    for text in content.paragraphs:
        y = pdf.body_paragraph(y, content.digits(text), indent=PARAGRAPH_INDENT)
        y += height * 0.25
    if content.members:
        y = _members(pdf, y, content) + height * 0.5
    for text in content.duties:
        y = pdf.body_paragraph(y, content.digits(text), indent=PARAGRAPH_INDENT)
        y += height * 0.25
    if content.effective_line:
        y = pdf.body_paragraph(y, content.effective_line, indent=PARAGRAPH_INDENT)
    y += height * 0.5
    pdf.signature(y, content.signature_lines(), before_x=DATE_LINE_X, before=[content.date_line])
    return bytes(pdf.output())
