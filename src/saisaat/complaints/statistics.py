"""Complaint figures for a fiscal year or its first half (October to March), counted in
the database: totals, finished, in progress, by channel, by category and by month."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.complaints.models import Channel, Complaint
from saisaat.core.spreadsheets import workbook_bytes
from saisaat.orgs.models import Unit
from saisaat.plans.years import plan_years
from saisaat.thai.calendar import (
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_month,
)
from saisaat.thai.periods import Period


def period_bounds(fiscal_year: int, first_half: bool = False) -> tuple[date, date]:
    """The fiscal year, or its first two quarters (October to March)."""
    first, last = fiscal_year_bounds(fiscal_year)
    if first_half:
        last = fiscal_quarter_bounds(fiscal_year, 2)[1]
    return first, last


def complaint_years(unit: Unit) -> list[int]:
    """The fiscal years a unit's statistics can be chosen from, newest first: its plan
    years and every year from its first complaint to this one (two queries)."""
    this_year = fiscal_year(timezone.localdate())
    first = Complaint.objects.within(unit).aggregate(first=Min("received_at"))["first"]
    since = min(fiscal_year(first), this_year) if first else this_year
    return sorted({*plan_years(unit), *range(since, this_year + 1)}, reverse=True)


@dataclass
class ComplaintStatistics:
    unit: Unit
    fiscal_year: int
    first_half: bool
    first_day: date
    last_day: date
    total: int = 0
    finished: int = 0
    in_progress: int = 0
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[tuple[date, int]] = field(default_factory=list)

    @property
    def peak(self) -> int:
        return max([count for _month, count in self.by_month] + [1])


def complaint_statistics(unit: Unit, fiscal_year: int, *, first_half: bool = False):
    """Four queries whatever the number of complaints."""
    first, last = period_bounds(fiscal_year, first_half)
    tz = timezone.get_current_timezone()
    complaints = Complaint.objects.within(unit).filter(
        received_at__gte=datetime.combine(first, time.min, tz),
        received_at__lte=datetime.combine(last, time.max, tz),
    )
    totals = complaints.aggregate(
        total=Count("pk"), finished=Count("pk", filter=Q(status__in=Complaint.CLOSED_STATUSES))
    )
    stats = ComplaintStatistics(
        unit=unit,
        fiscal_year=fiscal_year,
        first_half=first_half,
        first_day=first,
        last_day=last,
        total=totals["total"],
        finished=totals["finished"],
        in_progress=totals["total"] - totals["finished"],
    )
    by_medium = dict(complaints.values_list("medium").annotate(n=Count("pk")).order_by())
    stats.by_channel = [(label, by_medium.get(value, 0)) for value, label in Channel.Medium.choices]
    by_category = dict(complaints.values_list("category").annotate(n=Count("pk")).order_by())
    stats.by_category = [
        (label, by_category.get(value, 0)) for value, label in Complaint.Category.choices
    ]
    by_month = {
        (month.year, month.month): n
        for month, n in complaints.annotate(month=TruncMonth("received_at", tzinfo=tz))
        .values_list("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    stats.by_month = [(m, by_month.get((m.year, m.month), 0)) for m in Period(first, last).months]
    return stats


def statistics_xlsx(stats: ComplaintStatistics) -> bytes:
    """The figures as a workbook with Thai headers (the caller activates Thai)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Summary")[:31]
    bold = Font(bold=True)
    period = _("First half (October–March)") if stats.first_half else _("Whole fiscal year")
    rows = [
        [_("Complaint statistics")],
        [_("Office"), stats.unit.name_th],
        [_("Fiscal year"), stats.fiscal_year],
        [_("Period"), period],
        [],
        [_("Total complaints"), stats.total],
        [_("Finished"), stats.finished],
        [_("In progress"), stats.in_progress],
        [],
        [_("Channel"), _("Complaints")],
        *[[str(label), n] for label, n in stats.by_channel],
        [],
        [_("Category"), _("Complaints")],
        *[[str(label), n] for label, n in stats.by_category],
        [],
        [_("Month"), _("Complaints")],
        *[[format_thai_month(month), n] for month, n in stats.by_month],
    ]
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        if row[0].value in (
            _("Complaint statistics"),
            _("Channel"),
            _("Category"),
            _("Month"),
        ):
            for cell in row:
                cell.font = bold
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 40
    return workbook_bytes(book)
