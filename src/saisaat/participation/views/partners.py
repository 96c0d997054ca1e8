"""Network partners of a unit, its MOUs and joint activities, and the partner types."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import stored_file_response
from saisaat.core.files import ALLOWED_TYPES
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.participation.forms.partners import (
    JointActivityForm,
    MouForm,
    NewPartnerTypeForm,
    PartnerForm,
    PartnerTypeForm,
)
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.participation.services import partners as services
from saisaat.plans.years import picked_year, plan_years
from saisaat.thai.calendar import fiscal_year


def selected_year(request, unit: Unit) -> tuple[list[int], int]:
    """The fiscal years to offer (the plan years, the current one and the one shown) and the
    one shown: asked for or chosen earlier in the session, with a plan or not, else the
    default of the plan years."""
    years, year = picked_year(request, plan_years(unit), show_unknown="chosen")
    return sorted({*years, fiscal_year(timezone.localdate())}, reverse=True), year


def _max_upload_mb() -> int:
    return settings.SAISAAT_MAX_UPLOAD_BYTES // (1024 * 1024)


def _upload_too_large(request) -> bool:
    # Refuse before Django reads the body: a huge upload should not fill the disk first.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.SAISAAT_MAX_UPLOAD_BYTES + 64 * 1024


def _list_url(unit: Unit, year: int) -> str:
    return f"{reverse('participation:partner-list', args=[unit.code])}?year={year}"


def _render_list(request, unit, *, years=None, year=None, status=200, upload_error="", **forms):
    if year is None:
        years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        "overview": services.partner_overview(unit, year),
        "can_manage": manage,
        "max_upload_mb": _max_upload_mb(),
        "can_configure_types": services.can_configure_types(request.user),
        "upload_error": upload_error,
    }
    if manage:
        context["partner_form"] = forms.get("partner_form") or PartnerForm()
        context["mou_form"] = forms.get("mou_form") or MouForm(unit=unit)
        context["joint_form"] = forms.get("joint_form") or JointActivityForm(unit=unit)
    context["open_form"] = next((name for name, form in forms.items() if form), "")
    return render(request, "participation/partners/list.html", context, status=status)


@require_GET
@login_required
def partner_list(request, code: str):
    unit = get_unit_for_user(request, code)
    return _render_list(request, unit)


@require_POST
@login_required
def partner_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    form = PartnerForm(request.POST)
    if not form.is_valid():
        return _render_list(request, unit, status=400, partner_form=form)
    partner = services.create_partner(unit, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("Partner %(name)s was added.") % {"name": partner.name})
    return redirect(_list_url(unit, selected_year(request, unit)[1]))


@require_http_methods(["GET", "POST"])
@login_required
def partner_edit(request, pk: int):
    partner = get_editable_or_403(request, Partner.objects.select_related("unit"), pk=pk)
    if request.method == "POST":
        form = PartnerForm(request.POST)
        if form.is_valid():
            services.update_partner(partner, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The partner was saved."))
            return redirect(_list_url(partner.unit, selected_year(request, partner.unit)[1]))
    else:
        form = PartnerForm(
            initial={
                "name": partner.name,
                "partner_type": partner.partner_type_id,
                "contact": partner.contact,
            }
        )
    status = 400 if form.is_bound else 200
    return _render_edit(request, partner.unit, form, _("Edit partner"), status=status)


def _render_edit(
    request, unit, form, heading, *, status=200, multipart=False, record=None, upload_error=""
):
    return render(
        request,
        "participation/partners/edit.html",
        {
            "unit": unit,
            "form": form,
            "heading": heading,
            "multipart": multipart,
            "record": record,
            "max_upload_mb": _max_upload_mb(),
            "upload_error": upload_error,
        },
        status=status,
    )


def _too_large_message() -> str:
    return _("The file is too large: the limit is %(limit)s MB.") % {"limit": _max_upload_mb()}


@require_POST
@login_required
def mou_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    if _upload_too_large(request):
        return _render_list(
            request,
            unit,
            status=413,
            mou_form=MouForm(unit=unit),
            upload_error=_too_large_message(),
        )
    form = MouForm(request.POST, request.FILES, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            mou = services.record_mou(
                unit,
                title=data["title"],
                signed_on=data["signed_on"],
                partners=data["partners"],
                file=data.get("file"),
                max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("file" if data.get("file") else None, error)
        else:
            messages.success(request, _("The memorandum of understanding was recorded."))
            return redirect(_list_url(unit, mou.fiscal_year))
    return _render_list(request, unit, status=400, mou_form=form)


@require_http_methods(["GET", "POST"])
@login_required
def mou_edit(request, pk: int):
    mou = get_editable_or_403(
        request, MemorandumOfUnderstanding.objects.select_related("unit"), pk=pk
    )
    heading = _("Edit memorandum of understanding")
    if request.method == "GET":
        form = MouForm(
            unit=mou.unit,
            initial={
                "title": mou.title,
                "signed_on": mou.signed_on,
                "partners": list(mou.partners.values_list("pk", flat=True)),
            },
        )
        return _render_edit(request, mou.unit, form, heading, multipart=True, record=mou)
    if _upload_too_large(request):
        form = MouForm(unit=mou.unit)
        return _render_edit(
            request,
            mou.unit,
            form,
            heading,
            status=413,
            multipart=True,
            record=mou,
            upload_error=_too_large_message(),
        )
    form = MouForm(request.POST, request.FILES, unit=mou.unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_mou(
                mou,
                title=data["title"],
                signed_on=data["signed_on"],
                partners=data["partners"],
                file=data.get("file"),
                max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error("file" if data.get("file") else None, error)
        else:
            messages.success(request, _("The memorandum of understanding was saved."))
            return redirect(_list_url(mou.unit, mou.fiscal_year))
    return _render_edit(request, mou.unit, form, heading, status=400, multipart=True, record=mou)


@require_GET
@login_required
def mou_file(request, pk: int):
    mou = get_visible_or_404(
        request, MemorandumOfUnderstanding.objects.select_related("unit"), pk=pk
    )
    if not mou.file:
        raise Http404
    extension = mou.file.name.rsplit(".", 1)[-1].lower()
    content_type = ALLOWED_TYPES.get(extension, ("application/octet-stream",))[0]
    title = "".join(c if c not in '/\\:*?"<>|' else "-" for c in mou.title)[:120]
    return stored_file_response(
        mou.file, filename=f"{title}.{extension}", content_type=content_type
    )


@require_POST
@login_required
def joint_activity_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    form = JointActivityForm(request.POST, unit=unit)
    if not form.is_valid():
        return _render_list(request, unit, status=400, joint_form=form)
    activity = services.record_joint_activity(unit, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("The joint activity was recorded."))
    return redirect(_list_url(unit, activity.fiscal_year))


@require_http_methods(["GET", "POST"])
@login_required
def joint_activity_edit(request, pk: int):
    activity = get_editable_or_403(request, JointActivity.objects.select_related("unit"), pk=pk)
    if request.method == "POST":
        form = JointActivityForm(request.POST, unit=activity.unit)
        if form.is_valid():
            services.update_joint_activity(activity, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The joint activity was saved."))
            return redirect(_list_url(activity.unit, activity.fiscal_year))
    else:
        form = JointActivityForm(
            unit=activity.unit,
            initial={
                "title": activity.title,
                "held_on": activity.held_on,
                "partners": list(activity.partners.values_list("pk", flat=True)),
            },
        )
    status = 400 if form.is_bound else 200
    return _render_edit(request, activity.unit, form, _("Edit joint activity"), status=status)


# ---------------------------------------------------------------------------- partner types


def _require_type_admin(request):
    if not services.can_configure_types(request.user):
        raise PermissionDenied


def _render_types(request, *, status=200, new_form=None, failed=None):
    types = list(PartnerType.objects.all())
    rows = [
        (
            partner_type,
            failed[1]
            if failed and failed[0] == partner_type.pk
            else PartnerTypeForm(
                initial={"name_th": partner_type.name_th, "position": partner_type.position},
                prefix=f"type-{partner_type.pk}",
            ),
        )
        for partner_type in types
    ]
    next_position = max((t.position for t in types), default=0) + 1
    return render(
        request,
        "participation/partners/types.html",
        {
            "rows": rows,
            "new_form": new_form or NewPartnerTypeForm(initial={"position": next_position}),
        },
        status=status,
    )


@require_GET
@login_required
def partner_types(request):
    _require_type_admin(request)
    return _render_types(request)


@require_POST
@login_required
def partner_type_add(request):
    _require_type_admin(request)
    form = NewPartnerTypeForm(request.POST)
    if not form.is_valid():
        return _render_types(request, status=400, new_form=form)
    try:
        services.create_partner_type(**form.cleaned_data)
    except ValidationError as error:
        form.add_error("code", error)
        return _render_types(request, status=400, new_form=form)
    messages.success(request, _("The partner type was added."))
    return redirect("participation:partner-types")


@require_POST
@login_required
def partner_type_edit(request, pk: int):
    _require_type_admin(request)
    partner_type = get_object_or_404(PartnerType, pk=pk)
    form = PartnerTypeForm(request.POST, prefix=f"type-{partner_type.pk}")
    if not form.is_valid():
        return _render_types(request, status=400, failed=(partner_type.pk, form))
    services.update_partner_type(partner_type, **form.cleaned_data)
    messages.success(request, _("The partner type was saved."))
    return redirect("participation:partner-types")
