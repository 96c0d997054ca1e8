"""The one gate for the privacy pages: 404 for an office the user may not see, 403 for one
they see but whose register or people's data they may not open."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.privacy.models import Breach, ErasureRequest, reads_breaches_of
from saisaat.privacy.services import handles_identities_at


def _unit(request, code: str) -> Unit:
    return get_object_or_404(request.user.visible_units().select_related("parent"), code=code)


def get_breach_unit_for_user(request, code: str) -> Unit:
    unit = _unit(request, code)
    if not reads_breaches_of(request.user, unit.pk):
        raise PermissionDenied
    return unit


def get_breach_for_user(request, pk: int) -> Breach:
    return get_visible_or_404(request, Breach.objects.select_related("unit", "recorded_by"), pk=pk)


def get_person_unit_for_user(request, code: str) -> Unit:
    unit = _unit(request, code)
    if not handles_identities_at(request.user, unit):
        raise PermissionDenied
    return unit


def get_erasure_for_user(request, pk: int) -> ErasureRequest:
    """Any request of an office the user sees; deciding it is the service's check."""
    return get_visible_or_404(request, ErasureRequest.objects.select_related("unit"), pk=pk)
