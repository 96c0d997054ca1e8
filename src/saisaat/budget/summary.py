"""Reading budgets: totals per month, quarter and unit, computed by database aggregates.

Every total is summed in the database as whole satang, so the figures reconcile exactly:
a line's months add up to the line, the lines to the unit, the units to the province,
and the quarters to the months. Percentages stay exact Decimals here; they are rounded
(half-up, two places) only for display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from saisaat.budget.models import BudgetLine, MonthlyAmount
from saisaat.budget.money import ZERO, from_satang, percent, satang_sum
from saisaat.budget.months import (
    FISCAL_MONTHS,
    QUARTERS,
    fiscal_month_of,
    month_start,
    quarter_months,
    quarter_of,
)
from saisaat.orgs.models import Unit


def quarter_targets() -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """The government's cumulative disbursement targets at the end of quarters 1-4."""
    return tuple(Decimal(value) for value in settings.SAISAAT_DISBURSEMENT_TARGETS)


def target_at(month: int, targets=None) -> Decimal:
    """The cumulative target (percent of the year's budget) by the end of ``month``.

    The government sets targets at quarter ends; within a quarter the target grows
    evenly, so a unit is not measured in November against December's figure.
    """
    targets = targets or quarter_targets()
    if month <= 0:
        return ZERO
    quarter = quarter_of(month)
    previous = targets[quarter - 2] if quarter > 1 else Decimal(0)
    into_quarter = month - 3 * (quarter - 1)
    return previous + (targets[quarter - 1] - previous) * into_quarter / 3


@dataclass(frozen=True)
class Figures:
    """Planned and disbursed amounts of a scope: for the year and up to the report month."""

    planned: Decimal = ZERO
    disbursed: Decimal = ZERO
    planned_to_date: Decimal = ZERO
    disbursed_to_date: Decimal = ZERO
    target: Decimal | None = None
    """The cumulative target in percent of the year's budget by the report month."""

    @property
    def percent_of_plan(self) -> Decimal | None:
        """Disbursed so far against what the plan meant to spend so far."""
        return percent(self.disbursed_to_date, self.planned_to_date)

    @property
    def percent_of_year(self) -> Decimal | None:
        """Disbursed so far against the whole year's budget: what the targets measure."""
        return percent(self.disbursed_to_date, self.planned)

    @property
    def gap(self) -> Decimal | None:
        """Percentage points above (positive) or below the target."""
        if self.percent_of_year is None or self.target is None:
            return None
        return self.percent_of_year - self.target

    @property
    def meets_target(self) -> bool | None:
        return None if self.gap is None else self.gap >= 0

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.disbursed


@dataclass(frozen=True)
class MonthRow:
    month: int
    start: date
    planned: Decimal
    disbursed: Decimal
    cumulative_planned: Decimal
    cumulative_disbursed: Decimal
    target: Decimal
    due: bool
    year_planned: Decimal

    @property
    def planned_percent(self) -> Decimal | None:
        return percent(self.cumulative_planned, self.year_planned)

    @property
    def disbursed_percent(self) -> Decimal | None:
        return percent(self.cumulative_disbursed, self.year_planned)

    @property
    def quarter_end(self) -> bool:
        return self.month % 3 == 0


@dataclass(frozen=True)
class QuarterRow:
    quarter: int
    planned: Decimal
    disbursed: Decimal
    cumulative_planned: Decimal
    cumulative_disbursed: Decimal
    target: Decimal
    ended: bool
    year_planned: Decimal

    @property
    def disbursed_percent(self) -> Decimal | None:
        return percent(self.cumulative_disbursed, self.year_planned)

    @property
    def percent_of_plan(self) -> Decimal | None:
        return percent(self.cumulative_disbursed, self.cumulative_planned)

    @property
    def meets_target(self) -> bool | None:
        if not self.ended or self.disbursed_percent is None:
            return None
        return self.disbursed_percent >= self.target


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    figures: Figures


@dataclass
class Overview:
    unit: Unit
    year: int
    as_of: int
    """The report month (1-12); 0 before the year starts."""
    rolled_up: bool
    total: Figures
    months: list[MonthRow] = field(default_factory=list)
    quarters: list[QuarterRow] = field(default_factory=list)
    units: list[UnitFigures] = field(default_factory=list)

    @property
    def as_of_date(self) -> date | None:
        return month_start(self.year, self.as_of) if self.as_of else None

    @property
    def lagging(self) -> list[UnitFigures]:
        return [row for row in self.units if row.figures.meets_target is False]


def scope_units(unit: Unit, *, rolled_up: bool):
    """The units whose budgets count: a province rolled up is itself and its districts."""
    if rolled_up:
        return Unit.objects.within(unit)
    return Unit.objects.filter(pk=unit.pk)


def monthly_totals(units, year: int) -> dict[int, tuple[Decimal, Decimal]]:
    """month -> (planned, disbursed) summed over every line of ``units`` in one query."""
    rows = (
        MonthlyAmount.objects.filter(line__unit__in=units, line__fiscal_year=year)
        .values("month")
        .annotate(planned_satang=satang_sum("planned"), disbursed_satang=satang_sum("disbursed"))
        .order_by("month")
    )
    totals = {month: (ZERO, ZERO) for month in FISCAL_MONTHS}
    for row in rows:
        totals[row["month"]] = (
            from_satang(row["planned_satang"]),
            from_satang(row["disbursed_satang"]),
        )
    return totals


