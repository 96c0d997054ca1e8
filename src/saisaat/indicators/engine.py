"""Evaluate a plan's targets for a unit: value, threshold, grade and status.

Grading follows the moral-organisation assessment: 2 points when the target is met,
1 point from the partial threshold (50 % by default) up to it, 0 below. For a share of
staff the value itself is compared (e.g. 80 % of staff); for a count the value is taken as
a share of the target (3 of "at least 4" is 75 %). The partial threshold is the setting
``SAISAAT_GRADE_PARTIAL_PERCENT``.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.indicators.metrics import METRICS
from saisaat.orgs.models import Unit
from saisaat.plans.metrics import Metric, MetricValue, Scope
from saisaat.plans.models import Plan, Target
from saisaat.thai.calendar import fiscal_quarter_bounds, fiscal_year_bounds

FULL, PARTIAL, NONE = 2, 1, 0
STATUS_LABELS = {
    FULL: _("met"),
    PARTIAL: _("partly met"),
    NONE: _("not met"),
    None: _("not measured"),
}
MET_LATE_LABEL = _("met late")
WINDOW_ACTIVITY, WINDOW_YEAR = "activity", "year"


@dataclass
class OfficeResult:
    """One implementing office judged on its own records."""

    office: Unit
    value: MetricValue
    grade: int
    met_late: bool = False

    @property
    def met(self) -> bool:
        return self.grade == FULL


@dataclass
class IndicatorResult:
    target: Target
    metric: Metric | None
    parameters: dict
    value: MetricValue | None
    grade: int | None
    trend: list[tuple[int, Decimal | None]]
    offices: list[OfficeResult] = field(default_factory=list)
    rolled_up: bool = False
    window_start: date | None = None
    window_end: date | None = None
    scope: Scope | None = None

    @property
    def threshold(self) -> Decimal:
        return Decimal(self.target.minimum)

    @property
    def met(self) -> bool:
        return self.grade == FULL

    @property
    def met_late(self) -> bool:
        """Not met within the activity's period, but met by every office since."""
        return (
            not self.met
            and bool(self.offices)
            and all(office.met or office.met_late for office in self.offices)
        )

    @property
    def offices_met(self) -> int:
        return sum(office.met for office in self.offices)

    @property
    def offices_missing(self) -> list[OfficeResult]:
        return [office for office in self.offices if not office.met]

    @property
    def status(self) -> str:
        if self.met_late:
            return "met_late"
        return {FULL: "met", PARTIAL: "partly", NONE: "not_met", None: "not_measured"}[self.grade]

    @property
    def status_label(self) -> str:
        if self.met_late:
            return str(MET_LATE_LABEL)
        return str(STATUS_LABELS[self.grade])

    def as_dict(self) -> dict:
        activity = self.target.activity
        measured = self.metric is not None
        return {
            "target_id": self.target.pk,
            "dimension": activity.measure.dimension.number,
            "measure": activity.measure.number,
            "activity_position": activity.position,
            "activity": activity.text,
            "target": self.target.text,
            "kind": self.target.kind,
            "threshold": float(self.threshold),
            "out_of": self.target.out_of,
            "metric": self.metric.key if self.metric else None,
            "parameters": self.parameters,
            "value": float(self.value.value) if self.value else None,
            "numerator": self.value.numerator if self.value else None,
            "denominator": self.value.denominator if self.value else None,
            "missing": self.value.missing if self.value else "",
            "grade": self.grade,
            "status": self.status,
            "met": self.met,
            "met_late": self.met_late,
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "window_end": self.window_end.isoformat() if self.window_end else None,
            "period_start": activity.period_start.isoformat(),
            "period_end": activity.period_end.isoformat(),
            "offices_met": self.offices_met if self.rolled_up and measured else None,
            "offices_total": len(self.offices) if self.rolled_up and measured else None,
            "offices": [
                {
                    "unit": office.office.code,
                    "name": office.office.name_th,
                    "value": float(office.value.value),
                    "numerator": office.value.numerator,
                    "denominator": office.value.denominator,
                    "missing": office.value.missing,
                    "grade": office.grade,
                    "met": office.met,
                    "met_late": office.met_late,
                }
                for office in self.offices
            ],
            "trend": [
                {"quarter": q, "value": float(v) if v is not None else None} for q, v in self.trend
            ],
        }


def grade(target: Target, metric: Metric, value: MetricValue) -> int:
    partial = Decimal(settings.SAISAAT_GRADE_PARTIAL_PERCENT)
    if metric.kind == "percent":
        achievement = value.value
        full = Decimal(target.minimum)
    else:
        achievement = (
            value.value * 100 / Decimal(target.minimum) if target.minimum else Decimal(100)
        )
        full = Decimal(100)
    if achievement >= full:
        # A figure that meets the number but not the rest of the target (offline and
        # online channels) is only partly met.
        return PARTIAL if value.missing else FULL
    if achievement >= partial:
        return PARTIAL
    return NONE


