"""What every live metric is made of: the scope it measures (offices, fiscal year, the
window counted, a cut-off date), the value it returns, and the metric itself.

Each metric has one definition that gives both its number and the list behind it:

- a share of staff is defined by the people who count (``people``) among the staff it
  concerns (``audience``); its number is how many of those staff are among the people;
- any other metric is defined by its ``rows``: each row is one record of one office and
  the thing it counts (a record, a target virtue, a kind of channel). The number is how
  many distinct things are counted, and the list behind it is those things with their
  records (:meth:`Metric.counted`).

:meth:`Metric.measure` gives the figure for the whole scope and for every office in it in a
fixed number of queries, whatever the number of offices, people or records.

The metrics live beside the records they count (``participation.metrics``) and are gathered
by ``indicators.metrics``; the pieces here sit in ``plans`` so that a work app can compute its
own figures with the same definition the indicators use, without reaching up into
``indicators``.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.plans.models import Activity
from saisaat.thai.calendar import (
    THAI_MONTHS_ABBR,
    fiscal_quarter_bounds,
    fiscal_year_bounds,
    to_buddhist_year,
)


@dataclass(frozen=True)
class Scope:
    """Where a metric is measured: the units it counts, and the unit it is shown for."""

    unit: Unit
    unit_ids: tuple[int, ...]
    fiscal_year: int
    as_of: date | None = None
    # The last day counted when it is not the fiscal year's (an activity's period end).
    window_end: date | None = None
    # The activity's period when the engine knows it (saves looking it up again).
    period: tuple[date, date] | None = None

    @property
    def first_day(self) -> date:
        return fiscal_year_bounds(self.fiscal_year)[0]

    @property
    def last_day(self) -> date:
        last = fiscal_year_bounds(self.fiscal_year)[1]
        if self.window_end:
            last = min(last, self.window_end)
        return min(last, self.as_of) if self.as_of else last

    def narrowed(self, **changes) -> "Scope":
        return replace(self, **changes)


@dataclass(frozen=True)
class MetricValue:
    value: Decimal
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""
    # What the plan also asks that the figure alone does not show (e.g. no online channel).
    missing: str = ""


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


# ---------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Row:
    """One record of one office, and the thing it counts toward a metric."""

    office_id: int
    key: object
    label: str
    record: object = None


@dataclass
class Counted:
    """One thing a metric counts (a record, a target virtue, a kind of channel) and the
    records that make it count: an entry of the list behind the number."""

    key: object
    label: str
    records: list = field(default_factory=list)


def tally(rows: list[Row], keys: list[tuple[object, str]] | None = None) -> list[Counted]:
    """The distinct things counted in ``rows`` (every one of ``keys`` when given, even
    with no record), each with its records, in the order first seen."""
    counted: dict[object, Counted] = {}
    for key, label in keys or ():
        counted[key] = Counted(key, label)
    for row in rows:
        if keys is not None and row.key not in counted:
            continue
        counted.setdefault(row.key, Counted(row.key, row.label)).records.append(row.record)
    return list(counted.values())


# ---------------------------------------------------------------------------- periods


def _period(scope: Scope, activity_id: int) -> tuple[date, date] | None:
    if scope.period:
        return scope.period
    activity = Activity.objects.filter(pk=activity_id).only("period_start", "period_end").first()
    return (activity.period_start, activity.period_end) if activity else None


def _counted_until(scope: Scope) -> date:
    """The last day a per-quarter or per-month target can be owed: the window's end, or
    today when that is earlier (a quarter that has not begun is not yet missed)."""
    return min(scope.last_day, scope.as_of or timezone.localdate())


def quarter_keys(scope: Scope, *, activity_id: int, **params) -> list[tuple[int, str]]:
    """The fiscal quarters the activity's period touches, up to the end of the window
    and not after today."""
    period = _period(scope, activity_id)
    if period is None:
        return []
    keys = []
    for quarter in range(1, 5):
        first, last = fiscal_quarter_bounds(scope.fiscal_year, quarter)
        if period[0] <= last and period[1] >= first:
            if first <= _counted_until(scope):
                keys.append((quarter, str(_("Quarter %(n)s") % {"n": quarter})))
    return keys


def month_keys(scope: Scope, *, activity_id: int, **params) -> list[tuple[object, str]]:
    """The months of the activity's period, up to the end of the window and not after
    today."""
    period = _period(scope, activity_id)
    if period is None:
        return []
    keys = []
    year, month = period[0].year, period[0].month
    last = min(period[1], _counted_until(scope))
    while date(year, month, 1) <= last:
        keys.append(((year, month), f"{THAI_MONTHS_ABBR[month - 1]} {to_buddhist_year(year)}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


# ---------------------------------------------------------------------------- metric


@dataclass(frozen=True)
class Measurement:
    """A metric's figure for the whole scope and for each office in it."""

    total: MetricValue
    offices: dict[int, MetricValue]


