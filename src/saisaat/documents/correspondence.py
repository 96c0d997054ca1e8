"""What every letter of the Regulation on Correspondence (ระเบียบงานสารบรรณ) shares, in both
renderings: the A4 page and its margins, Sarabun 16 pt body text, the Thai run properties of
a DOCX, and the signature block (the signer's name in parentheses, the position under it,
centred on the right half of the page).

The memo (``documents.memo``) and the announcement and order (``documents.official``) are
laid out with these; the PDF side is ``documents.correspondence_pdf``.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.conf import settings

PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
LEFT_MARGIN = 30.0
RIGHT_MARGIN = 20.0
TOP_MARGIN = 15.0
BOTTOM_MARGIN = 20.0
CONTINUATION_TOP = 22.0
BODY_SIZE = 16
PARAGRAPH_INDENT = 25.0
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
SIGNATURE_CENTRE = LEFT_MARGIN + TEXT_WIDTH * 0.68
SIGNATURE_GAP_LINES = 3


def default_emblem_path() -> str | None:
    path = getattr(settings, "SAISAAT_EMBLEM_PATH", None)
    return str(path) if path and Path(path).is_file() else None


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a multi-line field (a position of two lines)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# -- DOCX -----------------------------------------------------------------------------------


def docx_font_name() -> str:
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


def thai_run_properties(rpr, *, size: int, bold: bool = False):
    """Give ``rpr`` the Thai font in every script slot, the complex-script size and language."""
    name = docx_font_name()
    _put(rpr, "rFonts", ascii=name, hAnsi=name, eastAsia=name, cs=name)
    if bold:
        _put(rpr, "b")
        _put(rpr, "bCs")
    _put(rpr, "sz", val=str(size * 2))
    _put(rpr, "szCs", val=str(size * 2))
    _put(rpr, "lang", val="th-TH", bidi="th-TH")


def set_run_font(run, *, size: int, bold: bool = False):
    thai_run_properties(run._element.get_or_add_rPr(), size=size, bold=bold)


def docx_paragraph(
    document, parts, *, indent_cm: float = 0, align=None, tabs=(), space_after=0, left_cm=0
):
    """A paragraph of ``parts`` (``(text, size, bold)``), first line indented ``indent_cm``."""
    from docx.shared import Cm, Pt

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if indent_cm:
        fmt.first_line_indent = Cm(indent_cm)
    if left_cm:
        fmt.left_indent = Cm(left_cm)
    if align is not None:
        paragraph.alignment = align
    for position in tabs:
        fmt.tab_stops.add_tab_stop(Cm(position))
    for text, size, bold in parts:
        set_run_font(paragraph.add_run(text), size=size, bold=bold)
    return paragraph


def new_docx(title: str):
    """An A4 document with the correspondence margins and the Thai font as its default."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(LEFT_MARGIN / 10), Cm(RIGHT_MARGIN / 10)
    section.top_margin, section.bottom_margin = Cm(TOP_MARGIN / 10), Cm(BOTTOM_MARGIN / 10)
    # The default style carries the Thai font and language too, for text typed later in Word.
    thai_run_properties(document.styles["Normal"].element.get_or_add_rPr(), size=BODY_SIZE)
    document.core_properties.title = title
    document.core_properties.language = "th-TH"
    return document


def docx_signature(document, lines: list[str], *, gap_lines: int = SIGNATURE_GAP_LINES):
    """The signature block: blank lines to sign in, then ``lines`` centred where the PDF
    centres them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for _ in range(gap_lines):
        docx_paragraph(document, [("", BODY_SIZE, False)])
    # A centred paragraph indented from the left by L is centred at (L + text width) / 2:
    # choose L so the block is centred where the PDF centres it.
    signature_indent = Mm(2 * (SIGNATURE_CENTRE - LEFT_MARGIN) - TEXT_WIDTH)
    for line in lines:
        paragraph = docx_paragraph(
            document, [(line, BODY_SIZE, False)], align=WD_ALIGN_PARAGRAPH.CENTER
        )
        paragraph.paragraph_format.left_indent = signature_indent


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
