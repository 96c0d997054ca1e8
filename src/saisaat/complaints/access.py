"""The one gate for complaint pages: 404 for what the user may not see, 403 for what the
user may see but not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from saisaat.complaints.models import Complaint, ComplaintAttachment, ComplaintOfficer
from saisaat.complaints.models.complaints import is_director
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import get_visible_or_404


def handles_complaints_of(user: User, unit: Unit) -> bool:
    """Staff of the office, and of the province above a district office."""
    return (
        user.is_authenticated
        and user.is_active
        and user.unit_id is not None
        and user.role != User.Role.COMMITTEE
        and user.unit.kind != Unit.Kind.DEPARTMENT
        and (user.unit_id == unit.pk or user.unit_id == unit.parent_id)
    )


def can_designate_officers(user: User, unit: Unit) -> bool:
    """Only the head of the office proposes who handles its confidential complaints (a
    department administrator then confirms); no administrator or superuser does."""
    return user.is_authenticated and user.unit_id == unit.pk and is_director(user)


def get_officers_unit_for_user(request, code: str) -> Unit:
    """The designations page: the office's complaint handlers read it; its head (the
    department's head too, for its integrity officers) proposes there."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    if can_designate_officers(request.user, unit):
        return unit
    return get_complaint_unit_for_user(request, code)


def get_pending_officer_for_user(request, pk: int) -> ComplaintOfficer:
    """A designation waiting for confirmation: department administrators only."""
    if not (request.user.is_authenticated and request.user.is_department_administrator):
        raise PermissionDenied
    return get_object_or_404(
        ComplaintOfficer.objects.pending().select_related("unit", "user", "designated_by"),
        pk=pk,
    )


def get_complaint_unit_for_user(request, code: str, *, manage: bool = False) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("parent"), code=code)
    if not handles_complaints_of(request.user, unit):
        if unit in request.user.visible_units():
            raise PermissionDenied
        raise Http404
    if manage and not can_manage(request.user, unit):
        raise PermissionDenied
    return unit


def get_complaint_for_user(request, pk: int) -> Complaint:
    return get_visible_or_404(
        request,
        Complaint.objects.select_related(
            "unit", "province", "reported_unit", "channel", "recorded_by"
        ),
        pk=pk,
    )


def get_attachment_for_user(request, pk: int) -> ComplaintAttachment:
    return get_visible_or_404(request, ComplaintAttachment, pk=pk)


def get_statistics_unit_for_user(request, code: str) -> Unit:
    """Counts only: whoever sees the office reads them, as for its participation records."""
    return get_unit_for_user(request, code)
