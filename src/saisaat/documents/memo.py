"""The official memo (บันทึกข้อความ) laid out as the Regulation on Correspondence shows it.

One ``MemoContent`` is rendered two ways with the same layout: a PDF (``render_memo_pdf``,
fpdf2 with HarfBuzz shaping and ActualText lines, see ``core.thaipdf``) and a DOCX
(``render_memo_docx``, python-docx with the Thai complex-script font and language set).

Layout: A4; margins 3 cm left, 2 cm right, 1.5 cm top (the emblem, when configured, sits in the
top-left corner, 1.5 cm high), 2 cm bottom; the heading บันทึกข้อความ bold and larger, centred;
the labels ส่วนราชการ, ที่, วันที่, เรื่อง bold; ที่ and วันที่ share a line; then เรียน, body
paragraphs with a 2.5 cm first-line indent and the signature block — the name in parentheses
and the position under it, centred on the right half. Body text is Sarabun 16 pt.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings

from saisaat.thai import format_thai_date, to_thai_digits

PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
LEFT_MARGIN = 30.0
RIGHT_MARGIN = 20.0
TOP_MARGIN = 15.0
BOTTOM_MARGIN = 20.0
CONTINUATION_TOP = 22.0
BODY_SIZE = 16
LABEL_SIZE = 20
HEADING_SIZE = 29
PARAGRAPH_INDENT = 25.0
EMBLEM_HEIGHT = 15.0
SIGNATURE_CENTRE = LEFT_MARGIN + (PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN) * 0.68
SIGNATURE_GAP_LINES = 3


@dataclass
class MemoContent:
    """Everything printed on a memo, already edited by the officer."""

    office: str
    number: str
    date: date
    subject: str
    recipient: str
    paragraphs: list[str]
    signer_name: str
    signer_position: str
    thai_digits: bool = True
    dotted_lines: bool = False
    emblem_path: str | None = field(default=None)

    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai_digits else text

    @property
    def date_text(self) -> str:
        return format_thai_date(self.date, thai_digits=self.thai_digits)

    def position_lines(self) -> list[str]:
        return [line.strip() for line in self.signer_position.splitlines() if line.strip()]


def default_emblem_path() -> str | None:
    path = getattr(settings, "SAISAAT_EMBLEM_PATH", None)
    return str(path) if path and Path(path).is_file() else None


# -- PDF ------------------------------------------------------------------------------------


def render_memo_pdf(content: MemoContent) -> bytes:
    # Drawn in its own module: fpdf takes a few hundred milliseconds to import, paid only by
    # a request that draws a memo rather than by every process at start-up.
    from saisaat.documents.memo_pdf import render

    return render(content)


# -- DOCX -----------------------------------------------------------------------------------


def _docx_font_name() -> str:
    return getattr(settings, "SAISAAT_MEMO_DOCX_FONT", "TH Sarabun New")


# Children of w:rPr in the order the OOXML schema requires (Word refuses other orders).
_RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()


def _put(rpr, tag: str, **attributes: str):
    """Set the child ``w:<tag>`` of ``rpr`` (creating it in schema order) with ``attributes``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = rpr.find(qn(f"w:{tag}"))
    if element is None:
        element = OxmlElement(f"w:{tag}")
        rank = _RPR_ORDER.index(tag)
        for child in rpr:
            local = child.tag.split("}")[-1]
            if local in _RPR_ORDER and _RPR_ORDER.index(local) > rank:
                child.addprevious(element)
                break
        else:
            rpr.append(element)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _thai_run_properties(rpr, *, size: int, bold: bool = False):
    """Give ``rpr`` the Thai font in every script slot, the complex-script size and language."""
    name = _docx_font_name()
    _put(rpr, "rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name)
    if bold:
        _put(rpr, "b")
        _put(rpr, "bCs")
    _put(rpr, "sz", val=str(size * 2))
    _put(rpr, "szCs", val=str(size * 2))
    _put(rpr, "lang", val="th-TH", bidi="th-TH")


def _set_run_font(run, *, size: int, bold: bool = False):
    _thai_run_properties(run._element.get_or_add_rPr(), size=size, bold=bold)


def _paragraph(document, parts, *, indent_cm: float = 0, align=None, tabs=(), space_after=0):
    from docx.shared import Cm, Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if indent_cm:
        fmt.first_line_indent = Cm(indent_cm)
    if align is not None:
        paragraph.alignment = align
    for position in tabs:
        fmt.tab_stops.add_tab_stop(Cm(position))
    for text, size, bold in parts:
        _set_run_font(paragraph.add_run(text), size=size, bold=bold)
    return paragraph


def render_memo_docx(content: MemoContent) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(LEFT_MARGIN / 10), Cm(RIGHT_MARGIN / 10)
    section.top_margin, section.bottom_margin = Cm(TOP_MARGIN / 10), Cm(BOTTOM_MARGIN / 10)

    # The default style carries the Thai font and language too, for text typed later in Word.
    _thai_run_properties(document.styles["Normal"].element.get_or_add_rPr(), size=BODY_SIZE)
    document.core_properties.title = content.subject
    document.core_properties.language = "th-TH"

    d = content.digits
    if content.emblem_path:
        document.add_picture(content.emblem_path, height=Cm(EMBLEM_HEIGHT / 10))
    _paragraph(document, [("บันทึกข้อความ", HEADING_SIZE, True)], align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(
        document, [("ส่วนราชการ", LABEL_SIZE, True), ("  " + d(content.office), BODY_SIZE, False)]
    )
    _paragraph(
        document,
        [
            ("ที่", LABEL_SIZE, True),
            ("  " + d(content.number) + "\t", BODY_SIZE, False),
            ("วันที่", LABEL_SIZE, True),
            ("  " + content.date_text, BODY_SIZE, False),
        ],
        tabs=(8,),
    )
    _paragraph(
        document,
        [("เรื่อง", LABEL_SIZE, True), ("  " + d(content.subject), BODY_SIZE, False)],
        space_after=6,
    )
    _paragraph(document, [("เรียน  " + d(content.recipient), BODY_SIZE, False)], space_after=3)
    for text in content.paragraphs:
        _paragraph(
            document, [(d(text), BODY_SIZE, False)], indent_cm=PARAGRAPH_INDENT / 10, space_after=3
        )
    for _ in range(SIGNATURE_GAP_LINES):
        _paragraph(document, [("", BODY_SIZE, False)])
    # A centred paragraph indented from the left by L is centred at (L + text width) / 2:
    # choose L so the block is centred where the PDF centres it.
    text_width = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
    signature_indent = Mm(2 * (SIGNATURE_CENTRE - LEFT_MARGIN) - text_width)
    for line in [f"({d(content.signer_name)})", *map(d, content.position_lines())]:
        paragraph = _paragraph(
            document, [(line, BODY_SIZE, False)], align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.left_indent = signature_indent
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
