"""Workplace-environment activities and publication channels of a unit: list, record,
edit, remove, and file one as evidence of the plan activity it is linked to."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.participation.forms.workplace import EnvironmentActivityForm, PublicationChannelForm
from saisaat.participation.models import EnvironmentActivity, PublicationChannel
from saisaat.participation.services import workplace as services
from saisaat.participation.views.partners import selected_year
from saisaat.thai.calendar import fiscal_year as fiscal_year_of

ACTIVITY_FIELDS = ["topic", "title", "held_on", "participants", "summary", "plan_activity"]
CHANNEL_FIELDS = ["medium", "name", "url", "opened_on", "closed_on", "plan_activity"]


def _save(form, call, **kwargs):
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


def _attach(request, call, record, back):
    try:
        item = call(record, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, _("The record was filed as evidence."))
    return redirect(item.assignment)


# ---------------------------------------------------------------------------- activities


def _render_activities(request, unit, *, status=200, form=None):
    years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        "activities": list(services.environment_activities_for(unit, year)),
        "can_manage": manage,
    }
    if manage:
        context["form"] = form or EnvironmentActivityForm(
            activities=services.plan_activities(unit, year, 2)
        )
    return render(request, "participation/workplace/activities.html", context, status=status)


@require_GET
@login_required
def environment_list(request, code: str):
    return _render_activities(request, get_unit_for_user(request, code))


@require_POST
@login_required
def environment_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = selected_year(request, unit)[1]
    form = EnvironmentActivityForm(request.POST, activities=services.plan_activities(unit, year, 2))
    if not form.is_valid() or not _save(
        form, services.create_environment_activity, unit=unit, acting_user=request.user
    ):
        return _render_activities(request, unit, status=400, form=form)
    messages.success(request, _("The activity was recorded."))
    year = fiscal_year_of(form.cleaned_data["held_on"])
    return redirect(reverse("participation:environment-list", args=[unit.code]) + f"?year={year}")


def _get_activity(request, pk: int, *, manage=False) -> EnvironmentActivity:
    fetch = get_editable_or_403 if manage else get_visible_or_404
    return fetch(request, EnvironmentActivity.objects.select_related("unit"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def environment_edit(request, pk: int):
    activity = _get_activity(request, pk, manage=True)
    choices = services.plan_activities(activity.unit, activity.fiscal_year, 2)
    back = reverse("participation:environment-list", args=[activity.unit.code])
    back += f"?year={activity.fiscal_year}"
    if request.method == "POST":
        form = EnvironmentActivityForm(request.POST, activities=choices)
        if form.is_valid() and _save(
            form,
            services.update_environment_activity,
            activity=activity,
            acting_user=request.user,
        ):
            messages.success(request, _("The activity was saved."))
            return redirect(back)
    else:
        initial = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
        initial["plan_activity"] = activity.plan_activity_id
        form = EnvironmentActivityForm(activities=choices, initial=initial)
    return render(
        request,
        "participation/workplace/edit.html",
        {
            "unit": activity.unit,
            "record": activity,
            "form": form,
            "heading": _("Edit workplace-environment activity"),
            "back": back,
            "delete_url": reverse("participation:environment-delete", args=[activity.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def environment_delete(request, pk: int):
    activity = _get_activity(request, pk, manage=True)
    unit, year = activity.unit, activity.fiscal_year
    services.delete_environment_activity(activity, acting_user=request.user)
    messages.success(request, _("The activity was removed."))
    return redirect(reverse("participation:environment-list", args=[unit.code]) + f"?year={year}")


@require_POST
@login_required
def environment_attach(request, pk: int):
    activity = _get_activity(request, pk, manage=True)
    back = reverse("participation:environment-list", args=[activity.unit.code])
    return _attach(request, services.attach_environment_activity, activity, back)


# ---------------------------------------------------------------------------- channels


def _render_channels(request, unit, *, status=200, form=None):
    years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        "channels": list(services.channels_for(unit)),
        "can_manage": manage,
    }
    if manage:
        context["form"] = form or PublicationChannelForm(
            activities=services.plan_activities(unit, year, 3)
        )
    return render(request, "participation/workplace/channels.html", context, status=status)


@require_GET
@login_required
def channel_list(request, code: str):
    return _render_channels(request, get_unit_for_user(request, code))


@require_POST
@login_required
def channel_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = selected_year(request, unit)[1]
    form = PublicationChannelForm(request.POST, activities=services.plan_activities(unit, year, 3))
    if not form.is_valid() or not _save(
        form, services.create_channel, unit=unit, acting_user=request.user
    ):
        return _render_channels(request, unit, status=400, form=form)
    messages.success(request, _("The channel was recorded."))
    return redirect("participation:channel-list", unit.code)


def _get_channel(request, pk: int, *, manage=False) -> PublicationChannel:
    fetch = get_editable_or_403 if manage else get_visible_or_404
    return fetch(request, PublicationChannel.objects.select_related("unit"), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def channel_edit(request, pk: int):
    channel = _get_channel(request, pk, manage=True)
    choices = services.plan_activities(channel.unit, fiscal_year_of(channel.opened_on), 3)
    back = reverse("participation:channel-list", args=[channel.unit.code])
    if request.method == "POST":
        form = PublicationChannelForm(request.POST, activities=choices)
        if form.is_valid() and _save(
            form, services.update_channel, channel=channel, acting_user=request.user
        ):
            messages.success(request, _("The channel was saved."))
            return redirect(back)
    else:
        initial = {name: getattr(channel, name) for name in CHANNEL_FIELDS}
        initial["plan_activity"] = channel.plan_activity_id
        form = PublicationChannelForm(activities=choices, initial=initial)
    return render(
        request,
        "participation/workplace/edit.html",
        {
            "unit": channel.unit,
            "record": channel,
            "form": form,
            "heading": _("Edit publication channel"),
            "back": back,
            "delete_url": reverse("participation:channel-delete", args=[channel.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def channel_delete(request, pk: int):
    channel = _get_channel(request, pk, manage=True)
    code = channel.unit.code
    services.delete_channel(channel, acting_user=request.user)
    messages.success(request, _("The channel was removed."))
    return redirect("participation:channel-list", code)


@require_POST
@login_required
def channel_attach(request, pk: int):
    channel = _get_channel(request, pk, manage=True)
    back = reverse("participation:channel-list", args=[channel.unit.code])
    return _attach(request, services.attach_channel, channel, back)
