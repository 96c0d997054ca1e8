"""Live metrics that measure a plan's numeric targets.

Every metric takes the offices in scope, the Buddhist-era fiscal year, the window counted
(the fiscal year by default; the engine narrows it to the activity's period) and an
optional ``as_of`` date, and returns a ``MetricValue`` with the figure and, where it is a
share of people, the counts behind it.

Each metric has one definition that gives both its number and the list behind it:

- a share of staff is defined by the people who count (``people``) among the staff it
  concerns (``audience``); its number is how many of those staff are among the people;
- any other metric is defined by its ``rows``: each row is one record of one office and
  the thing it counts (a record, a target virtue, a kind of channel). The number is how
  many distinct things are counted, and the list behind it is those things with their
  records (:meth:`Metric.counted`).

:meth:`Metric.measure` gives the figure for the whole scope and for every office in it in a
fixed number of queries, whatever the number of offices, people or records.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from saisaat.complaints.models import Channel
from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import (
    Acknowledgement,
    Attendance,
    Certificate,
    Declaration,
    DeclarationVersion,
    InnovationMeasurement,
    InnovationProject,
    JointActivity,
    MemorandumOfUnderstanding,
    MoralGoal,
    MoralGoalVote,
    OfficeActivity,
    PartnerType,
    Virtue,
)
from saisaat.plans.models import Activity
from saisaat.thai.calendar import (
    THAI_MONTHS_ABBR,
    fiscal_quarter_bounds,
    fiscal_year_bounds,
    to_buddhist_year,
)
from saisaat.tracking.models import EvidenceItem


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


def active_staff(scope: Scope):
    return StaffMember.objects.filter(unit_id__in=scope.unit_ids, is_active=True)


# ---------------------------------------------------------------------------- people


def certified_people(scope: Scope, **params):
    """Staff holding an anti-corruption course certificate issued in the window."""
    return Certificate.objects.filter(
        course__counts_for_anti_corruption=True,
        issued_on__range=(scope.first_day, scope.last_day),
    ).values("staff_id")


def _year_declaration(scope: Scope, kind: str) -> Declaration | None:
    """The year's declaration of this kind published by the unit or an office above it."""
    return (
        Declaration.objects.filter(
            kind=kind,
            fiscal_year=scope.fiscal_year,
            unit__in=_unit_and_ancestors(scope.unit),
        )
        .order_by("-pk")
        .first()
    )


def acknowledging_people(scope: Scope, *, kind: str, **params):
    """Staff who acknowledged the then-current version of the year's declaration of this
    kind, published by the unit or an office above it."""
    declaration = _year_declaration(scope, kind)
    if declaration is None:
        return Acknowledgement.objects.none().values("staff_id")
    version = (
        DeclarationVersion.objects.filter(declaration=declaration)
        .filter(published_at__date__lte=scope.last_day)
        .order_by("-number")
        .first()
    )
    if version is None:
        return Acknowledgement.objects.none().values("staff_id")
    return Acknowledgement.objects.filter(
        version=version, acknowledged_at__date__lte=scope.last_day
    ).values("staff_id")


def declaration_audience(scope: Scope, staff, *, kind: str, **params):
    """The declaration's audience among ``staff``: everyone, or only the leaders when the
    pledge is addressed to group directors and district development officers."""
    # Imported here: the declarations service reads this module's helpers.
    from saisaat.participation.services.declarations import audience_leaders

    declaration = _year_declaration(scope, kind)
    if declaration is not None and declaration.audience == Declaration.Audience.LEADERS:
        return audience_leaders(staff)
    return staff


def goal_setting_people(scope: Scope, **params):
    """Staff who proposed or voted on the year's moral goals within the window."""
    goals = MoralGoal.objects.filter(
        unit_id__in=scope.unit_ids,
        fiscal_year=scope.fiscal_year,
        proposed_at__date__lte=scope.last_day,
    )
    voters = MoralGoalVote.objects.filter(
        goal__in=goals, voted_at__date__lte=scope.last_day
    ).values("staff_id")
    return StaffMember.objects.filter(
        Q(pk__in=goals.values("proposed_by_id")) | Q(pk__in=voters)
    ).values("pk")


def attending_people(scope: Scope, **params):
    """Staff who attended at least one moral-organisation activity held in the window."""
    return Attendance.objects.filter(
        activity__unit_id__in=scope.unit_ids,
        activity__is_moral_organisation=True,
        activity__held_on__range=(scope.first_day, scope.last_day),
    ).values("staff_id")


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


def adopted_moral_goals(scope: Scope, **params) -> list[Row]:
    """Moral goals the offices adopted within the window, one row each."""
    goals = MoralGoal.objects.filter(
        unit_id__in=scope.unit_ids,
        fiscal_year=scope.fiscal_year,
        adopted_at__date__range=(scope.first_day, scope.last_day),
    ).select_related("unit")
    return [Row(goal.unit_id, goal.pk, str(goal), goal) for goal in goals]


