"""Office activities, their attendance lists, QR codes and the check-in page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import (
    can_manage,
    get_unit_for_user,
    staff_member_of,
)
from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.participation.forms.activities import AttendanceForm, OfficeActivityForm
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.participation.services import activities as services
from saisaat.participation.views.partners import selected_year
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.forms import ThaiDateField

DETAIL = "participation/activities/activity_detail.html"


def _activities():
    return OfficeActivity.objects.select_related("unit", "plan_activity__measure__dimension")


def _form_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["virtues"] = list(data.get("virtues") or [])
    return data


@require_GET
@login_required
def activity_list(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year = selected_year(request, unit)
    activities = list(services.activities_for(unit, year))
    for activity in activities:
        activity.virtue_labels = services.virtue_labels(activity.virtues)
    return render(
        request,
        "participation/activities/activity_list.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "activities": activities,
            "coverage": services.virtue_coverage(activities),
            "attendance": services.attendance_share(unit, year),
            "can_manage": can_manage(request.user, unit),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = selected_year(request, unit)[1]
    if request.method == "POST":
        year = _posted_year(request.POST, year)
        form = OfficeActivityForm(
            request.POST, plan_activities=services.plan_activities(unit, year)
        )
        if form.is_valid():
            activity = services.create_activity(unit, acting_user=request.user, **_form_data(form))
            messages.success(request, _("The activity was added."))
            return redirect("participation:office-activity-detail", activity.pk)
        status = 400
    else:
        form = OfficeActivityForm(plan_activities=services.plan_activities(unit, year))
        status = 200
    return render(
        request,
        "participation/activities/activity_form.html",
        {"unit": unit, "year": year, "form": form, "activity": None},
        status=status,
    )


def _posted_year(data, default: int) -> int:
    """The fiscal year of the date typed in, so that the plan activities offered match it;
    a bad date is reported by the form itself."""
    try:
        held_on = ThaiDateField().clean(data.get("held_on"))
    except ValidationError:
        return default
    return fiscal_year_of(held_on)


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    unit = activity.unit
    year = activity.fiscal_year
    if request.method == "POST":
        year = _posted_year(request.POST, year)
        form = OfficeActivityForm(
            request.POST, plan_activities=services.plan_activities(unit, year)
        )
        if form.is_valid():
            services.update_activity(activity, acting_user=request.user, **_form_data(form))
            messages.success(request, _("The activity was updated."))
            return redirect("participation:office-activity-detail", activity.pk)
        status = 400
    else:
        form = OfficeActivityForm(
            initial={
                "title": activity.title,
                "held_on": activity.held_on,
                "place": activity.place,
                "virtues": activity.virtues,
                "is_moral_organisation": activity.is_moral_organisation,
                "is_osmkh_workshop": activity.is_osmkh_workshop,
                "plan_activity": activity.plan_activity_id,
            },
            plan_activities=services.plan_activities(unit, year),
        )
        status = 200
    return render(
        request,
        "participation/activities/activity_form.html",
        {"unit": unit, "year": year, "form": form, "activity": activity},
        status=status,
    )


def _candidates(request, activity):
    return (
        StaffMember.objects.visible_to(request.user)
        .active()
        .filter(unit_id=activity.unit_id)
        .exclude(attendance__activity=activity)
        .in_thai_order()
    )


def _detail_context(request, activity, **extra) -> dict:
    manager = may_edit(request.user, activity)
    context = {
        "activity": activity,
        "unit": activity.unit,
        "attendance": list(
            activity.attendance.select_related("staff__unit").order_by(
                "staff__unit__code", "recorded_at", "pk"
            )
        ),
        "stats": services.activity_attendance(activity),
        "virtue_labels": services.virtue_labels(activity.virtues),
        "can_manage": manager,
    }
    if manager:
        context["checkin_url"] = services.checkin_url(request, activity)
        if "attendance_form" not in extra:
            context["attendance_form"] = AttendanceForm(candidates=_candidates(request, activity))
    context.update(extra)
    return context


@require_GET
@login_required
def activity_detail(request, pk: int):
    activity = get_visible_or_404(request, _activities(), pk=pk)
    return render(request, DETAIL, _detail_context(request, activity))


@require_POST
@login_required
def attendance_add(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    form = AttendanceForm(request.POST, candidates=_candidates(request, activity))
    if not form.is_valid():
        context = _detail_context(request, activity, attendance_form=form)
        return render(request, DETAIL, context, status=400)
    added = services.record_attendance(
        activity,
        form.cleaned_data["staff"],
        method=Attendance.Method.LIST,
        acting_user=request.user,
    )
    messages.success(request, _("%(count)s people were added to the list.") % {"count": added})
    return redirect("participation:office-activity-detail", activity.pk)


@require_POST
@login_required
def attendance_remove(request, pk: int, staff_pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    attendance = get_object_or_404(activity.attendance.select_related("staff"), staff_id=staff_pk)
    services.remove_attendance(activity, attendance.staff, acting_user=request.user)
    messages.success(request, _("%(name)s was taken off the list.") % {"name": attendance.staff})
    return redirect("participation:office-activity-detail", activity.pk)


@require_POST
@login_required
def checkin_toggle(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    is_open = request.POST.get("open") == "1"
    services.set_checkin_open(activity, is_open, acting_user=request.user)
    if is_open:
        messages.success(request, _("Check-in is open: people can scan the QR code."))
    else:
        messages.success(request, _("Check-in is closed."))
    return redirect("participation:office-activity-detail", activity.pk)


@require_POST
@login_required
def checkin_regenerate(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    services.regenerate_checkin_token(activity, acting_user=request.user)
    messages.success(
        request, _("A new QR code was made; printed copies of the old one no longer work.")
    )
    return redirect("participation:office-activity-detail", activity.pk)


@require_GET
@login_required
def qr_print(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    return render(
        request,
        "participation/activities/qr_print.html",
        {
            "activity": activity,
            "unit": activity.unit,
            "checkin_url": services.checkin_url(request, activity),
        },
    )


def _qr_response(request, pk: int, kind: str) -> HttpResponse:
    activity = get_editable_or_403(request, _activities(), pk=pk)
    image = services.qr_image(services.checkin_url(request, activity), kind)
    content_type = "image/svg+xml" if kind == "svg" else "image/png"
    response = HttpResponse(image, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    if request.GET.get("download"):
        filename = f"check-in-{activity.pk}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def qr_svg(request, pk: int):
    return _qr_response(request, pk, "svg")


@require_GET
@login_required
def qr_png(request, pk: int):
    return _qr_response(request, pk, "png")


@require_http_methods(["GET", "POST"])
@login_required
def check_in(request, token: str):
    """The page a phone opens from the QR code. The code itself is the key: whoever
    holds it and is staff of the activity's units may check in while it is open."""
    activity = OfficeActivity.objects.select_related("unit").filter(checkin_token=token).first()
    if activity is None:
        return render(
            request, "participation/activities/check_in.html", {"unknown": True}, status=404
        )
    me = staff_member_of(request.user)
    context = {"activity": activity, "me": me}
    if not services.can_check_in(activity, me):
        context["refusal"] = "not_staff"
        return render(request, "participation/activities/check_in.html", context, status=403)
    mine = Attendance.objects.filter(activity=activity, staff=me).first()
    if request.method == "POST":
        if mine is not None:
            messages.info(request, _("You were already checked in."))
            return redirect(reverse("participation:activity-check-in", args=[token]))
        try:
            services.check_in(activity, me)
        except services.CheckInRefused:
            pass  # closed: the page below says so
        else:
            messages.success(request, _("You are checked in. Thank you for coming!"))
            return redirect(reverse("participation:activity-check-in", args=[token]))
    context["attendance"] = mine
    if mine is None and not activity.checkin_open:
        context["refusal"] = "closed"
        return render(request, "participation/activities/check_in.html", context, status=409)
    return render(request, "participation/activities/check_in.html", context)
