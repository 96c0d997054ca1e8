"""The announcement (ประกาศ) and the order (คำสั่ง) laid out as the Regulation on
Correspondence shows them, on the memo's page (``documents.correspondence``).

Layout, both kinds: the Garuda, 3 cm high, at the top centre (the configured emblem, or its
space left blank); centred and bold, ``ประกาศ<ส่วนราชการ>`` or ``คำสั่ง<ส่วนราชการ>``, for an
order ``ที่ N/ปี`` under it (the running number of the office's order series in the
Buddhist-era calendar year of the order's date), then ``เรื่อง ...``, then a short rule; the
body paragraphs with a 2.5 cm first-line indent; an order's committee as a numbered list
(the name, with the role in the committee in a column on the right, and the position under
the name) and its duties;
``ทั้งนี้ ตั้งแต่ ...``; ``ประกาศ ณ วันที่`` / ``สั่ง ณ วันที่`` with the B.E. date, from the middle
of the line; the signature block (the name in parentheses, the position under it) centred on
the right half. Sarabun 16 pt throughout. A draft has no number or date yet: it prints
dotted places for them, as the paper form does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from saisaat.documents.correspondence import (
    BODY_SIZE,
    LEFT_MARGIN,
    PARAGRAPH_INDENT,
    TEXT_WIDTH,
    docx_bytes,
    docx_paragraph,
    docx_signature,
    lines_of,
    new_docx,
)
from saisaat.thai import format_thai_date, to_thai_digits

GARUDA_HEIGHT = 30.0
RULE_WIDTH = 40.0
MEMBER_NUMBER_X = LEFT_MARGIN + 10.0
MEMBER_NAME_X = MEMBER_NUMBER_X + 8.0
MEMBER_ROLE_X = LEFT_MARGIN + TEXT_WIDTH - 60.0
DATE_LINE_X = LEFT_MARGIN + 55.0

ORDER = "order"
ANNOUNCEMENT = "announcement"

ROLE_TEXT = {
    "chair": "ประธานคณะทำงาน",
    "vice_chair": "รองประธานคณะทำงาน",
    "member": "คณะทำงาน",
    "secretary": "คณะทำงานและเลขานุการ",
    "assistant_secretary": "คณะทำงานและผู้ช่วยเลขานุการ",
}
"""How the order prints each role (whatever the language of the page)."""


@dataclass(frozen=True)
class MemberLine:
    name: str
    position: str
    role: str  # a key of ROLE_TEXT

    @property
    def role_text(self) -> str:
        return ROLE_TEXT.get(self.role, self.role)


@dataclass
class OfficialContent:
    """Everything printed on an announcement or an order."""

    kind: str  # ORDER or ANNOUNCEMENT
    office: str
    title: str
    paragraphs: list[str]
    signer_name: str
    signer_position: str
    year: int  # Buddhist era: the year of the number and of the date
    number: int | None = None  # None on a draft
    date: date | None = None  # None on a draft
    members: list[MemberLine] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    effective: str = ""
    thai_digits: bool = True
    emblem_path: str | None = None

    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai_digits else text

    @property
    def heading(self) -> str:
        return ("คำสั่ง" if self.kind == ORDER else "ประกาศ") + self.office

    @property
    def number_line(self) -> str:
        """``ที่ ๑๒/๒๕๖๖`` of an order (dotted before it is numbered); announcements none."""
        if self.kind != ORDER:
            return ""
        running = str(self.number) if self.number is not None else "........"
        return self.digits(f"ที่ {running}/{self.year}")

    @property
    def date_line(self) -> str:
        word = "สั่ง" if self.kind == ORDER else "ประกาศ"
        if self.date is None:
            when = f"...... เดือน .............. พ.ศ. {self.year}"
        else:
            day = format_thai_date(self.date)
            when = day.rsplit(" ", 1)[0] + f" พ.ศ. {day.rsplit(' ', 1)[1]}"
        return self.digits(f"{word} ณ วันที่ {when}")

    @property
    def effective_line(self) -> str:
        return self.digits(f"ทั้งนี้ ตั้งแต่{self.effective.strip()}") if self.effective.strip() else ""

    def member_number(self, index: int) -> str:
        return self.digits(f"{index}.")

    def signature_lines(self) -> list[str]:
        return [
            f"({self.digits(self.signer_name)})",
            *map(self.digits, lines_of(self.signer_position)),
        ]


# -- PDF ------------------------------------------------------------------------------------


def render_official_pdf(content: OfficialContent) -> bytes:
    # fpdf is imported only by a request that draws a document (see documents.memo).
    from saisaat.documents.official_pdf import render

    return render(content)


# -- DOCX -----------------------------------------------------------------------------------


def render_official_docx(content: OfficialContent) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    centre = WD_ALIGN_PARAGRAPH.CENTER
    document = new_docx(content.title)
    d = content.digits
    if content.emblem_path:
        document.add_picture(content.emblem_path, height=Cm(GARUDA_HEIGHT / 10))
        document.paragraphs[-1].alignment = centre
    else:
        # The Garuda's place: 3 cm of empty lines.
        for _ in range(3):
            docx_paragraph(document, [("", BODY_SIZE, False)])
    docx_paragraph(document, [(d(content.heading), BODY_SIZE, True)], align=centre)
    if content.number_line:
        docx_paragraph(document, [(content.number_line, BODY_SIZE, True)], align=centre)
    docx_paragraph(document, [(f"เรื่อง {d(content.title)}", BODY_SIZE, True)], align=centre)
    docx_paragraph(document, [("-" * 30, BODY_SIZE, False)], align=centre, space_after=6)
    indent = PARAGRAPH_INDENT / 10
    for text in content.paragraphs:
        docx_paragraph(document, [(d(text), BODY_SIZE, False)], indent_cm=indent, space_after=3)
    if content.members:
        name_tab = (MEMBER_NAME_X - LEFT_MARGIN) / 10
        role_tab = (MEMBER_ROLE_X - LEFT_MARGIN) / 10
        for index, member in enumerate(content.members, start=1):
            paragraph = docx_paragraph(
                document,
                [
                    (
                        f"{content.member_number(index)}\t{d(member.name)}\t{member.role_text}",
                        BODY_SIZE,
                        False,
                    )
                ],
                tabs=(name_tab, role_tab),
                left_cm=name_tab,
            )
            # The number hangs in the space before the name.
            paragraph.paragraph_format.first_line_indent = Cm(
                (MEMBER_NUMBER_X - MEMBER_NAME_X) / 10
            )
            if member.position:
                docx_paragraph(document, [(d(member.position), BODY_SIZE, False)], left_cm=name_tab)
        docx_paragraph(document, [("", BODY_SIZE, False)], space_after=0)
    for text in content.duties:
        docx_paragraph(document, [(d(text), BODY_SIZE, False)], indent_cm=indent, space_after=3)
    if content.effective_line:
        docx_paragraph(
            document, [(content.effective_line, BODY_SIZE, False)], indent_cm=indent, space_after=6
        )
    docx_paragraph(
        document,
        [(content.date_line, BODY_SIZE, False)],
        left_cm=(DATE_LINE_X - LEFT_MARGIN) / 10,
    )
    docx_signature(document, content.signature_lines())
    return docx_bytes(document)
