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

import re
from dataclasses import dataclass, field
from datetime import date

from saisaat.documents.correspondence import (  # noqa: F401 (the memo's layout names)
    BODY_SIZE,
    BOTTOM_MARGIN,
    CONTINUATION_TOP,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PARAGRAPH_INDENT,
    RIGHT_MARGIN,
    SIGNATURE_CENTRE,
    SIGNATURE_GAP_LINES,
    TOP_MARGIN,
    default_emblem_path,
    docx_bytes,
    docx_paragraph,
    docx_signature,
    lines_of,
    new_docx,
)
from saisaat.thai import format_thai_date, to_thai_digits

LABEL_SIZE = 20
HEADING_SIZE = 29
EMBLEM_HEIGHT = 15.0


# A SHA-256 printed in two halves, so that it wraps within the margins.
_HASH = re.compile(r"\b[0-9a-f]{32}\b")


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
        if not self.thai_digits:
            return text
        # A hash (the audit chain head of a quarterly memo) is compared character by
        # character with the published one: its digits stay as written.
        pieces = _HASH.split(text)
        hashes = _HASH.findall(text) + [""]
        return "".join(
            to_thai_digits(piece) + hash_ for piece, hash_ in zip(pieces, hashes, strict=True)
        )

    @property
    def date_text(self) -> str:
        return format_thai_date(self.date, thai_digits=self.thai_digits)

    def position_lines(self) -> list[str]:
        return lines_of(self.signer_position)


# -- PDF ------------------------------------------------------------------------------------


def render_memo_pdf(content: MemoContent) -> bytes:
    # Drawn in its own module: fpdf takes a few hundred milliseconds to import, paid only by
    # a request that draws a memo rather than by every process at start-up.
    from saisaat.documents.memo_pdf import render

    return render(content)


# -- DOCX -----------------------------------------------------------------------------------


def render_memo_docx(content: MemoContent) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document = new_docx(content.subject)
    d = content.digits
    if content.emblem_path:
        document.add_picture(content.emblem_path, height=Cm(EMBLEM_HEIGHT / 10))
    docx_paragraph(document, [("บันทึกข้อความ", HEADING_SIZE, True)], align=WD_ALIGN_PARAGRAPH.CENTER)
    docx_paragraph(
        document, [("ส่วนราชการ", LABEL_SIZE, True), ("  " + d(content.office), BODY_SIZE, False)]
    )
    docx_paragraph(
        document,
        [
            ("ที่", LABEL_SIZE, True),
            ("  " + d(content.number) + "\t", BODY_SIZE, False),
            ("วันที่", LABEL_SIZE, True),
            ("  " + content.date_text, BODY_SIZE, False),
        ],
        tabs=(8,),
    )
    docx_paragraph(
        document,
        [("เรื่อง", LABEL_SIZE, True), ("  " + d(content.subject), BODY_SIZE, False)],
        space_after=6,
    )
    docx_paragraph(document, [("เรียน  " + d(content.recipient), BODY_SIZE, False)], space_after=3)
    for text in content.paragraphs:
        docx_paragraph(
            document, [(d(text), BODY_SIZE, False)], indent_cm=PARAGRAPH_INDENT / 10, space_after=3
        )
    docx_signature(document, [f"({d(content.signer_name)})", *map(d, content.position_lines())])
    return docx_bytes(document)
