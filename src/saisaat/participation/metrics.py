"""The live metrics on participation records (certificates, declarations, moral goals,
activities, partners, innovation) that measure a plan's numeric targets.

Every metric takes the units in scope (a unit alone, or a unit and those below it), the
Buddhist-era fiscal year and an optional ``as_of`` date, and returns a
``MetricValue`` with the figure and, where it is a share of people, the counts behind it.
Each runs a fixed number of queries whatever the number of people or records.
"""

from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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
from saisaat.participation.services.declarations import audience_leaders
from saisaat.plans.metrics import Metric, MetricValue, Scope, share_of_staff

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


def _unit_and_ancestors(unit: Unit) -> list[int]:
    ids = [unit.pk]
    if unit.parent_id:
        ids.append(unit.parent_id)
        if unit.parent and unit.parent.parent_id:
            ids.append(unit.parent.parent_id)
    return ids


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
    ]
}
