"""Courses, certificates, and who in a unit holds one this fiscal year."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saisaat.core.downloads import stored_file_response
from saisaat.core.files import sniff
from saisaat.orgs.access import (
    get_unit_for_user,
    staff_member_of,
)
from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.orgs.staff import staff_scope_units
from saisaat.participation.forms.certificates import (
    CertificateFilterForm,
    CertificateForm,
    CourseForm,
)
from saisaat.participation.models import Certificate, Course
from saisaat.participation.models.training import may_record_certificate_for
from saisaat.participation.services import certificates as services
from saisaat.participation.views.partners import selected_year


def _can_add_course(user) -> bool:
    """Courses are the department's list, shared by every unit (and they may count for every
    unit's anti-corruption indicator): only its administrators add to it."""
    return user.is_department_user and user.is_administrator


@require_GET
@login_required
def course_list(request):
    courses = Course.objects.annotate(holders=Count("certificates")).order_by("code")
    context = {
        "courses": courses,
        "form": CourseForm() if _can_add_course(request.user) else None,
    }
    return render(request, "participation/certificates/course_list.html", context)


@require_POST
@login_required
def course_add(request):
    if not _can_add_course(request.user):
        raise PermissionDenied
    form = CourseForm(request.POST)
    if not form.is_valid():
        courses = Course.objects.annotate(holders=Count("certificates")).order_by("code")
        return render(
            request,
            "participation/certificates/course_list.html",
            {"courses": courses, "form": form},
            status=400,
        )
    services.add_course(**form.cleaned_data, acting_user=request.user)
    messages.success(request, _("The course was added."))
    return redirect("participation:course-list")


@require_GET
@login_required
def certificate_list(request, code: str):
    unit = get_unit_for_user(request, code)
    units = list(staff_scope_units(unit, request.user).order_by("code"))
    form = CertificateFilterForm(request.GET, units=units if len(units) > 1 else [])
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    # The one year picker of the participation pages: the plan years and the current one.
    years, year = selected_year(request, unit)
    chosen = [u for u in units if u.code == data.get("unit")] or units
    context = {
        "unit": unit,
        "form": form,
        "year": year,
        "years": years,
        "course": data.get("course"),
        "show_unit": len(chosen) > 1,
        **services.coverage(chosen, year, data.get("course")),
    }
    return render(request, "participation/certificates/certificate_list.html", context)


@require_GET
@login_required
def my_certificates(request):
    staff = staff_member_of(request.user)
    context = {
        "staff": staff,
        "certificates": (
            staff.certificates.select_related("course").order_by("-issued_on") if staff else []
        ),
        "form": CertificateForm() if staff else None,
    }
    return render(request, "participation/certificates/my_certificates.html", context)


@require_POST
@login_required
def certificate_add(request, pk: int):
    staff = get_visible_or_404(request, StaffMember.objects.select_related("unit"), pk=pk)
    if not may_record_certificate_for(request.user, staff):
        raise PermissionDenied
    form = CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_certificate(
                staff,
                acting_user=request.user,
                max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error("file", error)
        except services.CertificateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The certificate was recorded."))
            if staff.user_id == request.user.pk and request.POST.get("next") == "my":
                return redirect("participation:my-certificates")
            return redirect("participation:staff-detail", pk=staff.pk)
    context = {"staff": staff, "form": form, "next": request.POST.get("next", "")}
    return render(request, "participation/certificates/certificate_form.html", context, status=400)


def _certificates():
    return Certificate.objects.select_related("staff__unit", "course")


@require_GET
@login_required
def certificate_file(request, pk: int):
    certificate = get_visible_or_404(request, _certificates(), pk=pk)
    if not certificate.file:
        raise Http404
    with certificate.file.open("rb") as handle:
        sniffed = sniff(handle, name=certificate.file.name)
    return stored_file_response(
        certificate.file,
        filename=certificate.file.name.rsplit("/", 1)[-1],
        content_type=sniffed[0] if sniffed else "",
    )


@require_POST
@login_required
def certificate_delete(request, pk: int):
    certificate = get_editable_or_403(request, _certificates(), pk=pk)
    services.delete_certificate(certificate, acting_user=request.user)
    messages.success(request, _("The certificate was removed."))
    if request.POST.get("next") == "my":
        return redirect("participation:my-certificates")
    return redirect("participation:staff-detail", pk=certificate.staff_id)
