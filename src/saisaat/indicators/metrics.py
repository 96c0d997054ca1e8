"""Live metrics that measure a plan's numeric targets.

Every metric takes the units in scope (a unit alone, or a unit and those below it), the
Buddhist-era fiscal year and an optional ``as_of`` date, and returns a
``MetricValue`` with the figure and, where it is a share of people, the counts behind it.
Each runs a fixed number of queries whatever the number of people or records.
"""

from collections.abc import Callable
from dataclasses import dataclass
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
    InnovationProject,
    MoralGoal,
    MoralGoalVote,
    OfficeActivity,
    PartnerType,
)
from saisaat.thai.calendar import fiscal_quarter_bounds, fiscal_year_bounds
from saisaat.tracking.models import Assignment, EvidenceItem


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


def active_staff(scope: Scope):
    return StaffMember.objects.filter(unit_id__in=scope.unit_ids, is_active=True)


# ---------------------------------------------------------------------------- metrics


def certified_people(scope: Scope, **params):
    """Staff holding an anti-corruption course certificate issued in the year."""
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
    """Staff who proposed or voted on the year's moral goals."""
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


def adopted_moral_goals(scope: Scope, **params) -> MetricValue:
    adopted = MoralGoal.objects.filter(
        unit_id__in=scope.unit_ids,
        fiscal_year=scope.fiscal_year,
        adopted_at__date__lte=scope.last_day,
    )
    virtues = {v for v in adopted.values_list("virtue", flat=True)}
    return MetricValue(Decimal(adopted.count()), note=f"{len(virtues)} virtues")


def moral_activities(scope: Scope, **params) -> MetricValue:
    """Moral-organisation activities held in the year under at least one target virtue."""
    held = OfficeActivity.objects.filter(
        unit_id__in=scope.unit_ids,
        is_moral_organisation=True,
        held_on__range=(scope.first_day, scope.last_day),
    ).values_list("virtues", flat=True)
    with_virtue = [virtues for virtues in held if virtues]
    covered = {virtue for virtues in with_virtue for virtue in virtues}
    return MetricValue(Decimal(len(with_virtue)), note=f"{len(covered)} of 5 virtues")


def attending_people(scope: Scope, **params):
    """Staff who attended at least one moral-organisation activity of the year."""
    return Attendance.objects.filter(
        activity__unit_id__in=scope.unit_ids,
        activity__is_moral_organisation=True,
        activity__held_on__range=(scope.first_day, scope.last_day),
    ).values("staff_id")


def partner_types_engaged(scope: Scope, **params) -> MetricValue:
    """Distinct partner types in an MOU signed or a joint activity held in the year."""
    in_mou = Q(
        partners__mous__unit_id__in=scope.unit_ids,
        partners__mous__signed_on__range=(scope.first_day, scope.last_day),
    )
    in_activity = Q(
        partners__joint_activities__unit_id__in=scope.unit_ids,
        partners__joint_activities__held_on__range=(scope.first_day, scope.last_day),
    )
    engaged = PartnerType.objects.filter(in_mou | in_activity).distinct().count()
    return MetricValue(Decimal(engaged), engaged, PartnerType.objects.count())


def innovation_projects(scope: Scope, *, measured_only: bool = False, **params) -> MetricValue:
    projects = InnovationProject.objects.filter(
        unit_id__in=scope.unit_ids,
        fiscal_year=scope.fiscal_year,
        started_on__lte=scope.last_day,
    )
    if measured_only:
        projects = projects.filter(measurements__isnull=False).distinct()
    return MetricValue(Decimal(projects.count()))


def complaint_channels(scope: Scope, **params) -> MetricValue:
    """Kinds of complaint channel the units publish now, offline and online: two
    telephone lines are one kind of channel. The list is today's, whatever the year."""
    published = Channel.objects.published().filter(unit_id__in=scope.unit_ids)
    kinds = set(published.values_list("kind", "medium").distinct())
    offline = sum(1 for kind, _medium in kinds if kind == Channel.Kind.OFFLINE)
    online = len(kinds) - offline
    media = {medium for _kind, medium in kinds}
    return MetricValue(Decimal(len(media)), note=f"{offline} offline, {online} online")


def evidence_items(scope: Scope, *, activity_id: int, **params) -> MetricValue:
    """Current evidence on the units' assignments of the activity, dated in the year."""
    items = EvidenceItem.objects.current().filter(
        assignment__activity_id=activity_id,
        assignment__unit_id__in=scope.unit_ids,
        effective_date__range=(scope.first_day, scope.last_day),
    )
    return MetricValue(Decimal(items.count()))


def quarters_with_evidence(scope: Scope, *, activity_id: int, **params) -> MetricValue:
    """The smallest number of evidence items in any quarter of the activity's period, so
    that "once a quarter" is met only when every quarter has one."""
    assignment = (
        Assignment.objects.filter(activity_id=activity_id, unit_id__in=scope.unit_ids)
        .select_related("activity")
        .first()
    )
    if assignment is None:
        return MetricValue(Decimal("0"))
    dates = list(
        EvidenceItem.objects.current()
        .filter(assignment__activity_id=activity_id, assignment__unit_id__in=scope.unit_ids)
        .filter(effective_date__lte=scope.last_day)
        .values_list("effective_date", flat=True)
    )
    quarters = [
        fiscal_quarter_bounds(scope.fiscal_year, q)
        for q in range(1, 5)
        if _overlaps(fiscal_quarter_bounds(scope.fiscal_year, q), assignment.activity)
    ]
    counts = [sum(first <= d <= last for d in dates) for first, last in quarters]
    return MetricValue(Decimal(min(counts) if counts else 0), note=f"{len(quarters)} quarters")


def _overlaps(bounds, activity) -> bool:
    first, last = bounds
    return activity.period_start <= last and activity.period_end >= first


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


def _unit_and_ancestors(unit: Unit) -> list[int]:
    ids = [unit.pk]
    if unit.parent_id:
        ids.append(unit.parent_id)
        if unit.parent and unit.parent.parent_id:
            ids.append(unit.parent.parent_id)
    return ids


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


METRICS: dict[str, Metric] = {
    metric.key: metric
    for metric in [
        Metric(
            "staff_certified",
            _("Staff with an anti-corruption course certificate"),
            "percent",
            share_of_staff(certified_people),
        ),
        Metric(
            "declaration_acknowledged",
            _("Staff who acknowledged the declaration"),
            "percent",
            share_of_staff(acknowledging_people, declaration_audience),
        ),
        Metric(
            "moral_goal_participation",
            _("Staff who took part in setting the moral goals"),
            "percent",
            share_of_staff(goal_setting_people),
        ),
        Metric(
            "moral_activity_attendance",
            _("Staff who attended a moral-organisation activity"),
            "percent",
            share_of_staff(attending_people),
        ),
        Metric("adopted_moral_goals", _("Moral goals adopted"), "count", adopted_moral_goals),
        Metric(
            "moral_activities", _("Moral-organisation activities held"), "count", moral_activities
        ),
        Metric(
            "partner_types_engaged",
            _("Network partner types engaged"),
            "count",
            partner_types_engaged,
        ),
        Metric(
            "innovation_projects",
            _("Transparency innovation projects"),
            "count",
            innovation_projects,
        ),
        Metric(
            "complaint_channels",
            _("Complaint channels published, offline and online"),
            "count",
            complaint_channels,
        ),
        Metric("evidence_items", _("Evidence items recorded"), "count", evidence_items),
        Metric(
            "quarters_with_evidence",
            _("Evidence items in the thinnest quarter"),
            "count",
            quarters_with_evidence,
        ),
    ]
}
