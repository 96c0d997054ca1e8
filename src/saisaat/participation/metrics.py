"""The live metrics on participation records (certificates, declarations, moral goals,
activities, partners, innovation) that measure a plan's numeric targets.

Every metric takes the offices in scope, the Buddhist-era fiscal year, the window counted
(the fiscal year by default; the indicators narrow it to the activity's period) and an
optional ``as_of`` date. A share of staff is defined by its ``people`` (and ``audience``),
a count by its ``rows``: one definition gives both the number and the list behind it (see
``plans.metrics``). Each runs a fixed number of queries whatever the number of people or
records.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation import metrics_workplace
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
from saisaat.participation.services.declarations import audience_leaders
from saisaat.plans.metrics import Counted, Metric, Row, Scope, count_of, share_of_staff

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


def workshop_people(scope: Scope, **params):
    """Staff who attended the OSMKH workshop (project item 4.4) held in the window by their
    office or an office above it (the province holds it for the district offices too)."""
    return Attendance.objects.filter(
        activity__is_osmkh_workshop=True,
        activity__unit_id__in={*scope.unit_ids, *_unit_and_ancestors(scope.unit)},
        activity__held_on__range=(scope.first_day, scope.last_day),
    ).values("staff_id")


# ---------------------------------------------------------------------------- rows


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


def virtues_of(counted: list[Counted]) -> set[str]:
    """The target virtues the counted goals or activities cover."""
    found = set()
    for thing in counted:
        for record in thing.records:
            virtues = getattr(record, "virtues", None)
            found.update(virtues if virtues is not None else [getattr(record, "virtue", "")])
    return found & set(Virtue.values)


def _unit_and_ancestors(unit: Unit) -> list[int]:
    ids = [unit.pk]
    if unit.parent_id:
        ids.append(unit.parent_id)
        if unit.parent and unit.parent.parent_id:
            ids.append(unit.parent.parent_id)
    return ids


# ---------------------------------------------------------------------------- metrics


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
        share_of_staff(
            "osmkh_workshop_attendance",
            _("Staff who attended the OSMKH workshop"),
            workshop_people,
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
    ]
} | metrics_workplace.METRICS
