"""The quarterly progress report of a unit or a province, as of the quarter's last day.

Progress per dimension and per unit comes from one grouped query laid out by the tracking
dashboard's own matrix (the same counting as the dashboard, but measured at the quarter's
end: an assignment counts as done when it was approved by then, overdue when it was due
before then and still owed by the unit then: the one overdue rule, ``overdue_on``; what
waited for review is not overdue). Indicator values come from the indicator engine
evaluated as of the same day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from saisaat.audit.models import PublishedHead
from saisaat.indicators import engine
from saisaat.orgs.models import Unit
from saisaat.plans import years
from saisaat.plans.models import Plan
from saisaat.thai.calendar import fiscal_quarter_bounds
from saisaat.tracking.dashboard import Cell, Row, matrix
from saisaat.tracking.models import Assignment, overdue_on

OVERDUE_LIMIT = 30


@dataclass
class QuarterlyReport:
    unit: Unit
    plan: Plan
    fiscal_year: int
    quarter: int
    first_day: date
    last_day: date
    as_of: date
    units: list[Unit]
    rows: list[Row]
    unit_totals: list[Cell]
    grand: Cell
    overdue: list[Assignment] = field(default_factory=list)
    overdue_count: int = 0
    indicators: list[engine.IndicatorResult] = field(default_factory=list)
    indicator_summary: dict = field(default_factory=dict)
    # The audit chain head last published (publish_chain_head) when the report was made:
    # printed on the memo, it pins the log as it stood that day.
    published_head: PublishedHead | None = None


class NoPlan(LookupError):
    """The unit has no plan for that fiscal year."""


def build_quarterly_report(
    unit: Unit, fiscal_year: int, quarter: int, *, today: date | None = None
) -> QuarterlyReport:
    first_day, last_day = fiscal_quarter_bounds(fiscal_year, quarter)
    today = today or timezone.localdate()
    as_of = min(last_day, today)
    plan = years.plan_for(unit, fiscal_year)
    if plan is None:
        raise NoPlan(unit.code, fiscal_year)
    if unit.kind == Unit.Kind.PROVINCE:
        units = [unit, *unit.children.filter(kind=Unit.Kind.DISTRICT).order_by("code")]
    else:
        units = [unit]
    assignments = Assignment.objects.current().filter(plan=plan, unit__in=units)
    done = Q(status=Assignment.Status.APPROVED, approved_at__date__lte=as_of)
    late = overdue_on(as_of)
    counts = assignments.values("dimension_number", "unit_id").annotate(
        total=Count("pk"),
        approved=Count("pk", filter=done),
        overdue=Count("pk", filter=late),
    )
    titles = dict(plan.dimensions.order_by("number").values_list("number", "title"))
    rows, totals, grand = matrix(units, "unit_id", titles, counts)
    overdue = list(
        assignments.filter(late)
        .select_related("activity", "unit", "officer")
        .order_by("due_date", "unit__code", "pk")[:OVERDUE_LIMIT]
    )
    indicators = engine.evaluate(plan, unit, rolled_up=unit.kind == Unit.Kind.PROVINCE, as_of=as_of)
    return QuarterlyReport(
        unit=unit,
        plan=plan,
        fiscal_year=fiscal_year,
        quarter=quarter,
        first_day=first_day,
        last_day=last_day,
        as_of=as_of,
        units=units,
        rows=rows,
        unit_totals=totals,
        grand=grand,
        overdue=overdue,
        overdue_count=grand.overdue,
        indicators=indicators,
        indicator_summary=engine.summary(indicators),
        published_head=PublishedHead.objects.filter(day__lte=today).order_by("-day").first(),
    )
