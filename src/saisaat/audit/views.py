from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from saisaat.audit.access import can_read_confidential_of
from saisaat.audit.history import rows
from saisaat.audit.models import Entry
from saisaat.thai.numbers import is_number

PER_PAGE = 50


@require_GET
@login_required
def log(request):
    """The audit log, newest first, for one object (``?type=app.model&id=pk``) or one
    person (``?actor=<user id>``) or all that the reader may see."""
    user = request.user
    headed = can_read_confidential_of(user)
    if not (getattr(user, "is_administrator", False) or headed):
        raise PermissionDenied
    entries = Entry.objects.readable_by(user, headed_units=headed)
    filters = {}
    object_type = request.GET.get("type", "").strip()[:100]
    object_id = request.GET.get("id", "").strip()[:64]
    actor = request.GET.get("actor", "").strip()
    if object_type:
        entries = entries.filter(object_type=object_type)
        filters["type"] = object_type
    if object_id:
        entries = entries.filter(object_id=object_id)
        filters["id"] = object_id
    if actor:
        if not is_number(actor):
            return render(request, "audit/log.html", {"error": True}, status=400)
        entries = entries.filter(actor_id=int(actor))
        filters["actor"] = actor
    page = Paginator(entries.order_by("-sequence"), PER_PAGE).get_page(request.GET.get("page"))
    query = urlencode(filters)
    return render(
        request,
        "audit/log.html",
        {"page": page, "rows": rows(page), "filters": filters, "query": query},
    )
