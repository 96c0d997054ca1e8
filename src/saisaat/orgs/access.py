"""The unit gate: who may see and manage the records a unit owns (participation, budget,
surveys, complaints and the pages of each unit).

Records belong to a unit. Everyone signed in whose visible units include it may read
them (the province reads its districts'; a district reads only its own); the unit's
approvers and administrators manage them. 404 for what one may not see, 403 for what
one may see but not change.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import StaffMember, Unit, User


def can_manage(user: User, unit: Unit) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or (user.unit_id == unit.pk and (user.is_approver or user.is_administrator))
    )


def get_unit_for_user(request, code: str, *, manage: bool = False) -> Unit:
    unit = get_object_or_404(request.user.visible_units().select_related("parent"), code=code)
    if manage and not can_manage(request.user, unit):
        raise PermissionDenied
    return unit


def get_for_user(request, queryset, pk: int, *, manage: bool = False):
    """An object with a ``unit`` from ``queryset``, through the same rules as its unit."""
    obj = get_object_or_404(
        queryset.filter(unit__in=request.user.visible_units()).select_related("unit"), pk=pk
    )
    if manage and not can_manage(request.user, obj.unit):
        raise PermissionDenied
    return obj


def staff_member_of(user: User) -> StaffMember | None:
    """The staff record behind an account, if the registry links one."""
    if not user.is_authenticated:
        return None
    return StaffMember.objects.filter(user=user, is_active=True).select_related("unit").first()
