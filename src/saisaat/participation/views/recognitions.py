"""The office's register of awards, praise and letters of thanks from outside bodies:
list, record, edit, remove, and file an entry as evidence of its plan activity."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.scoping import get_editable_or_403
from saisaat.participation.forms.workplace import RecognitionForm
from saisaat.participation.models import Recognition
from saisaat.participation.services import recognitions as services
from saisaat.participation.services.workplace import plan_activities
from saisaat.participation.views.partners import selected_year
from saisaat.participation.views.workplace import _attach, _save
from saisaat.thai.calendar import fiscal_year as fiscal_year_of


def _list_url(unit, year: int) -> str:
    return reverse("participation:recognition-list", args=[unit.code]) + f"?year={year}"


def _render_list(request, unit, *, status=200, form=None):
    years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        "recognitions": list(services.recognitions_for(unit, year)),
        "can_manage": manage,
    }
    if manage:
        context["form"] = form or RecognitionForm(activities=plan_activities(unit, year, None))
    return render(request, "participation/awards/list.html", context, status=status)


@require_GET
@login_required
def recognition_list(request, code: str):
    return _render_list(request, get_unit_for_user(request, code))


@require_POST
@login_required
def recognition_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = selected_year(request, unit)[1]
    form = RecognitionForm(request.POST, activities=plan_activities(unit, year, None))
    if not form.is_valid() or not _save(
        form, services.create_recognition, unit=unit, acting_user=request.user
    ):
        return _render_list(request, unit, status=400, form=form)
    messages.success(request, _("The entry was recorded."))
    return redirect(_list_url(unit, fiscal_year_of(form.cleaned_data["received_on"])))


def _get(request, pk: int) -> Recognition:
    return get_editable_or_403(request, Recognition.objects.select_related("unit"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def recognition_edit(request, pk: int):
    recognition = _get(request, pk)
    choices = plan_activities(recognition.unit, recognition.fiscal_year, None)
    back = _list_url(recognition.unit, recognition.fiscal_year)
    if request.method == "POST":
        form = RecognitionForm(request.POST, activities=choices)
        if form.is_valid() and _save(
            form, services.update_recognition, recognition=recognition, acting_user=request.user
        ):
            messages.success(request, _("The entry was saved."))
            return redirect(back)
    else:
        initial = {name: getattr(recognition, name) for name in services.EDITABLE}
        initial["plan_activity"] = recognition.plan_activity_id
        form = RecognitionForm(activities=choices, initial=initial)
    return render(
        request,
        "participation/workplace/edit.html",
        {
            "unit": recognition.unit,
            "record": recognition,
            "form": form,
            "heading": _("Edit award or letter of thanks"),
            "back": back,
            "delete_url": reverse("participation:recognition-delete", args=[recognition.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def recognition_delete(request, pk: int):
    recognition = _get(request, pk)
    back = _list_url(recognition.unit, recognition.fiscal_year)
    services.delete_recognition(recognition, acting_user=request.user)
    messages.success(request, _("The entry was removed."))
    return redirect(back)


@require_POST
@login_required
def recognition_attach(request, pk: int):
    recognition = _get(request, pk)
    back = _list_url(recognition.unit, recognition.fiscal_year)
    return _attach(request, services.attach_recognition, recognition, back)
