"""Complaint statistics as evidence, through the evidence seam (``plans.evidence``): the
office's complaint figures of the year by channel, category and month, as a dated PDF."""

from datetime import date

from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.complaints.statistics import complaint_statistics
from saisaat.core.thaipdf import record_report_pdf
from saisaat.orgs.models import Unit
from saisaat.plans import checklist
from saisaat.plans.evidence import EvidenceSource, Snapshot
from saisaat.thai.calendar import format_thai_date, format_thai_month


def statistics_years(unit: Unit, fiscal_year: int):
    """The office itself, for its year's figures (a year without complaints is a report
    of none, which is evidence too)."""
    return Unit.objects.filter(pk=unit.pk).annotate(
        for_year=Value(fiscal_year, output_field=IntegerField())
    )


def statistics_snapshot(unit: Unit, on: date | None) -> Snapshot:
    today = on or timezone.localdate()
    stats = complaint_statistics(unit, unit.for_year)
    title = _("Complaint statistics: %(unit)s, fiscal year %(year)s") % {
        "unit": unit.name_th,
        "year": unit.for_year,
    }
    rows = [[_("Channel"), label, str(n)] for label, n in stats.by_channel]
    rows += [[_("Category"), label, str(n)] for label, n in stats.by_category]
    rows += [[_("Month"), format_thai_month(month), str(n)] for month, n in stats.by_month]
    content = record_report_pdf(
        title,
        [
            (
                _("Period"),
                f"{format_thai_date(stats.first_day)} – {format_thai_date(stats.last_day)}",
            ),
            (_("Complaints"), str(stats.total)),
            (_("Finished"), str(stats.finished)),
            (_("In progress"), str(stats.in_progress)),
            (_("As of"), format_thai_date(today)),
        ],
        [_("Grouped by"), _("Item"), _("Complaints")],
        rows,
        widths=(34, 110, 30),
    )
    return Snapshot(content, "complaint-statistics.pdf", title[:300], today)


SOURCE = EvidenceSource(
    kind=checklist.COMPLAINT_STATISTICS,
    label=gettext_lazy("Complaint statistics"),
    records=statistics_years,
    placement=lambda _unit: None,
    snapshot=statistics_snapshot,
    describe=lambda unit: (
        _("Complaint statistics of fiscal year %(year)s") % {"year": unit.for_year}
    ),
)
