"""The unit gate: who may see and manage a unit's pages. Records a unit owns are fetched
through ``saisaat.orgs.scoping`` (``get_visible_or_404``, ``get_editable_or_403``).

Everyone signed in whose visible units include a unit may read its pages (the province
reads its districts'; a district reads only its own); the unit's approvers and
administrators manage them. 404 for what one may not see, 403 for what one may see but not
change.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import can_manage_unit


def can_manage(user: User, unit: Unit) -> bool:
    """The unit's approvers and administrators (and a superuser): the default rule for
    changing what a unit owns (``ScopedQuerySet.editable_by``)."""
    return can_manage_unit(user, unit.pk)


def get_unit_for_user(request, code: str, *, manage: bool = False) -> Unit:
    unit = get_object_or_404(request.user.visible_units().select_related("parent"), code=code)
    if manage and not can_manage(request.user, unit):
        raise PermissionDenied
    return unit


def staff_member_of(user: User) -> StaffMember | None:
    """The staff record behind an account, if the registry links one."""
    if not user.is_authenticated:
        return None
    return StaffMember.objects.filter(user=user, is_active=True).select_related("unit").first()