def implementing_offices(unit: Unit, *, rolled_up: bool) -> list[Unit]:
    """The offices a target is judged for: the unit alone, or the unit and the offices
    below it. Which of them implement an activity is :func:`offices_for`."""
    if not rolled_up:
        return [unit]
    return list(Unit.objects.within(unit).order_by("code"))


def offices_for(activity, unit: Unit, offices: list[Unit]) -> list[Unit]:
    """The plan's implementing units (หน่วยปฏิบัติ) of the activity among ``offices``:
    the provincial office (สพจ.) and/or every district office (สพอ.). The unit itself is
    judged even for an activity it does not implement when it is measured alone."""
    chosen = [
        office
        for office in offices
        if (
            activity.for_district_offices
            if office.kind == Unit.Kind.DISTRICT
            else activity.for_provincial_office
        )
    ]
    return chosen or [unit]


def evaluate(
    plan: Plan,
    unit: Unit,
    *,
    rolled_up: bool = False,
    as_of: date | None = None,
    with_trend: bool = False,
    window: str = WINDOW_ACTIVITY,
) -> list[IndicatorResult]:
    """Every target of the plan (activities the unit implements), measured for the unit.

    Each implementing office is judged on its own records; a rolled-up target is met
    only when every implementing office meets it, and its grade is the lowest office's.
    Work is counted from the start of the fiscal year to the end of the activity's period
    (``window="year"``: to the end of the fiscal year); work done after the period makes
    the target "met late", not met.
    """
    targets = (
        Target.objects.filter(activity__measure__dimension__plan=plan, activity__is_active=True)
        .filter(activity__added_by_unit__isnull=True)
        .select_related("activity__measure__dimension", "binding")
        .order_by(
            "activity__measure__dimension__number",
            "activity__measure__number",
            "activity__position",
            "position",
        )
    )
    if unit.kind == Unit.Kind.DISTRICT:
        targets = targets.filter(activity__for_district_offices=True)
    offices = implementing_offices(unit, rolled_up=rolled_up)
    year_start, year_end = fiscal_year_bounds(plan.fiscal_year)
    today = timezone.localdate()
    results = []
    for target in targets:
        activity = target.activity
        binding = getattr(target, "binding", None)
        metric = METRICS.get(binding.metric) if binding else None
        window_end = activity.period_end if window == WINDOW_ACTIVITY else year_end
        if metric is None:
            results.append(
                IndicatorResult(
                    target, None, {}, None, None, [], [], rolled_up, year_start, window_end
                )
            )
            continue
        parameters = binding.parameters
        judged = offices_for(activity, unit, offices)
        scope = Scope(
            unit=unit,
            unit_ids=tuple(office.pk for office in judged),
            fiscal_year=plan.fiscal_year,
            as_of=as_of,
            window_end=window_end,
            period=(activity.period_start, activity.period_end),
        )
        measurement = metric.measure(scope, **parameters)
        office_results = [
            OfficeResult(office, value, grade(target, metric, value))
            for office in judged
            for value in [measurement.offices[office.pk]]
        ]
        if scope.last_day < min(year_end, as_of or year_end) and any(
            not office.met for office in office_results
        ):
            # Work done after the period counts, but only as late.
            since = metric.measure(scope.narrowed(window_end=None), **parameters)
            for office in office_results:
                if not office.met:
                    later = since.offices[office.office.pk]
                    office.met_late = grade(target, metric, later) == FULL
        trend = []
        if with_trend:
            for quarter in range(1, 5):
                quarter_end = fiscal_quarter_bounds(plan.fiscal_year, quarter)[1]
                if quarter_end > today or (as_of and quarter_end > as_of):
                    trend.append((quarter, None))
                    continue
                past = scope.narrowed(as_of=quarter_end)
                trend.append((quarter, metric.compute(past, **parameters).value))
        results.append(
            IndicatorResult(
                target,
                metric,
                parameters,
                measurement.total,
                min(office.grade for office in office_results),
                trend,
                office_results,
                rolled_up,
                year_start,
                scope.last_day,
                scope,
            )
        )
    return results


def summary(results: list[IndicatorResult]) -> dict:
    measured = [r for r in results if r.grade is not None]
    return {
        "targets": len(results),
        "measured": len(measured),
        "met": sum(r.grade == FULL for r in measured),
        "partly": sum(r.grade == PARTIAL for r in measured),
        "not_met": sum(r.grade == NONE for r in measured),
        "met_late": sum(r.met_late for r in measured),
        "not_measured": len(results) - len(measured),
        "points": sum(r.grade for r in measured),
        "max_points": 2 * len(measured),
    }
