"""Who approves at an office: its head, its work-group directors and its deputy approver.

These roles open what only heads see (confidential complaints, approving the office's
work), so nobody grants one alone and the admin site grants none: someone proposes the
change, a department administrator who is neither the proposer nor the person named
confirms or refuses it, and every step writes its audit entry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saisaat.audit import services as audit
from saisaat.orgs.models import RoleChange, Unit, User, WorkGroup

Kind = RoleChange.Kind
# Why the admin site (``orgs.accounts``) refuses a change: gettext_noop'd, translated where shown.
GRANT_REFUSED = gettext_noop(
    "The approver role is given only through a proposed and confirmed role change, not "
    "here; nor is an administrator moved to, or reactivated at, the department here."
)
CHANGE_FIELDS = ["unit", "user", "kind", "work_group", "status", "proposed_by", "decided_by"]


def can_propose_role_change(actor: User, unit: Unit) -> bool:
    """The department's administrators; the administrators and the head of the office
    itself or of the province above it."""
    if not (actor.is_authenticated and actor.is_active and actor.unit_id):
        return False
    if actor.is_department_administrator:
        return True
    at_or_above = actor.unit_id in (unit.pk, unit.parent_id)
    return at_or_above and (actor.role == User.Role.ADMINISTRATOR or actor.is_office_head)


def can_decide_role_change(actor: User, change: RoleChange) -> bool:
    """A department administrator other than the proposer and the person named."""
    return (
        actor.is_authenticated
        and actor.is_department_administrator
        and actor.pk not in (change.proposed_by_id, change.user_id)
    )


def grants_approver_role(before: dict, after: dict) -> bool:
    """Whether an account change (``audit.snapshot`` of role, unit, work group and
    is_active before and after; ``before`` empty for a new account) makes someone an
    approver somewhere they were not (only ``confirm_role_change`` may), or a department
    administrator, who confirms what others propose (the admin site cannot make the second
    person of a two-person rule)."""
    role = after.get("role")
    if role not in (User.Role.APPROVER, User.Role.ADMINISTRATOR) or not after.get(
        "is_active", True
    ):
        return False
    if role == User.Role.ADMINISTRATOR and not (
        Unit.objects.filter(pk=after.get("unit"), kind=Unit.Kind.DEPARTMENT).exists()
    ):
        return False
    if not before or before.get("role") != role or not before.get("is_active"):
        return True
    watched = ("unit", "work_group") if role == User.Role.APPROVER else ("unit",)
    return any(before.get(name) != after.get(name) for name in watched)


def _check_person(unit: Unit, user: User, kind: str, work_group: WorkGroup | None) -> None:
    if user.unit_id != unit.pk or not user.is_active or user.role == User.Role.COMMITTEE:
        raise ValidationError(_("Only active staff of this office can hold its approver roles."))
    if kind == Kind.GROUP_DIRECTOR:
        if work_group is None or work_group.unit_id != unit.pk:
            raise ValidationError(_("Choose a work group of this office."))
    elif work_group is not None:
        raise ValidationError(_("Only a work group director is named with a work group."))
    if kind == Kind.DEPUTY and user.is_office_head:
        raise ValidationError(_("The office head cannot be the office's deputy approver."))


def _audit(change: RoleChange, action: str, actor, changes: dict) -> None:
    audit.record(
        actor, action, change, changes=changes, unit=change.unit_id, label=str(change.user)
    )


@transaction.atomic
def propose_role_change(
    unit: Unit,
    user: User,
    kind: str,
    *,
    acting_user: User,
    work_group: WorkGroup | None = None,
) -> RoleChange:
    """The first step: nothing changes until a department administrator confirms."""
    if not can_propose_role_change(acting_user, unit):
        raise PermissionDenied
    if user.pk == acting_user.pk:
        raise ValidationError(_("You cannot propose yourself: ask someone else to propose you."))
    _check_person(unit, user, kind, work_group)
    if RoleChange.objects.filter(
        unit=unit, user=user, kind=kind, status=RoleChange.Status.PENDING
    ).exists():
        raise ValidationError(_("This change is already waiting for confirmation."))
    change = RoleChange.objects.create(
        unit=unit, user=user, kind=kind, work_group=work_group, proposed_by=acting_user
    )
    _audit(change, "orgs.role_change_proposed", acting_user, audit.created(change, CHANGE_FIELDS))
    return change


def _pending(change: RoleChange, acting_user: User) -> RoleChange:
    change = RoleChange.objects.select_for_update().select_related("unit", "user").get(pk=change.pk)
    if not can_decide_role_change(acting_user, change):
        raise PermissionDenied
    if change.status != RoleChange.Status.PENDING:
        raise ValidationError(_("This change was already decided."))
    return change


@transaction.atomic
def confirm_role_change(change: RoleChange, *, acting_user: User) -> RoleChange:
    """The second person's consent: the role is given now, and logged twice (the
    decision, and the account or office it changed)."""
    change = _pending(change, acting_user)
    user = User.objects.select_for_update().get(pk=change.user_id)
    _check_person(change.unit, user, change.kind, change.work_group)
    if change.kind == Kind.DEPUTY:
        unit = Unit.objects.select_for_update().get(pk=change.unit_id)
        before = audit.snapshot(unit, ["deputy_approver"])
        unit.deputy_approver = user
        unit.save(update_fields=["deputy_approver"])
        audit.record(
            acting_user,
            "orgs.deputy_approver_set",
            unit,
            changes=audit.diff(before, audit.snapshot(unit, ["deputy_approver"])),
            unit=unit,
            reason=f"role change {change.pk}",
        )
    else:
        before = audit.snapshot(user, ["role", "work_group"])
        user.role = User.Role.APPROVER
        user.work_group = change.work_group if change.kind == Kind.GROUP_DIRECTOR else None
        user.save(update_fields=["role", "work_group"])
        audit.record(
            acting_user,
            "orgs.user_changed",
            user,
            changes=audit.diff(before, audit.snapshot(user, ["role", "work_group"])),
            unit=user.unit_id,
            reason=f"role change {change.pk}",
        )
    before = audit.snapshot(change, ["status", "decided_by"])
    change.status = RoleChange.Status.CONFIRMED
    change.decided_by = acting_user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(
        change,
        "orgs.role_change_confirmed",
        acting_user,
        audit.diff(before, audit.snapshot(change, ["status", "decided_by"])),
    )
    return change


@transaction.atomic
def refuse_role_change(change: RoleChange, *, acting_user: User) -> RoleChange:
    change = _pending(change, acting_user)
    before = audit.snapshot(change, ["status", "decided_by"])
    change.status = RoleChange.Status.REFUSED
    change.decided_by = acting_user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(
        change,
        "orgs.role_change_refused",
        acting_user,
        audit.diff(before, audit.snapshot(change, ["status", "decided_by"])),
    )
    return change


@transaction.atomic
def end_approver_role(unit: Unit, user: User, *, acting_user: User) -> None:
    """Take an approver role away (it only narrows access, so one person may do it): the
    person becomes an officer, and stops being the office's deputy approver."""
    if not can_propose_role_change(acting_user, unit):
        raise PermissionDenied
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    user = User.objects.select_for_update().get(pk=user.pk)
    if unit.deputy_approver_id == user.pk:
        unit.deputy_approver = None
        unit.save(update_fields=["deputy_approver"])
        audit.record(
            acting_user,
            "orgs.deputy_approver_set",
            unit,
            changes={"deputy_approver": [user.pk, None]},
            unit=unit,
        )
    if user.role == User.Role.APPROVER and user.unit_id == unit.pk:
        before = audit.snapshot(user, ["role"])
        user.role = User.Role.OFFICER
        user.save(update_fields=["role"])
        audit.record(
            acting_user,
            "orgs.user_changed",
            user,
            changes=audit.diff(before, audit.snapshot(user, ["role"])),
            unit=user.unit_id,
        )


def units_for_proposer(actor: User):
    """The offices whose approver roles ``actor`` may propose changes to."""
    if not (actor.is_authenticated and actor.is_active and actor.unit_id):
        return Unit.objects.none()
    if actor.is_department_administrator:
        return Unit.objects.all()
    if actor.role == User.Role.ADMINISTRATOR or actor.is_office_head:
        return Unit.objects.filter(pk__in=[actor.unit_id]) | Unit.objects.filter(
            parent_id=actor.unit_id
        )
    return Unit.objects.none()