def default_as_of(year: int, monthly, today: date | None = None) -> int:
    """The report month: this month in the running year; in a past year the last month
    with any disbursement (or September); nothing before the year starts."""
    today = today or timezone.localdate()
    current_year, current_month = fiscal_month_of(today)
    if year == current_year:
        return current_month
    if year > current_year:
        return 0
    months_with_spending = [month for month, (_p, d) in monthly.items() if d]
    return max(months_with_spending, default=12)


def unit_totals(units, year: int, as_of: int) -> dict[int, Figures]:
    """unit pk -> its Figures, all units in one grouped query."""
    to_date = Q(month__lte=as_of)
    rows = (
        MonthlyAmount.objects.filter(line__unit__in=units, line__fiscal_year=year)
        .values("line__unit")
        .annotate(
            planned_satang=satang_sum("planned"),
            disbursed_satang=satang_sum("disbursed"),
            planned_to_date_satang=satang_sum("planned", to_date),
            disbursed_to_date_satang=satang_sum("disbursed", to_date),
        )
        .order_by()
    )
    target = target_at(as_of)
    return {
        row["line__unit"]: Figures(
            planned=from_satang(row["planned_satang"]),
            disbursed=from_satang(row["disbursed_satang"]),
            planned_to_date=from_satang(row["planned_to_date_satang"]),
            disbursed_to_date=from_satang(row["disbursed_to_date_satang"]),
            target=target,
        )
        for row in rows
    }


def build_overview(
    unit: Unit,
    year: int,
    *,
    rolled_up: bool,
    as_of: int | None = None,
    today: date | None = None,
) -> Overview:
    """The budget of ``unit`` (with its districts when ``rolled_up``) for fiscal ``year``.

    Three queries: the units, the monthly totals, the totals per unit.
    """
    units = scope_units(unit, rolled_up=rolled_up)
    unit_list = list(units.order_by("code")) if rolled_up else [unit]
    monthly = monthly_totals(units, year)
    if as_of is None:
        as_of = default_as_of(year, monthly, today)
    targets = quarter_targets()
    year_planned = sum((planned for planned, _d in monthly.values()), ZERO)
    year_disbursed = sum((disbursed for _p, disbursed in monthly.values()), ZERO)

    months = []
    cumulative_planned = cumulative_disbursed = ZERO
    for month in FISCAL_MONTHS:
        planned, disbursed = monthly[month]
        cumulative_planned += planned
        cumulative_disbursed += disbursed
        months.append(
            MonthRow(
                month=month,
                start=month_start(year, month),
                planned=planned,
                disbursed=disbursed,
                cumulative_planned=cumulative_planned,
                cumulative_disbursed=cumulative_disbursed,
                target=target_at(month, targets),
                due=month <= as_of,
                year_planned=year_planned,
            )
        )

    quarters = []
    for quarter in QUARTERS:
        rows = [months[month - 1] for month in quarter_months(quarter)]
        quarters.append(
            QuarterRow(
                quarter=quarter,
                planned=sum((row.planned for row in rows), ZERO),
                disbursed=sum((row.disbursed for row in rows), ZERO),
                cumulative_planned=rows[-1].cumulative_planned,
                cumulative_disbursed=rows[-1].cumulative_disbursed,
                target=targets[quarter - 1],
                ended=rows[-1].month <= as_of,
                year_planned=year_planned,
            )
        )

    total = Figures(
        planned=year_planned,
        disbursed=year_disbursed,
        planned_to_date=sum((r.planned for r in months if r.due), ZERO),
        disbursed_to_date=sum((r.disbursed for r in months if r.due), ZERO),
        target=target_at(as_of, targets),
    )
    per_unit = unit_totals(units, year, as_of) if rolled_up else {}
    return Overview(
        unit=unit,
        year=year,
        as_of=as_of,
        rolled_up=rolled_up,
        total=total,
        months=months,
        quarters=quarters,
        units=[UnitFigures(u, per_unit.get(u.pk, Figures(target=total.target))) for u in unit_list]
        if rolled_up
        else [],
    )


def lines_with_totals(units, year: int) -> list[BudgetLine]:
    """The lines of ``units`` with ``planned_total`` and ``disbursed_total`` set, one query."""
    lines = list(
        BudgetLine.objects.filter(unit__in=units, fiscal_year=year)
        .select_related("unit", "activity", "work_group")
        .annotate(
            planned_satang=satang_sum("months__planned"),
            disbursed_satang=satang_sum("months__disbursed"),
        )
        .order_by("unit__code", "number")
    )
    for line in lines:
        line.planned_total = from_satang(line.planned_satang)
        line.disbursed_total = from_satang(line.disbursed_satang)
        line.percent_disbursed = percent(line.disbursed_total, line.planned_total)
    return lines


def month_grid(lines: list[BudgetLine]) -> dict[int, dict[int, MonthlyAmount]]:
    """line pk -> month -> its MonthlyAmount, for every line given, in one query."""
    grid: dict[int, dict[int, MonthlyAmount]] = {line.pk: {} for line in lines}
    for amount in MonthlyAmount.objects.filter(line__in=[line.pk for line in lines]):
        grid[amount.line_id][amount.month] = amount
    return grid


def budget_years(units) -> list[int]:
    return list(
        BudgetLine.objects.filter(unit__in=units)
        .values_list("fiscal_year", flat=True)
        .distinct()
        .order_by("-fiscal_year")
    )
