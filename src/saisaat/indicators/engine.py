"""Evaluate a plan's targets for a unit: value, threshold, grade and status.

Grading follows the moral-organisation assessment: 2 points when the target is met,
1 point from the partial threshold (50 % by default) up to it, 0 below. For a share of
staff the value itself is compared (e.g. 80 % of staff); for a count the value is taken as
a share of the target (3 of "at least 4" is 75 %). The partial threshold is the setting
``SAISAAT_GRADE_PARTIAL_PERCENT``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.indicators.metrics import METRICS, Metric, MetricValue, Scope
from saisaat.orgs.models import Unit
from saisaat.plans.metrics import scope_for
from saisaat.plans.models import Plan, Target
from saisaat.thai.calendar import fiscal_quarter_bounds

FULL, PARTIAL, NONE = 2, 1, 0
STATUS_LABELS = {
    FULL: _("met"),
    PARTIAL: _("partly met"),
    NONE: _("not met"),
    None: _("not measured"),
}


@dataclass
class IndicatorResult:
    target: Target
    metric: Metric | None
    parameters: dict
    value: MetricValue | None
    grade: int | None
    trend: list[tuple[int, Decimal | None]]

    @property
    def threshold(self) -> Decimal:
        return Decimal(self.target.minimum)

    @property
    def status(self) -> str:
        return {FULL: "met", PARTIAL: "partly", NONE: "not_met", None: "not_measured"}[self.grade]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.grade])

    def as_dict(self) -> dict:
        activity = self.target.activity
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
            "grade": self.grade,
            "status": self.status,
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
        return FULL
    if achievement >= partial:
        return PARTIAL
    return NONE


def evaluate(
    plan: Plan,
    unit: Unit,
    *,
    rolled_up: bool = False,
    as_of: date | None = None,
    with_trend: bool = False,
) -> list[IndicatorResult]:
    """Every target of the plan (activities the unit implements), measured for the unit."""
    scope = scope_for(unit, plan.fiscal_year, rolled_up=rolled_up, as_of=as_of)
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
    today = timezone.localdate()
    results = []
    for target in targets:
        binding = getattr(target, "binding", None)
        metric = METRICS.get(binding.metric) if binding else None
        if metric is None:
            results.append(IndicatorResult(target, None, {}, None, None, []))
            continue
        parameters = binding.parameters
        value = metric.compute(scope, **parameters)
        trend = []
        if with_trend:
            for quarter in range(1, 5):
                quarter_end = fiscal_quarter_bounds(plan.fiscal_year, quarter)[1]
                if quarter_end > today:
                    trend.append((quarter, None))
                    continue
                past = Scope(scope.unit, scope.unit_ids, scope.fiscal_year, as_of=quarter_end)
                trend.append((quarter, metric.compute(past, **parameters).value))
        results.append(
            IndicatorResult(target, metric, parameters, value, grade(target, metric, value), trend)
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
        "not_measured": len(results) - len(measured),
        "points": sum(r.grade for r in measured),
        "max_points": 2 * len(measured),
    }
