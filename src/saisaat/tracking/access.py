"""Tracking's domain rules: who reviews an assignment and who reads a province's
dashboard. Assignments and their evidence are fetched through the scoping gate
(``saisaat.orgs.scoping``); who works on an assignment is ``AssignmentQuerySet``'s rule."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import may_edit
from saisaat.tracking.models import Assignment


def can_edit(user: User, assignment: Assignment) -> bool:
    """Officers of the unit that owes the work add its evidence and submit it: the one
    rule (``AssignmentQuerySet.allows_edit``) the views and ``services.add_evidence`` use."""
    return may_edit(user, assignment)


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


def can_assign(user: User, assignment: Assignment) -> bool:
    """Who names the officer responsible: those who work on it and those who review it."""
    return can_edit(user, assignment) or can_review(user, assignment)


ASSIGNMENT_RELATED = ("activity__measure__dimension", "unit", "province", "work_group", "officer")


def assignments():
    """Assignments with what their pages show, for the gate."""
    return Assignment.objects.select_related(*ASSIGNMENT_RELATED, "plan")


def require_reviewer(user: User, assignment: Assignment) -> None:
    if not can_review(user, assignment):
        raise PermissionDenied


def get_province_for_user(request, code: str) -> Unit:
    """A provincial office whose dashboard the user may read: its own staff (not district
    officers, who see only their unit) and the department."""
    province = get_object_or_404(Unit.objects.provinces(), code=code)
    user = request.user
    if user.is_department_user:
        return province
    if user.unit_id == province.pk:
        return province
    if user.unit_id and user.unit.parent_id == province.pk:
        raise PermissionDenied
    raise Http404