def adopted_goal_virtues(scope: Scope, **params) -> list[Row]:
    """The target virtues the adopted moral goals cover: "at least four from the five
    virtues" asks for four different virtues, so four goals of one virtue count once."""
    return [
        Row(row.office_id, row.record.virtue, str(Virtue(row.record.virtue).label), row.record)
        for row in adopted_moral_goals(scope)
        if row.record.virtue
    ]


def _moral_activities(scope: Scope):
    return OfficeActivity.objects.filter(
        unit_id__in=scope.unit_ids,
        is_moral_organisation=True,
        held_on__range=(scope.first_day, scope.last_day),
    ).select_related("unit")


def moral_activities(scope: Scope, **params) -> list[Row]:
    """Moral-organisation activities held in the window under at least one target virtue."""
    return [
        Row(activity.unit_id, activity.pk, str(activity), activity)
        for activity in _moral_activities(scope)
        if activity.virtues
    ]


def moral_activity_virtues(scope: Scope, **params) -> list[Row]:
    """The target virtues the moral-organisation activities held in the window served:
    "at least four activities from the five virtues" counts the virtues covered."""
    return [
        Row(activity.unit_id, virtue, str(Virtue(virtue).label), activity)
        for activity in _moral_activities(scope)
        for virtue in activity.virtues or ()
        if virtue in Virtue.values
    ]


def partner_types_engaged(scope: Scope, **params) -> list[Row]:
    """Partner types in an MOU signed or a joint activity held in the window."""
    window = (scope.first_day, scope.last_day)
    in_mou = MemorandumOfUnderstanding.partners.through.objects.filter(
        memorandumofunderstanding__unit_id__in=scope.unit_ids,
        memorandumofunderstanding__signed_on__range=window,
    ).values_list("memorandumofunderstanding__unit_id", "partner__partner_type_id")
    in_activity = JointActivity.partners.through.objects.filter(
        jointactivity__unit_id__in=scope.unit_ids, jointactivity__held_on__range=window
    ).values_list("jointactivity__unit_id", "partner__partner_type_id")
    pairs = set(in_mou) | set(in_activity)
    types = PartnerType.objects.in_bulk({type_id for _office, type_id in pairs})
    return [
        Row(office_id, type_id, str(types[type_id]), types[type_id])
        for office_id, type_id in sorted(pairs)
        if type_id in types
    ]


def innovation_projects(scope: Scope, *, measured_only: bool = False, **params) -> list[Row]:
    """The year's innovation projects started by the end of the window; with
    ``measured_only``, those with a measurement taken."""
    projects = InnovationProject.objects.filter(
        unit_id__in=scope.unit_ids,
        fiscal_year=scope.fiscal_year,
        started_on__lte=scope.last_day,
    ).select_related("unit")
    if measured_only:
        projects = projects.filter(pk__in=InnovationMeasurement.objects.values("project_id"))
    return [Row(project.unit_id, project.pk, str(project), project) for project in projects]


def complaint_channels(scope: Scope, **params) -> list[Row]:
    """Kinds of complaint channel (two telephone lines are one kind) the offices published
    by the end of the window; the plan asks for offline and online ones (see
    :func:`offline_and_online`). A channel no longer published is not counted."""
    channels = (
        Channel.objects.published()
        .filter(unit_id__in=scope.unit_ids, created_at__date__lte=scope.last_day)
        .select_related("unit")
        .order_by("unit__code", "position", "pk")
    )
    return [
        Row(channel.unit_id, (channel.kind, channel.medium), channel.get_medium_display(), channel)
        for channel in channels
    ]


def virtues_of(counted: list[Counted]) -> set[str]:
    """The target virtues the counted goals or activities cover."""
    found = set()
    for thing in counted:
        for record in thing.records:
            virtues = getattr(record, "virtues", None)
            found.update(virtues if virtues is not None else [getattr(record, "virtue", "")])
    return found & set(Virtue.values)


def channel_kinds(counted: list[Counted]) -> str:
    offline = sum(1 for kind, _medium in (c.key for c in counted) if kind == Channel.Kind.OFFLINE)
    return f"{offline} offline, {len(counted) - offline} online"


def offline_and_online(counted: list[Counted]) -> str:
    kinds = {kind for kind, _medium in (c.key for c in counted)}
    missing = [
        str(label)
        for kind, label in (
            (Channel.Kind.OFFLINE, _("offline")),
            (Channel.Kind.ONLINE, _("online")),
        )
        if kind not in kinds
    ]
    return _("no %(kinds)s channel") % {"kinds": ", ".join(missing)} if missing else ""


