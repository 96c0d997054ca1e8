"""Moral goals: staff propose "a problem we want to fix" or "a good deed we want to do"
under one of the five virtues, vote for the proposals they back, and the office adopts
some of them.

Voting rule: each person has ``VOTES_PER_KIND`` votes for each kind of goal in a unit's
year, at most one per goal, so that one kind cannot crowd out the other. A proposal can
be edited or withdrawn by its author only while nobody else has voted for it and it is
not adopted, so that nobody's vote silently changes meaning or disappears. Votes on an
adopted goal are frozen.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_editable
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import MoralGoal, MoralGoalVote, Virtue
from saisaat.plans.metrics import MetricValue, Scope

VOTES_PER_KIND = 3
VIRTUE_ORDER = {value: index for index, value in enumerate(Virtue.values)}


# ---------------------------------------------------------------------------- reading


def goals_for(unit: Unit, fiscal_year: int, staff: StaffMember | None = None):
    """The unit's goals of the year with their vote counts and whether ``staff`` voted,
    in one query."""
    mine = MoralGoalVote.objects.filter(goal=OuterRef("pk"), staff_id=staff.pk if staff else 0)
    return (
        MoralGoal.objects.filter(unit=unit, fiscal_year=fiscal_year)
        .select_related("proposed_by")
        .annotate(
            vote_count=Count("votes"),
            others_votes=Count("votes", filter=~Q(votes__staff_id=F("proposed_by_id"))),
            voted_by_me=Exists(mine),
        )
        .order_by("kind", "-vote_count", "pk")
    )


def group_goals(goals) -> list[dict]:
    """Goals grouped by kind, then by virtue in the programme's order."""
    groups = []
    for kind in MoralGoal.Kind:
        of_kind = [goal for goal in goals if goal.kind == kind]
        virtues = []
        for virtue in Virtue:
            items = [goal for goal in of_kind if goal.virtue == virtue]
            if items:
                virtues.append({"virtue": virtue, "goals": items})
        groups.append(
            {
                "kind": kind,
                "virtues": virtues,
                "count": len(of_kind),
                "adopted": sum(1 for goal in of_kind if goal.adopted_at),
            }
        )
    return groups


def votes_left(goals, staff: StaffMember | None) -> dict[str, int]:
    """Votes ``staff`` still has for each kind, from goals already annotated."""
    if staff is None:
        return {}
    used = {kind: 0 for kind in MoralGoal.Kind.values}
    for goal in goals:
        if goal.voted_by_me:
            used[goal.kind] += 1
    return {kind: max(VOTES_PER_KIND - count, 0) for kind, count in used.items()}


def participation(unit: Unit, fiscal_year: int) -> MetricValue:
    """Active staff of the unit who proposed or voted, as the indicator counts them."""
    scope = Scope(unit=unit, unit_ids=(unit.pk,), fiscal_year=fiscal_year)
    return METRICS["moral_goal_participation"].compute(scope)


def participants(unit: Unit, fiscal_year: int):
    """(done, pending): the unit's active staff who took part and who have not yet."""
    scope = Scope(unit=unit, unit_ids=(unit.pk,), fiscal_year=fiscal_year)
    people = METRICS["moral_goal_participation"].people(scope)
    staff = (
        StaffMember.objects.active().filter(unit=unit).select_related("work_group").in_thai_order()
    )
    return list(staff.filter(pk__in=people)), list(staff.exclude(pk__in=people))


def can_take_part(staff: StaffMember | None, unit: Unit) -> bool:
    return staff is not None and staff.is_active and staff.unit_id == unit.pk


def can_change(goal: MoralGoal, staff: StaffMember | None) -> bool:
    """Whether ``staff`` may still edit or withdraw ``goal`` (see the module docstring)."""
    if staff is None or goal.proposed_by_id != staff.pk or goal.adopted_at:
        return False
    others = getattr(goal, "others_votes", None)
    if others is None:
        others = goal.votes.exclude(staff_id=goal.proposed_by_id).count()
    return others == 0


# ---------------------------------------------------------------------------- changes


def _require_member(staff: StaffMember | None, unit: Unit) -> None:
    if not can_take_part(staff, unit):
        raise ValidationError(_("Only active staff of %(unit)s can do this.") % {"unit": unit})


