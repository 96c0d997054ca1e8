"""The one gate through which views fetch plan data.

Returns 404 for what the user may not see at all and 403 for what they may see
but not do, so that the existence of another province's records never leaks.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import User
from saisaat.plans.models import Activity, Plan


def can_publish(user: User, plan: Plan) -> bool:
    """The approvers and administrators of the office that owns a plan publish it."""
    return user.is_superuser or (
        user.unit_id == plan.owner_unit_id and (user.is_approver or user.is_administrator)
    )


def can_edit_checklist(user: User, plan: Plan) -> bool:
    """The administrators of the office that owns a plan edit its evidence checklists."""
    return user.is_superuser or (user.unit_id == plan.owner_unit_id and user.is_administrator)


def get_plan_for_user(request, pk: int, *, admin: bool = False) -> Plan:
    plan = get_object_or_404(
        Plan.objects.visible_to(request.user).select_related("owner_unit", "programme"), pk=pk
    )
    if admin and not request.user.is_administrator:
        raise PermissionDenied
    return plan


def get_activity_for_user(request, pk: int) -> Activity:
    visible_plans = Plan.objects.visible_to(request.user)
    return get_object_or_404(
        Activity.objects.filter(measure__dimension__plan__in=visible_plans).select_related(
            "measure__dimension__plan__owner_unit"
        ),
        pk=pk,
    )