def evidence_items(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, dated in the window."""
    items = (
        EvidenceItem.objects.current()
        .filter(
            assignment__activity_id=activity_id,
            assignment__unit_id__in=scope.unit_ids,
            effective_date__range=(scope.first_day, scope.last_day),
        )
        .select_related("assignment__unit")
        .order_by("effective_date", "pk")
    )
    return [Row(item.assignment.unit_id, item.pk, str(item), item) for item in items]


def _period(scope: Scope, activity_id: int) -> tuple[date, date] | None:
    if scope.period:
        return scope.period
    activity = Activity.objects.filter(pk=activity_id).only("period_start", "period_end").first()
    return (activity.period_start, activity.period_end) if activity else None


def quarter_keys(scope: Scope, *, activity_id: int, **params) -> list[tuple[int, str]]:
    """The fiscal quarters the activity's period touches, up to the end of the window."""
    period = _period(scope, activity_id)
    if period is None:
        return []
    keys = []
    for quarter in range(1, 5):
        first, last = fiscal_quarter_bounds(scope.fiscal_year, quarter)
        if period[0] <= last and period[1] >= first:
            if first <= scope.last_day:
                keys.append((quarter, str(_("Quarter %(n)s") % {"n": quarter})))
    return keys


def month_keys(scope: Scope, *, activity_id: int, **params) -> list[tuple[object, str]]:
    """The months of the activity's period, up to the end of the window."""
    period = _period(scope, activity_id)
    if period is None:
        return []
    keys = []
    year, month = period[0].year, period[0].month
    last = min(period[1], scope.last_day)
    while date(year, month, 1) <= last:
        keys.append(((year, month), f"{THAI_MONTHS_ABBR[month - 1]} {to_buddhist_year(year)}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def evidence_by_month(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, by month."""
    return [
        Row(row.office_id, (day.year, day.month), row.label, row.record)
        for row in evidence_items(scope, activity_id=activity_id)
        for day in [row.record.effective_date]
    ]


def evidence_by_quarter(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, by fiscal quarter."""
    rows = []
    for row in evidence_items(scope, activity_id=activity_id):
        day = row.record.effective_date
        quarter = next(
            q for q in range(1, 5) if day <= fiscal_quarter_bounds(scope.fiscal_year, q)[1]
        )
        rows.append(Row(row.office_id, quarter, row.label, row.record))
    return rows


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


def _unit_and_ancestors(unit: Unit) -> list[int]:
    ids = [unit.pk]
    if unit.parent_id:
        ids.append(unit.parent_id)
        if unit.parent and unit.parent.parent_id:
            ids.append(unit.parent.parent_id)
    return ids


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


METRICS: dict[str, Metric] = {
    metric.key: metric
    for metric in [
        share_of_staff(
            "staff_certified",
            _("Staff with an anti-corruption course certificate"),
            certified_people,
        ),
        share_of_staff(
            "declaration_acknowledged",
            _("Staff who acknowledged the declaration"),
            acknowledging_people,
            declaration_audience,
        ),
        share_of_staff(
            "moral_goal_participation",
            _("Staff who took part in setting the moral goals"),
            goal_setting_people,
        ),
        share_of_staff(
            "moral_activity_attendance",
            _("Staff who attended a moral-organisation activity"),
            attending_people,
        ),
        count_of(
            "adopted_moral_goals",
            _("Moral goals adopted"),
            adopted_moral_goals,
            describe=lambda counted: f"{len(virtues_of(counted))} virtues",
        ),
        count_of(
            "adopted_goal_virtues",
            _("Target virtues covered by the adopted moral goals"),
            adopted_goal_virtues,
        ),
        count_of(
            "moral_activities",
            _("Moral-organisation activities held"),
            moral_activities,
            describe=lambda counted: f"{len(virtues_of(counted))} of 5 virtues",
        ),
        count_of(
            "moral_activity_virtues",
            _("Target virtues covered by the moral-organisation activities"),
            moral_activity_virtues,
        ),
        count_of(
            "partner_types_engaged", _("Network partner types engaged"), partner_types_engaged
        ),
        count_of("innovation_projects", _("Transparency innovation projects"), innovation_projects),
        count_of(
            "complaint_channels",
            _("Complaint channels published, offline and online"),
            complaint_channels,
            requirement=offline_and_online,
            describe=channel_kinds,
        ),
        count_of("evidence_items", _("Evidence items recorded"), evidence_items),
        count_of(
            "quarters_with_evidence",
            _("Evidence items in the thinnest quarter"),
            evidence_by_quarter,
            keys=quarter_keys,
            per_key=True,
        ),
        count_of(
            "months_with_evidence",
            _("Evidence items in the thinnest month"),
            evidence_by_month,
            keys=month_keys,
            per_key=True,
        ),
    ]
}
