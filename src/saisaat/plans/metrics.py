"""What every live metric is made of: the scope it measures (units, fiscal year, a cut-off
date), the value it returns, the metric itself, and the share-of-staff rule several metrics
share.

The metrics live beside the records they count (``participation.metrics``) and are gathered
by ``indicators.metrics``; the pieces here sit in ``plans`` so that a work app can compute its
own figures with the same definition the indicators use, without reaching up into
``indicators``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from saisaat.orgs.models import StaffMember, Unit
from saisaat.thai.calendar import fiscal_year_bounds


@dataclass(frozen=True)
class Scope:
    """Where a metric is measured: the units it counts, and the unit it is shown for."""

    unit: Unit
    unit_ids: tuple[int, ...]
    fiscal_year: int
    as_of: date | None = None

    @property
    def first_day(self) -> date:
        return fiscal_year_bounds(self.fiscal_year)[0]

    @property
    def last_day(self) -> date:
        last = fiscal_year_bounds(self.fiscal_year)[1]
        return min(last, self.as_of) if self.as_of else last


@dataclass(frozen=True)
class MetricValue:
    value: Decimal
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""


def percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def scope_for(unit: Unit, fiscal_year: int, *, rolled_up: bool, as_of: date | None = None):
    if rolled_up:
        unit_ids = tuple(Unit.objects.within(unit).values_list("pk", flat=True))
    else:
        unit_ids = (unit.pk,)
    return Scope(unit=unit, unit_ids=unit_ids, fiscal_year=fiscal_year, as_of=as_of)


def active_staff(scope: Scope):
    return StaffMember.objects.filter(unit_id__in=scope.unit_ids, is_active=True)


def share_of_staff(
    people: Callable[..., object], population: Callable[..., object] | None = None
) -> Callable[..., MetricValue]:
    """A metric that is the share of the active staff in scope found by ``people``;
    ``population`` narrows the staff counted when the target concerns only some of them."""

    def staff_counted(scope: Scope, **params):
        staff = active_staff(scope)
        return population(scope, staff, **params) if population else staff

    def compute(scope: Scope, **params) -> MetricValue:
        counts = staff_counted(scope, **params).aggregate(
            whole=Count("pk"), part=Count("pk", filter=Q(pk__in=people(scope, **params)))
        )
        return MetricValue(
            percent(counts["part"], counts["whole"]), counts["part"], counts["whole"]
        )

    compute.people = people
    compute.population = staff_counted
    return compute


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: str  # "percent" (a share of the active staff) or "count"
    compute: Callable[..., MetricValue]

    @property
    def people(self):
        """For a share of staff: the function finding the people who count."""
        return getattr(self.compute, "people", None)

    @property
    def population(self):
        """For a share of staff: the function finding the staff counted, ``(scope, **params)``."""
        return getattr(self.compute, "population", None)
