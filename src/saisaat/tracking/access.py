"""The one gate for tracking views: 404 for what the user may not see, 403 for what the
user may see but not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import Unit, User
from saisaat.tracking.models import Assignment, EvidenceItem


def can_edit(user: User, assignment: Assignment) -> bool:
    """Officers of the unit that owes the work add its evidence and submit it."""
    return (
        user.is_authenticated
        and user.unit_id == assignment.unit_id
        and user.role != User.Role.COMMITTEE
        and user.is_active
    )


def can_review(user: User, assignment: Assignment) -> bool:
    """The provincial development officer reviews everything in the province; a group
    director (an approver with a work group) reviews the work of that group, including
    work it shares with other groups; the
    province's deputy approver reviews the work its head made (which the head may not
    approve). Nobody approves what they submitted: ``tracking.services.review``."""
    if not (user.is_authenticated and user.is_active and user.unit_id == assignment.province_id):
        return False
    if user.is_approver and (
        user.work_group_id is None or user.work_group_id in assignment.responsible_group_ids()
    ):
        return True
    return (
        assignment.province.deputy_approver_id == user.pk
        and Assignment.objects.filter(pk=assignment.pk).made_by_office_head().exists()
    )


def get_assignment_for_user(request, pk: int, *, edit: bool = False, review: bool = False):
    assignment = get_object_or_404(
        Assignment.objects.visible_to(request.user).select_related(
            "activity__measure__dimension", "unit", "province", "work_group", "officer", "plan"
        ),
        pk=pk,
    )
    if edit and not can_edit(request.user, assignment):
        raise PermissionDenied
    if review and not can_review(request.user, assignment):
        raise PermissionDenied
    return assignment


def get_evidence_for_user(request, pk: int, *, edit: bool = False) -> EvidenceItem:
    item = get_object_or_404(
        EvidenceItem.objects.filter(
            assignment__in=Assignment.objects.visible_to(request.user)
        ).select_related("assignment"),
        pk=pk,
    )
    if edit and not can_edit(request.user, item.assignment):
        raise PermissionDenied
    return item


def get_province_for_user(request, code: str) -> Unit:
    """A provincial office whose dashboard the user may read: its own staff (not district
    officers, who see only their unit) and the department."""
    province = get_object_or_404(Unit.objects.provinces(), code=code)
    user = request.user
    if user.is_superuser or (user.unit_id and user.unit.kind == Unit.Kind.DEPARTMENT):
        return province
    if user.unit_id == province.pk:
        return province
    if user.unit_id and user.unit.parent_id == province.pk:
        raise PermissionDenied
    raise Http404
