"""The staff registry: the list of a unit's people, one person, and the import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.audit import history
from saisaat.orgs import staff as services
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.participation.forms.certificates import CertificateForm
from saisaat.participation.forms.staff import (
    StaffFilterForm,
    StaffImportConfirmForm,
    StaffImportForm,
    StaffMemberForm,
)
from saisaat.participation.models.training import may_record_certificate_for

PAGE_SIZE = 100
# The latest changes a person's page shows; the audit log has them all.
HISTORY_ROWS = 20


@require_GET
@login_required
def staff_list(request, code: str):
    unit = get_unit_for_user(request, code)
    units = list(services.staff_scope_units(unit, request.user).order_by("code"))
    form = StaffFilterForm(request.GET, units=units if len(units) > 1 else [])
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    chosen = [u for u in units if u.code == data.get("unit")] or units
    status = data.get("status") or "active"
    staff = services.staff_queryset_for_list(chosen, status=status, query=data.get("q") or "")
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = (
        StaffMember.objects.visible_to(request.user)
        .filter(unit__in=chosen)
        .aggregate(
            active=Count("pk", filter=Q(is_active=True)),
            inactive=Count("pk", filter=Q(is_active=False)),
        )
    )
    context = {
        "unit": unit,
        "form": form,
        "page": page,
        "counts": counts,
        "status": status,
        "show_unit": len(chosen) > 1,
        "can_import": services.can_manage_staff(request.user, unit),
    }
    template = (
        "participation/staff/_staff_rows.html"
        if request.htmx
        else "participation/staff/staff_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _staff():
    return StaffMember.objects.select_related("unit", "work_group", "user")


def _render_detail(request, staff, *, edit_form=None, certificate_form=None, status=200):
    user = request.user
    can_edit = may_edit(user, staff)
    if can_edit and edit_form is None:
        edit_form = StaffMemberForm(units=services.managed_units(user), staff=staff)
    can_add_certificate = may_record_certificate_for(user, staff)
    if can_add_certificate and certificate_form is None:
        certificate_form = CertificateForm()
    context = {
        "staff": staff,
        "certificates": staff.certificates.select_related("course").order_by("-issued_on"),
        "history": history.rows(history.entries_for(staff)[:HISTORY_ROWS]),
        "edit_form": edit_form if can_edit else None,
        "certificate_form": certificate_form if can_add_certificate else None,
        "can_delete_certificates": can_add_certificate,
    }
    return render(request, "participation/staff/staff_detail.html", context, status=status)


@require_GET
@login_required
def staff_detail(request, pk: int):
    return _render_detail(request, get_visible_or_404(request, _staff(), pk=pk))


@require_POST
@login_required
def staff_edit(request, pk: int):
    staff = get_editable_or_403(request, _staff(), pk=pk)
    form = StaffMemberForm(request.POST, units=services.managed_units(request.user), staff=staff)
    if not form.is_valid():
        return _render_detail(request, staff, edit_form=form, status=400)
    changed = services.update_staff_member(staff, acting_user=request.user, **form.cleaned_data)
    if changed:
        messages.success(request, _("The changes were saved."))
    return redirect("participation:staff-detail", pk=staff.pk)


def _unit_for_import(request, code: str):
    unit = get_unit_for_user(request, code)
    if not services.can_manage_staff(request.user, unit):
        raise PermissionDenied
    return unit


@require_http_methods(["GET", "POST"])
@login_required
def staff_import(request, code: str):
    """GET: the upload form. POST: read the file and show what importing it would do."""
    unit = _unit_for_import(request, code)
    context = {"unit": unit, "max_mb": services.MAX_IMPORT_BYTES // 2**20}
    if request.method == "GET":
        context["form"] = StaffImportForm()
        return render(request, "participation/staff/import.html", context)

    form = StaffImportForm(request.POST, request.FILES)
    context["form"] = form
    if not form.is_valid():
        return render(request, "participation/staff/import.html", context, status=400)
    uploaded = form.cleaned_data["file"]
    filename = uploaded.name or ""
    if uploaded.size > services.MAX_IMPORT_BYTES:
        form.add_error(
            "file",
            _("The file is larger than %(limit)s MB.") % {"limit": context["max_mb"]},
        )
        return render(request, "participation/staff/import.html", context, status=400)
    data = uploaded.read()
    try:
        plan = services.plan_staff_import(data, filename, unit=unit, acting_user=request.user)
    except services.ImportFileError as error:
        form.add_error("file", str(error))
        return render(request, "participation/staff/import.html", context, status=400)
    deactivate = form.cleaned_data["deactivate_missing"]
    context.update({"plan": plan, "filename": filename, "deactivate_missing": deactivate})
    if not plan.is_clean:
        return render(request, "participation/staff/import.html", context, status=400)
    stored = services.stash_upload(data, filename, user=request.user)
    context["confirm_form"] = StaffImportConfirmForm(
        initial={
            "token": services.sign_preview(
                stored_name=stored,
                data=data,
                filename=filename,
                unit=unit,
                user=request.user,
                digest=plan.digest(deactivate_missing=deactivate),
                deactivate_missing=deactivate,
            )
        }
    )
    return render(request, "participation/staff/import.html", context)


@require_POST
@login_required
def staff_import_confirm(request, code: str):
    unit = _unit_for_import(request, code)
    form = StaffImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This preview is no longer valid; upload the file again."))
        return redirect("participation:staff-import", code=unit.code)
    try:
        result = services.confirm_staff_import(
            form.cleaned_data["token"], unit=unit, user=request.user
        )
    except services.StaffImportError as error:
        messages.error(request, str(error))
        return redirect("participation:staff-import", code=unit.code)
    messages.success(
        request,
        _(
            "Imported: %(created)s added, %(updated)s updated, %(unchanged)s unchanged, "
            "%(deactivated)s marked as no longer here."
        )
        % result,
    )
    return redirect("participation:staff-list", code=unit.code)
