"""The budget overview as a chart (inline SVG) and as the monthly-meeting report (XLSX, PDF)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from saisaat.budget.models import SOURCE_THAI
from saisaat.budget.money import ZERO, format_money, format_percent, percent, round_percent
from saisaat.budget.months import FISCAL_MONTHS, month_label
from saisaat.budget.summary import Overview
from saisaat.core.spreadsheets import workbook_bytes
from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF
from saisaat.thai.calendar import format_thai_month

# ---------------------------------------------------------------------------- chart


def chart_svg(overview: Overview) -> SafeString:
    """Planned and disbursed so far, month by month, in percent of the year's budget,
    with the government's target line."""
    width, height = 640, 280
    left, right, top, bottom = 44, 12, 12, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    year_planned = overview.total.planned
    planned = [percent(r.cumulative_planned, year_planned) or ZERO for r in overview.months]
    disbursed = [
        percent(r.cumulative_disbursed, year_planned) or ZERO for r in overview.months if r.due
    ]
    targets = [r.target for r in overview.months]
    top_value = max([Decimal(100), *planned, *disbursed])
    top_value = (top_value / 25).to_integral_value(rounding="ROUND_CEILING") * 25

    def x(month: int) -> float:
        return left + plot_w * month / 12

    def y(value: Decimal) -> float:
        return top + plot_h * float(1 - value / top_value)

    def points(values) -> str:
        return " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in enumerate([ZERO, *values]))

    parts = [
        f'<svg class="budget-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="budget-chart-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="budget-chart-title">{escape(_("Cumulative disbursement"))}</title>',
    ]
    step = 25
    for value in range(0, int(top_value) + 1, step):
        yy = y(Decimal(value))
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" class="axis">{value}%</text>'
        )
    for month in FISCAL_MONTHS:
        parts.append(
            f'<text x="{x(month):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'class="axis">{escape(month_label(month))}</text>'
        )
    parts.append(
        f'<polyline class="target" points="{points(targets)}"><title>'
        f"{escape(_('Government target'))}</title></polyline>"
    )
    parts.append(
        f'<polyline class="planned" points="{points(planned)}"><title>'
        f"{escape(_('Planned'))}</title></polyline>"
    )
    if disbursed:
        parts.append(
            f'<polyline class="disbursed" points="{points(disbursed)}"><title>'
            f"{escape(_('Disbursed'))}</title></polyline>"
        )
        last = len(disbursed)
        parts.append(
            f'<circle class="disbursed" cx="{x(last):.1f}" cy="{y(disbursed[-1]):.1f}" r="4">'
            f"<title>{escape(format_percent(disbursed[-1]))}</title></circle>"
        )
    legend_y = height - 6
    legend = [
        ("planned", _("Planned")),
        ("disbursed", _("Disbursed")),
        ("target", _("Government target")),
    ]
    for index, (css, label) in enumerate(legend):
        lx = left + index * 170
        parts.append(
            f'<line x1="{lx}" x2="{lx + 22}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            f'class="{css}"/><text x="{lx + 28}" y="{legend_y}" class="legend">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# ---------------------------------------------------------------------------- XLSX


def _title(overview: Overview) -> str:
    scope = _("with its district offices") if overview.rolled_up and overview.units else ""
    return " ".join(
        part
        for part in (
            _("Budget disbursement"),
            overview.unit.name_th,
            scope,
            _("fiscal year %(year)s") % {"year": overview.year},
        )
        if part
    )


def _as_of_text(overview: Overview) -> str:
    if not overview.as_of:
        return ""
    return _("as of the end of %(month)s") % {"month": format_thai_month(overview.as_of_date)}


def _status(meets) -> str:
    if meets is None:
        return "–"
    return _("On target") if meets else _("Below target")


def report_xlsx(overview: Overview, lines) -> bytes:
    """Three sheets: the units against the target, the months, and the lines."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    money = "#,##0.00"
    bold = Font(bold=True)
    workbook = openpyxl.Workbook()

    def header(sheet, row, names):
        for col, name in enumerate(names, start=1):
            sheet.cell(row, col, name).font = bold

    def widths(sheet, values):
        for col, value in enumerate(values, start=1):
            sheet.column_dimensions[get_column_letter(col)].width = value

    summary = workbook.active
    summary.title = _("Summary")[:31]
    summary.cell(1, 1, _title(overview)).font = Font(bold=True, size=14)
    summary.cell(2, 1, _as_of_text(overview))
    header(
        summary,
        4,
        [
            _("Unit"),
            _("Budget for the year"),
            _("Planned to date"),
            _("Disbursed to date"),
            _("Percent of plan"),
            _("Percent of the year's budget"),
            _("Target"),
            _("Status"),
        ],
    )
    rows = overview.units or []
    totals = [(overview.unit.name_th if not rows else None, overview.total)]
    entries = [(row.unit.name_th, row.figures) for row in rows] + [
        (_("Total") if rows else name, figures) for name, figures in totals
    ]
    for r, (name, figures) in enumerate(entries, start=5):
        values = [
            name,
            figures.planned,
            figures.planned_to_date,
            figures.disbursed_to_date,
            round_percent(figures.percent_of_plan),
            round_percent(figures.percent_of_year),
            round_percent(figures.target),
            _status(figures.meets_target),
        ]
        for col, value in enumerate(values, start=1):
            cell = summary.cell(r, col, value)
            if 2 <= col <= 4:
                cell.number_format = money
            elif 5 <= col <= 7:
                cell.number_format = "0.00"
        if name == _("Total"):
            for col in range(1, 9):
                summary.cell(r, col).font = bold
    widths(summary, [45, 16, 16, 16, 12, 14, 10, 14])

    months = workbook.create_sheet(_("Months")[:31])
    header(
        months,
        1,
        [
            _("Month"),
            _("Planned"),
            _("Disbursed"),
            _("Planned, cumulative"),
            _("Disbursed, cumulative"),
            _("Percent of the year's budget"),
            _("Target"),
        ],
    )
    for r, row in enumerate(overview.months, start=2):
        values = [
            format_thai_month(row.start),
            row.planned,
            row.disbursed,
            row.cumulative_planned,
            row.cumulative_disbursed,
            round_percent(row.disbursed_percent) if row.due else None,
            round_percent(row.target),
        ]
        for col, value in enumerate(values, start=1):
            cell = months.cell(r, col, value)
            cell.number_format = money if 2 <= col <= 5 else "0.00"
    widths(months, [16, 16, 16, 18, 18, 14, 10])

    detail = workbook.create_sheet(_("Lines")[:31])
    header(
        detail,
        1,
        [
            _("Unit"),
            "ลำดับ",
            "รายการ/โครงการ",
            "แหล่งงบประมาณ",
            _("Planned"),
            _("Disbursed"),
            _("Percent disbursed"),
        ],
    )
    for r, line in enumerate(lines, start=2):
        values = [
            line.unit.code,
            line.number,
            line.name,
            SOURCE_THAI.get(line.source, ""),
            line.planned_total,
            line.disbursed_total,
            round_percent(line.percent_disbursed),
        ]
        for col, value in enumerate(values, start=1):
            cell = detail.cell(r, col, value)
            if col in (5, 6):
                cell.number_format = money
    widths(detail, [8, 7, 50, 16, 16, 16, 12])
    return workbook_bytes(workbook)


# ---------------------------------------------------------------------------- PDF


def report_pdf(overview: Overview, lines) -> bytes:
    """A plain A4 landscape table report in Sarabun."""
    pdf = ThaiPDF(orientation="L")
    pdf.c_margin = 1
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_title(_title(overview))
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 16)
    pdf.multi_cell(0, 8, _title(overview), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, "", 13)
    pdf.cell(0, 7, _as_of_text(overview), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    def table(headings, rows, widths, bold_last=False):
        pdf.set_font(FONT_FAMILY, "B", 12)
        with pdf.table(
            col_widths=widths,
            text_align=["LEFT"] + ["RIGHT"] * (len(widths) - 1),
            line_height=6.5,
            first_row_as_headings=True,
        ) as t:
            header = t.row()
            for text in headings:
                header.cell(text)
            pdf.set_font(FONT_FAMILY, "", 12)
            for index, values in enumerate(rows):
                if bold_last and index == len(rows) - 1:
                    pdf.set_font(FONT_FAMILY, "B", 12)
                row = t.row()
                for value in values:
                    row.cell(str(value))
        pdf.ln(4)

    figures = [(u.unit.name_th, u.figures) for u in overview.units]
    figures.append((_("Total") if figures else overview.unit.name_th, overview.total))
    table(
        [
            _("Unit"),
            _("Budget for the year"),
            _("Disbursed to date"),
            _("Percent of plan"),
            _("Percent of the year's budget"),
            _("Target"),
            _("Status"),
        ],
        [
            [
                name,
                format_money(f.planned),
                format_money(f.disbursed_to_date),
                format_percent(f.percent_of_plan),
                format_percent(f.percent_of_year),
                format_percent(f.target),
                _status(f.meets_target),
            ]
            for name, f in figures
        ],
        (76, 32, 32, 24, 32, 28, 30),
        bold_last=bool(overview.units),
    )
    table(
        [
            _("Quarter"),
            _("Planned"),
            _("Disbursed"),
            _("Disbursed, cumulative"),
            _("Percent of the year's budget"),
            _("Target"),
            _("Status"),
        ],
        [
            [
                _("Quarter %(number)s") % {"number": q.quarter},
                format_money(q.planned),
                format_money(q.disbursed),
                format_money(q.cumulative_disbursed),
                format_percent(q.disbursed_percent) if q.ended else "–",
                format_percent(q.target),
                _status(q.meets_target),
            ]
            for q in overview.quarters
        ],
        (50, 34, 34, 38, 34, 24, 30),
    )
    if lines:
        table(
            ["รายการ/โครงการ", _("Unit"), _("Planned"), _("Disbursed"), _("Percent disbursed")],
            [
                [
                    f"{line.number}. {line.name}",
                    line.unit.code,
                    format_money(line.planned_total),
                    format_money(line.disbursed_total),
                    format_percent(line.percent_disbursed),
                ]
                for line in lines
            ],
            (130, 20, 40, 40, 30),
        )
    return bytes(pdf.output())
