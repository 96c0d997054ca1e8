"""A sub-plan's document (แผนการแสวงหาความร่วมมือกับภาคีเครือข่าย, แผนการขับเคลื่อนองค์กร
คุณธรรม, โครงการนวัตกรรม) on the correspondence engine: the same A4 page, Sarabun 16 pt,
HarfBuzz-shaped text with its ActualText layer, as PDF and DOCX from one ``SubPlanContent``.

Layout: the title centred and bold with the office and the fiscal year under it; then
1. the objective, 2. the activities (each with its period, the people responsible, the
budget and the indicator with its target) and 3. the total budget; each activity is a block
of short paragraphs rather than a table, so it fits the page and reads back in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from saisaat.documents.correspondence import (
    BODY_SIZE,
    LEFT_MARGIN,
    PARAGRAPH_INDENT,
    TOP_MARGIN,
    docx_bytes,
    docx_paragraph,
    new_docx,
)
from saisaat.thai import format_thai_date, to_thai_digits

KIND_HEADINGS = {
    "partners": "แผนการแสวงหาความร่วมมือกับภาคีเครือข่ายในด้านการมีส่วนร่วมในการปฏิบัติราชการ",
    "moral": "แผนการขับเคลื่อนองค์กรคุณธรรม",
    "innovation": "โครงการ/กิจกรรมที่เป็นนวัตกรรมในการสร้างความโปร่งใส",
}


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


@dataclass
class ActivityBlock:
    name: str
    period: str
    responsible: str
    budget: Decimal
    indicator: str
    target: str


@dataclass
class SubPlanContent:
    heading: str
    title: str
    office: str
    fiscal_year: int
    objective: str
    activities: list[ActivityBlock] = field(default_factory=list)
    thai_digits: bool = True

    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.thai_digits else text

    @property
    def total_budget(self) -> Decimal:
        return sum((a.budget for a in self.activities), Decimal(0))

    def header_lines(self) -> list[str]:
        """The kind's heading unless the title already begins with it; the title; the
        office unless the title already names it; the fiscal year."""
        title = " ".join(self.title.split())
        lines = [] if title.startswith(self.heading) else [self.heading]
        if title:
            lines.append(title)
        year = f"ประจำปีงบประมาณ พ.ศ. {self.fiscal_year}"
        lines.append(year if self.office in title else f"{self.office} {year}")
        return [self.digits(line) for line in lines]

    def sections(self) -> list[tuple[str, list[tuple[float, str]]]]:
        """``(section heading, [(left indent in mm, paragraph)])`` in reading order."""
        activities: list[tuple[float, str]] = []
        for number, block in enumerate(self.activities, start=1):
            activities.append((5, f"2.{number} {block.name}"))
            activities.append((12, f"ระยะเวลา {block.period}"))
            activities.append((12, f"ผู้รับผิดชอบ {block.responsible or '-'}"))
            activities.append((12, f"งบประมาณ {money(block.budget)} บาท"))
            if block.indicator or block.target:
                activities.append(
                    (12, f"ตัวชี้วัด {block.indicator or '-'} ค่าเป้าหมาย {block.target or '-'}")
                )
        return [
            ("1. วัตถุประสงค์", [(0, line) for line in self.objective.splitlines() if line.strip()]),
            ("2. กิจกรรม", activities),
            ("3. งบประมาณ", [(0, f"รวมทั้งสิ้น {money(self.total_budget)} บาท")]),
        ]


def content_of(subplan, activities=None) -> SubPlanContent:
    """The document of ``subplan`` (its activities with their ``responsible`` loaded)."""
    rows = activities if activities is not None else list(subplan.activities.all())
    blocks = []
    for row in rows:
        people = ", ".join(
            person_name(p)
            for p in sorted(row.responsible.all(), key=lambda p: (p.first_name, p.last_name, p.pk))
        )
        if row.period_start == row.period_end:
            period = format_thai_date(row.period_start)
        else:
            period = f"{format_thai_date(row.period_start)} ถึง {format_thai_date(row.period_end)}"
        blocks.append(
            ActivityBlock(row.name, period, people, row.budget, row.indicator, row.target)
        )
    return SubPlanContent(
        heading=KIND_HEADINGS[subplan.kind],
        title=subplan.title,
        office=subplan.unit.name_th,
        fiscal_year=subplan.fiscal_year,
        objective=subplan.objective,
        activities=blocks,
    )


def person_name(staff) -> str:
    return " ".join(f"{staff.title}{staff.first_name} {staff.last_name}".split())


def render_subplan_pdf(content: SubPlanContent) -> bytes:
    from saisaat.core.thaipdf import FONT_FAMILY
    from saisaat.documents.correspondence_pdf import CorrespondencePDF

    pdf = CorrespondencePDF(title=content.title, digits=content.digits)
    pdf.add_page()
    y = TOP_MARGIN + 5
    pdf.set_font(FONT_FAMILY, "B", BODY_SIZE + 2)
    for text in content.header_lines():
        for line in pdf.wrap(text, pdf.epw):
            pdf.text_line(LEFT_MARGIN, y, line, width=pdf.epw, align="C")
            y += pdf.line_height()
    y += 4
    for heading, paragraphs in content.sections():
        pdf.set_font(FONT_FAMILY, "B", BODY_SIZE)
        if y + 2 * pdf.line_height() > pdf.bottom:
            pdf.add_page()
            y = pdf.t_margin
        pdf.text_line(LEFT_MARGIN, y, content.digits(heading))
        y += pdf.line_height()
        for left, text in paragraphs:
            indent = PARAGRAPH_INDENT if not left else 0
            y = pdf.body_paragraph(
                y, content.digits(text), indent=indent, x=LEFT_MARGIN + (left or 0)
            )
        y += pdf.line_height() * 0.5
    return bytes(pdf.output())


def render_subplan_docx(content: SubPlanContent) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = new_docx(content.title)
    for text in content.header_lines():
        docx_paragraph(document, [(text, BODY_SIZE + 2, True)], align=WD_ALIGN_PARAGRAPH.CENTER)
    for heading, paragraphs in content.sections():
        docx_paragraph(document, [(content.digits(heading), BODY_SIZE, True)], space_after=3)
        for left, text in paragraphs:
            docx_paragraph(
                document,
                [(content.digits(text), BODY_SIZE, False)],
                indent_cm=0 if left else PARAGRAPH_INDENT / 10,
                left_cm=left / 10,
                space_after=2,
            )
    return docx_bytes(document)
