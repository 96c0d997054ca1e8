"""The confirm-or-refuse step of a change one person asks for and a department
administrator decides (``orgs.models.ConfirmedByAnother``): role changes, sign-in resets."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect


def decide_pending(request, model, pk: int, *, confirm: bool, services, said, back: str):
    """Confirm (``services[0]``) or refuse (``services[1]``) the pending ``model`` row
    ``pk`` as the signed-in department administrator; ``said`` holds the two success
    messages in the same order. The services check who may decide and audit the step."""
    if not request.user.is_department_administrator:
        raise PermissionDenied
    pending = get_object_or_404(model.objects.filter(status=model.Status.PENDING), pk=pk)
    service, message = (services[0], said[0]) if confirm else (services[1], said[1])
    try:
        service(pending, acting_user=request.user)
        messages.success(request, message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)