@transaction.atomic
def propose_goal(
    unit: Unit,
    fiscal_year: int,
    *,
    staff: StaffMember,
    kind: str,
    virtue: str,
    text: str,
    when: datetime | None = None,
) -> MoralGoal:
    _require_member(staff, unit)
    goal = MoralGoal.objects.create(
        unit=unit,
        fiscal_year=fiscal_year,
        kind=kind,
        virtue=virtue,
        text=text.strip(),
        proposed_by=staff,
    )
    if when is not None:
        MoralGoal.objects.filter(pk=goal.pk).update(proposed_at=when)
        goal.proposed_at = when
    audit.record_created(
        _actor(staff), "participation.goal_proposed", goal, GOAL_FIELDS + ["proposed_at"]
    )
    return goal


GOAL_FIELDS = ["kind", "virtue", "text"]


def _actor(staff: StaffMember):
    """The user behind a staff member, or the staff member's name when they have none."""
    return staff.user if staff.user_id else f"staff {staff.pk}: {staff}"


@transaction.atomic
def update_goal(goal: MoralGoal, *, staff: StaffMember, kind: str, virtue: str, text: str):
    goal = MoralGoal.objects.select_for_update().get(pk=goal.pk)
    if not can_change(goal, staff):
        raise ValidationError(
            _("You can change only your own proposal, before anyone else votes for it.")
        )
    before = audit.snapshot(goal, GOAL_FIELDS)
    goal.kind, goal.virtue, goal.text = kind, virtue, text.strip()
    goal.save(update_fields=["kind", "virtue", "text"])
    audit.record_changed(_actor(staff), "participation.goal_changed", goal, before)
    return goal


@transaction.atomic
def withdraw_goal(goal: MoralGoal, *, staff: StaffMember) -> None:
    goal = MoralGoal.objects.select_for_update().get(pk=goal.pk)
    if not can_change(goal, staff):
        raise ValidationError(
            _("You can withdraw only your own proposal, before anyone else votes for it.")
        )
    audit.record_deleted(_actor(staff), "participation.goal_withdrawn", goal, GOAL_FIELDS)
    goal.delete()


@transaction.atomic
def toggle_vote(goal: MoralGoal, *, staff: StaffMember, when: datetime | None = None) -> bool:
    """Vote for ``goal``, or take the vote back; returns whether the vote now stands."""
    _require_member(staff, goal.unit)
    # Lock the voter so that two quick clicks cannot both pass the limit.
    StaffMember.objects.select_for_update().filter(pk=staff.pk).first()
    goal = MoralGoal.objects.select_for_update().get(pk=goal.pk)
    if goal.adopted_at:
        raise ValidationError(_("This goal has been adopted; its votes are closed."))
    existing = MoralGoalVote.objects.filter(goal=goal, staff=staff)
    if existing.exists():
        existing.delete()
        audit.record(
            _actor(staff),
            "participation.goal_vote_withdrawn",
            goal,
            changes={"voter": [staff.pk, None]},
            unit=goal.unit_id,
            fiscal_year=goal.fiscal_year,
        )
        return False
    used = MoralGoalVote.objects.filter(
        staff=staff,
        goal__unit_id=goal.unit_id,
        goal__fiscal_year=goal.fiscal_year,
        goal__kind=goal.kind,
    ).count()
    if used >= VOTES_PER_KIND:
        raise ValidationError(
            _(
                "You have used your %(limit)s votes for this kind of goal. "
                "Take one back to vote for this one."
            )
            % {"limit": VOTES_PER_KIND}
        )
    vote = MoralGoalVote.objects.create(goal=goal, staff=staff)
    if when is not None:
        MoralGoalVote.objects.filter(pk=vote.pk).update(voted_at=when)
    audit.record(
        _actor(staff),
        "participation.goal_voted",
        goal,
        changes={"voter": [None, staff.pk]},
        unit=goal.unit_id,
        fiscal_year=goal.fiscal_year,
    )
    return True


@transaction.atomic
def set_adopted(
    goal: MoralGoal, adopted: bool, *, acting_user: User, when: datetime | None = None
) -> MoralGoal:
    require_editable(acting_user, goal)
    goal = MoralGoal.objects.select_for_update().get(pk=goal.pk)
    before = audit.snapshot(goal, ["adopted_at"])
    goal.adopted_at = (when or timezone.now()) if adopted else None
    goal.save(update_fields=["adopted_at"])
    audit.record_changed(
        acting_user,
        "participation.goal_adopted" if adopted else "participation.goal_unadopted",
        goal,
        before,
    )
    return goal
