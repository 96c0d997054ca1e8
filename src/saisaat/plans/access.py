"""Plans' domain rules. Plans and their activities are fetched through the scoping gate
(``saisaat.orgs.scoping``): 404 for what the user may not see at all and 403 for what they
may see but not do, so that the existence of another province's records never leaks."""

from django.core.exceptions import PermissionDenied

from saisaat.orgs.models import User
from saisaat.orgs.scoping import get_visible_or_404, may_edit
from saisaat.plans.models import Activity, Plan


def can_publish(user: User, plan: Plan) -> bool:
    """The approvers and administrators of the office that owns a plan publish it: the
    plan's editing rule."""
    return may_edit(user, plan)


def can_edit_checklist(user: User, plan: Plan) -> bool:
    """The administrators of the office that owns a plan edit its evidence checklists."""
    return user.is_superuser or (user.unit_id == plan.owner_unit_id and user.is_administrator)


def get_plan_for_user(request, pk: int, *, admin: bool = False) -> Plan:
    plan = get_visible_or_404(
        request, Plan.objects.select_related("owner_unit", "programme"), pk=pk
    )
    if admin and not request.user.is_administrator:
        raise PermissionDenied
    return plan


def get_activity_for_user(request, pk: int) -> Activity:
    return get_visible_or_404(
        request,
        Activity.objects.select_related("measure__dimension__plan__owner_unit"),
        pk=pk,
    )
