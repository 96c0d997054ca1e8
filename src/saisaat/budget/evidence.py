"""The budget report as evidence, through the evidence seam (``plans.evidence``): the
office's monthly-meeting budget report of the year (the same PDF as the budget page's),
filed as a dated snapshot."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.budget.reports import report_pdf
from saisaat.budget.summary import build_overview, lines_with_totals
from saisaat.orgs.models import Unit
from saisaat.plans import checklist
from saisaat.plans.evidence import EvidenceSource, Snapshot


def budget_years(unit: Unit, fiscal_year: int):
    """The office itself when it has budget lines in the year (the report is its year)."""
    return (
        Unit.objects.filter(pk=unit.pk, budget_lines__fiscal_year=fiscal_year)
        .distinct()
        .annotate(for_year=Value(fiscal_year, output_field=IntegerField()))
    )


def budget_snapshot(unit: Unit, on: date | None) -> Snapshot:
    today = on or timezone.localdate()
    lines = lines_with_totals(Unit.objects.filter(pk=unit.pk), unit.for_year)
    if not lines:
        raise ValidationError(_("There is no budget to report for this year."))
    overview = build_overview(unit, unit.for_year, rolled_up=False, today=today)
    title = _("Budget report: %(unit)s, fiscal year %(year)s") % {
        "unit": unit.name_th,
        "year": unit.for_year,
    }
    return Snapshot(report_pdf(overview, lines), "budget-report.pdf", title[:300], today)


SOURCE = EvidenceSource(
    kind=checklist.BUDGET_REPORT,
    label=gettext_lazy("Budget report"),
    records=budget_years,
    placement=lambda _unit: None,
    snapshot=budget_snapshot,
    describe=lambda unit: _("Budget report of fiscal year %(year)s") % {"year": unit.for_year},
)