@dataclass(frozen=True)
class Metric:
    """A live metric, defined once: either ``people`` among an ``audience`` of the active
    staff (a share, ``kind="percent"``) or ``rows`` (a count, ``kind="count"``)."""

    key: str
    label: str
    kind: str  # "percent" (a share of the active staff) or "count"
    people: Callable[..., object] | None = None
    audience: Callable[..., object] | None = None
    rows: Callable[..., list[Row]] | None = None
    # The things that must appear in the list even with no record (the quarters).
    keys: Callable[..., list[tuple[object, str]]] | None = None
    # What else the plan asks of the list (offline and online channels).
    requirement: Callable[[list[Counted]], str] | None = None
    # For "once a quarter": the number is the thinnest quarter, not the number of quarters.
    per_key: bool = False
    # A short note on the things counted (the virtues they cover, the kinds of channel).
    describe: Callable[[list[Counted]], str] | None = None

    # -- the list

    def staff(self, scope: Scope, **params):
        """For a share of staff: the active staff it concerns."""
        staff = active_staff(scope)
        return self.audience(scope, staff, **params) if self.audience else staff

    def population(self, scope: Scope, **params):
        return self.staff(scope, **params)

    def counted(self, scope: Scope, **params) -> list[Counted]:
        """For a count: the things counted in the scope, each with its records."""
        keys = self.keys(scope, **params) if self.keys else None
        return tally(self.rows(scope, **params), keys)

    def records(self, scope: Scope, **params) -> dict:
        """The list behind the number: the people done and not yet, or the things
        counted."""
        if self.kind == "percent":
            people = self.people(scope, **params)
            staff = (
                self.staff(scope, **params)
                .select_related("unit", "work_group")
                .order_by("unit__code", "first_name", "last_name")
            )
            return {
                "kind": "people",
                "done": list(staff.filter(pk__in=people)),
                "pending": list(staff.exclude(pk__in=people)),
            }
        return {"kind": self.key, "counted": self.counted(scope, **params)}

    # -- the number, from the list's definition

    def value_of(self, counted: list[Counted]) -> MetricValue:
        if self.per_key:
            number = min((len(c.records) for c in counted), default=0)
            note = f"{len(counted)} periods"
        else:
            number, note = len(counted), ""
        if self.describe:
            note = self.describe(counted)
        missing = self.requirement(counted) if self.requirement else ""
        return MetricValue(Decimal(number), note=note, missing=missing)

    def compute(self, scope: Scope, **params) -> MetricValue:
        return self.measure(scope, **params).total

    def measure(self, scope: Scope, **params) -> Measurement:
        """The figure for the scope and for every office in it (offices with nothing
        recorded included), in a fixed number of queries."""
        if self.kind == "percent":
            rows = (
                self.staff(scope, **params)
                .order_by()
                .values("unit_id")
                .annotate(
                    whole=Count("pk"),
                    part=Count("pk", filter=Q(pk__in=self.people(scope, **params))),
                )
            )
            counts = {row["unit_id"]: (row["part"], row["whole"]) for row in rows}
            offices = {
                office_id: MetricValue(
                    percent(*counts.get(office_id, (0, 0))), *counts.get(office_id, (0, 0))
                )
                for office_id in scope.unit_ids
            }
            part = sum(p for p, _w in counts.values())
            whole = sum(w for _p, w in counts.values())
            return Measurement(MetricValue(percent(part, whole), part, whole), offices)
        keys = self.keys(scope, **params) if self.keys else None
        rows = self.rows(scope, **params)
        by_office: dict[int, list[Row]] = defaultdict(list)
        for row in rows:
            by_office[row.office_id].append(row)
        offices = {
            office_id: self.value_of(tally(by_office[office_id], keys))
            for office_id in scope.unit_ids
        }
        return Measurement(self.value_of(tally(rows, keys)), offices)


def share_of_staff(key, label, people, audience=None) -> Metric:
    return Metric(key, label, "percent", people=people, audience=audience)


def count_of(key, label, rows, **options) -> Metric:
    return Metric(key, label, "count", rows=rows, **options)
