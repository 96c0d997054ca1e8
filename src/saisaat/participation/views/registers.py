"""The office's registers of records that plan activities ask for as evidence
(workplace-environment activities, publication channels, awards and letters of thanks):
one set of views serves them all: list with the year picker, record, edit, remove, and
file a record as evidence of the plan activity it is linked to."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.scoping import get_editable_or_403
from saisaat.participation.services.workplace import plan_activities
from saisaat.participation.views.partners import selected_year
from saisaat.thai.calendar import fiscal_year as fiscal_year_of


@dataclass(frozen=True)
class Register:
    model: type[models.Model]
    form: type[forms.Form]
    url_prefix: str  # its URL names: <prefix>-list, -add, -edit, -delete
    template: str
    records_name: str  # the list's name in the template
    records: Callable  # (unit, fiscal year) -> the records shown
    per_year: bool  # whether the list shows one fiscal year (else every record)
    date_field: str  # the record's date, whose fiscal year it belongs to
    dimension: int | None  # the plan dimension whose activities it may be linked to
    fields: Sequence[str]  # what the edit form starts with
    create: Callable
    update: Callable
    record_argument: str  # the name ``update`` takes the record by
    delete: Callable
    attach: Callable
    edit_heading: str
    recorded: str
    saved: str
    removed: str

    def year_of(self, record) -> int:
        return fiscal_year_of(getattr(record, self.date_field))

    def list_url(self, unit, year: int) -> str:
        url = reverse(f"participation:{self.url_prefix}-list", args=[unit.code])
        return f"{url}?year={year}" if self.per_year else url

    def choices(self, unit, year: int):
        return plan_activities(unit, year, self.dimension)


def save_with(form, call, **kwargs):
    """Run the service; a ValidationError it raises becomes the form's errors."""
    try:
        return call(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return None


def render_register(request, register: Register, unit, *, status=200, form=None):
    years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        register.records_name: list(register.records(unit, year)),
        "can_manage": manage,
    }
    if manage:
        context["form"] = form or register.form(activities=register.choices(unit, year))
    return render(request, register.template, context, status=status)


def _get(request, register: Register, pk: int):
    return get_editable_or_403(request, register.model.objects.select_related("unit"), pk=pk)


def list_view(register: Register):
    @require_GET
    @login_required
    def view(request, code: str):
        return render_register(request, register, get_unit_for_user(request, code))

    return view


def add_view(register: Register):
    @require_POST
    @login_required
    def view(request, code: str):
        unit = get_unit_for_user(request, code, manage=True)
        year = selected_year(request, unit)[1]
        form = register.form(request.POST, activities=register.choices(unit, year))
        if not form.is_valid() or not save_with(
            form, register.create, unit=unit, acting_user=request.user
        ):
            return render_register(request, register, unit, status=400, form=form)
        messages.success(request, register.recorded)
        return redirect(
            register.list_url(unit, fiscal_year_of(form.cleaned_data[register.date_field]))
        )

    return view


def edit_view(register: Register):
    @require_http_methods(["GET", "POST"])
    @login_required
    def view(request, pk: int):
        record = _get(request, register, pk)
        year = register.year_of(record)
        choices = register.choices(record.unit, year)
        back = register.list_url(record.unit, year)
        if request.method == "POST":
            form = register.form(request.POST, activities=choices)
            if form.is_valid() and save_with(
                form,
                register.update,
                **{register.record_argument: record},
                acting_user=request.user,
            ):
                messages.success(request, register.saved)
                return redirect(back)
        else:
            initial = {name: getattr(record, name) for name in register.fields}
            initial["plan_activity"] = record.plan_activity_id
            form = register.form(activities=choices, initial=initial)
        return render(
            request,
            "participation/workplace/edit.html",
            {
                "unit": record.unit,
                "record": record,
                "form": form,
                "heading": register.edit_heading,
                "back": back,
                "delete_url": reverse(
                    f"participation:{register.url_prefix}-delete", args=[record.pk]
                ),
            },
            status=400 if form.is_bound else 200,
        )

    return view


def delete_view(register: Register):
    @require_POST
    @login_required
    def view(request, pk: int):
        record = _get(request, register, pk)
        back = register.list_url(record.unit, register.year_of(record))
        register.delete(record, acting_user=request.user)
        messages.success(request, register.removed)
        return redirect(back)

    return view


def attach_view(register: Register):
    @require_POST
    @login_required
    def view(request, pk: int):
        record = _get(request, register, pk)
        try:
            item = register.attach(record, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(register.list_url(record.unit, register.year_of(record)))
        messages.success(request, _("The record was filed as evidence."))
        return redirect(item.assignment)

    return view
