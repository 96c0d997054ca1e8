import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from saisaat.privacy import services
from saisaat.privacy.access import (
    get_breach_for_user,
    get_breach_unit_for_user,
    get_erasure_for_user,
    get_person_unit_for_user,
)
from saisaat.privacy.forms import BreachForm, PersonForm
from saisaat.privacy.models import Breach, ErasureRequest, records_breaches_of

LIST_LIMIT = 200


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_http_methods(["GET", "POST"])
@login_required
def breaches(request, code: str):
    """The office's breach register, with the form to record a new breach."""
    unit = get_breach_unit_for_user(request, code)
    can_record = records_breaches_of(request.user, unit.pk)
    form = BreachForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                breach = services.record_breach(
                    unit, form.data_for_service(), acting_user=request.user
                )
            except ValidationError as error:
                form.add_error(None, _errors(error))
            else:
                messages.success(request, _("The breach was recorded."))
                return redirect("privacy:breach", breach.pk)
        status = 400
    rows = Breach.objects.visible_to(request.user).filter(unit=unit)
    return render(
        request,
        "privacy/breaches.html",
        {
            "unit": unit,
            "breaches": rows[:LIST_LIMIT],
            "form": form if can_record else None,
            "now": timezone.now(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def breach(request, pk: int):
    item = get_breach_for_user(request, pk)
    can_edit = records_breaches_of(request.user, item.unit_id)
    form = BreachForm(request.POST or None, initial=BreachForm.initial_of(item))
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_breach(item, form.data_for_service(), acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, _errors(error))
            else:
                messages.success(request, _("The breach was updated."))
                return redirect("privacy:breach", item.pk)
        status = 400
    return render(
        request,
        "privacy/breach.html",
        {"breach": item, "unit": item.unit, "form": form if can_edit else None},
        status=status,
    )


def _person_page(request, unit, form, *, found=None, status=200):
    requests = ErasureRequest.objects.visible_to(request.user).filter(unit=unit)
    pending = requests.filter(status=ErasureRequest.Status.PENDING).select_related("proposed_by")
    decided = requests.exclude(status=ErasureRequest.Status.PENDING).select_related(
        "proposed_by", "decided_by"
    )[:20]
    return render(
        request,
        "privacy/person.html",
        {
            "unit": unit,
            "form": form,
            "found": found,
            # Whoever may decide sees what a confirmation would anonymise.
            "pending": [
                (r, services.erasable_complaints(r, request.user))
                if services.can_decide_erasure(request.user, r)
                else (r, None)
                for r in pending
            ],
            "decided": decided,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def person(request, code: str):
    """A person's request (PDPA): find what the office keeps by the contact they gave,
    then export it or propose its erasure. The contact travels only in POST bodies."""
    unit = get_person_unit_for_user(request, code)
    if request.method == "GET":
        return _person_page(request, unit, PersonForm())
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _person_page(request, unit, form, status=400)
    found = services.find_person(
        unit, form.cleaned_data["kind"], form.cleaned_data["contact"], acting_user=request.user
    )
    return _person_page(request, unit, form, found=found)


@never_cache
@require_POST
@login_required
def person_export(request, code: str):
    unit = get_person_unit_for_user(request, code)
    form = PersonForm(request.POST)
    if not form.is_valid():
        return _person_page(request, unit, form, status=400)
    data = services.export_person(
        unit, form.cleaned_data["kind"], form.cleaned_data["contact"], acting_user=request.user
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
    return response


@require_POST
@login_required
def erasure_propose(request, code: str):
    unit = get_person_unit_for_user(request, code)
    form = PersonForm(request.POST)
    if form.is_valid() and not form.cleaned_data["reason"]:
        form.add_error("reason", _("Say which request asks for the erasure."))
    if not form.is_valid():
        return _person_page(request, unit, form, status=400)
    try:
        services.propose_erasure(
            unit,
            form.cleaned_data["kind"],
            form.cleaned_data["contact"],
            form.cleaned_data["reason"],
            acting_user=request.user,
        )
    except ValidationError as error:
        form.add_error(None, _errors(error))
        return _person_page(request, unit, form, status=400)
    messages.success(
        request, _("The erasure was proposed; another officer must confirm it before it is done.")
    )
    return redirect("privacy:person", unit.code)


def _decide(request, pk: int, service, said: str):
    item = get_erasure_for_user(request, pk)
    try:
        service(item, acting_user=request.user)
        messages.success(request, said)
    except ValidationError as error:
        messages.error(request, _errors(error))
    return redirect("privacy:person", item.unit.code)


@require_POST
@login_required
def erasure_confirm(request, pk: int):
    return _decide(request, pk, services.confirm_erasure, _("The erasure was done."))


@require_POST
@login_required
def erasure_refuse(request, pk: int):
    return _decide(request, pk, services.refuse_erasure, _("The erasure was refused."))
