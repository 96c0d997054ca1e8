"""The registry of one unit: who may manage whose staff, the list page, and editing one
person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.access import can_manage
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_editable


def staff_scope_units(unit: Unit, acting_user: User | None = None):
    """Units whose staff an import into ``unit`` may touch: the unit and those below it,
    and only those the acting user may see."""
    units = Unit.objects.within(unit)
    if acting_user is not None:
        units = units.filter(pk__in=acting_user.visible_units().values("pk"))
    return units


STAFF_FIELDS = [
    "unit",
    "work_group",
    "title",
    "first_name",
    "last_name",
    "position",
    "email",
    "start_date",
    "is_active",
    "user",
]


def staff_action(before: dict | None, changes: dict) -> str:
    """The audit action of one change to a staff row: created, deactivated, reactivated,
    moved (to another unit) or changed."""
    if before is None:
        return "orgs.staff_created"
    if "is_active" in changes:
        return "orgs.staff_deactivated" if before["is_active"] else "orgs.staff_reactivated"
    if "unit" in changes:
        return "orgs.staff_moved"
    return "orgs.staff_changed"


def save_with_history(
    staff: StaffMember, acting_user: User | None, reason: str, *, before: dict | None
) -> dict | None:
    """Save the row and return its audit entry's keyword arguments
    (``None`` when nothing changed); ``before`` is its ``audit.snapshot`` over
    ``STAFF_FIELDS`` taken before the change, ``None`` for a new person. The caller
    records the entries, so an import appends them under one lock."""
    staff.save()
    changes = audit.diff(before or {}, audit.snapshot(staff, STAFF_FIELDS))
    if before is not None and not changes:
        return None
    return dict(
        actor=acting_user,
        action=staff_action(before, changes),
        obj=staff,
        changes=changes,
        reason=reason,
        unit=staff.unit,
    )


def can_manage_staff(user: User, unit: Unit) -> bool:
    """The unit's managers, and those of the province above a district office (the province
    keeps the registry of its districts)."""
    if can_manage(user, unit):
        return True
    return (
        unit.kind == Unit.Kind.DISTRICT
        and unit.parent_id is not None
        and can_manage(user, unit.parent)
    )


def managed_units(user: User):
    """Units whose staff ``user`` may edit."""
    if user.is_superuser:
        return Unit.objects.exclude(kind=Unit.Kind.DEPARTMENT)
    if user.unit_id is None or not can_manage(user, user.unit):
        return Unit.objects.none()
    return staff_scope_units(user.unit, user)


@transaction.atomic
def update_staff_member(staff: StaffMember, *, acting_user: User, **values) -> list[str]:
    """Change a person's position, unit, work group or status; returns the changed fields.
    A change of unit is a move: the history keeps where they were. Only those who keep
    the person's record may (``StaffMemberQuerySet.allows_edit``)."""
    require_editable(acting_user, staff)
    changed = [name for name, value in values.items() if getattr(staff, name) != value]
    if not changed:
        return []
    before = audit.stored(staff, STAFF_FIELDS)
    for name in changed:
        setattr(staff, name, values[name])
    if staff.work_group_id and staff.work_group.unit_id != staff.unit_id:
        raise ValidationError({"work_group": _("The work group must belong to the unit.")})
    entry = save_with_history(staff, acting_user, "", before=before)
    if entry is not None:
        audit.record(**entry)
    return changed


def staff_queryset_for_list(units, *, status: str = "active", query: str = ""):
    """Staff of ``units`` for the registry page, in Thai order."""
    staff = StaffMember.objects.filter(unit__in=units)
    if status == "active":
        staff = staff.filter(is_active=True)
    elif status == "inactive":
        staff = staff.filter(is_active=False)
    query = query.strip()
    if query:
        for word in query.split()[:4]:
            staff = staff.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(position__icontains=word)
                | Q(email__icontains=word)
            )
    return staff.select_related("unit", "work_group").in_thai_order()
