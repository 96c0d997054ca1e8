"""The registry of one unit: who may manage whose staff, the list page, and editing one
person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from saisaat.orgs.access import can_manage
from saisaat.orgs.models import StaffMember, Unit, User


def staff_scope_units(unit: Unit, acting_user: User | None = None):
    """Units whose staff an import into ``unit`` may touch: the unit and those below it,
    and only those the acting user may see."""
    units = Unit.objects.within(unit)
    if acting_user is not None:
        units = units.filter(pk__in=acting_user.visible_units().values("pk"))
    return units


def save_with_history(staff: StaffMember, acting_user: User | None, reason: str) -> None:
    if acting_user is not None:
        staff._history_user = acting_user
    if reason:
        staff._change_reason = reason
    staff.save()


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
    A change of unit is a move: the history keeps where they were."""
    changed = [name for name, value in values.items() if getattr(staff, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(staff, name, values[name])
    if staff.work_group_id and staff.work_group.unit_id != staff.unit_id:
        raise ValidationError({"work_group": _("The work group must belong to the unit.")})
    save_with_history(staff, acting_user, "")
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
