"""The public portal (no sign-in) and the pages where an office's managers keep it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import stored_file_response
from saisaat.documents.models import OfficialDocument
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import get_editable_or_403
from saisaat.portal import oit, services
from saisaat.portal.forms import PortalPageForm, YearForm
from saisaat.portal.models import OitItem, PageKind, PortalPage
from saisaat.portal.text import render_body
from saisaat.thai.calendar import fiscal_year
from saisaat.tracking.models import Assignment

# Public pages hold no personal data beyond the names and positions of the executives,
# which the office publishes anyway: a shared cache may keep them for a few minutes.
public_cache = cache_control(public=True, max_age=300)
DOCUMENTS_ON_HOME = 5


def _office(code: str) -> Unit:
    return get_object_or_404(
        Unit.objects.exclude(kind=Unit.Kind.DEPARTMENT).select_related("parent"), code=code
    )


def _kind(kind: str) -> PageKind:
    if kind not in PageKind.values:
        raise Http404
    return PageKind(kind)


# --------------------------------------------------------------------- public pages


@require_GET
@public_cache
def home(request, code: str):
    unit = _office(code)
    province = unit.province
    districts = Unit.objects.filter(parent=province).order_by("code").only("code", "name_th")
    # Name, position and work group only: never a personal phone, e-mail or ID number.
    executives = (
        User.objects.filter(unit=unit, is_active=True, role=User.Role.APPROVER)
        .select_related("work_group")
        .only("first_name", "last_name", "position", "work_group__name_th")
        .order_by(F("work_group").asc(nulls_first=True), "work_group__function", "pk")
    )
    pages = PortalPage.objects.published().filter(unit=unit).only("kind", "title").order_by()
    documents = (
        OfficialDocument.objects.issued()
        .filter(unit=unit)
        .only("kind", "title", "date", "year", "running_number", "unit_id")
        .order_by("-date", "-pk")[:DOCUMENTS_ON_HOME]
    )
    progress = (
        Assignment.objects.current()
        .filter(unit=unit)
        .values("plan__fiscal_year")
        .annotate(
            total=Count("pk"), approved=Count("pk", filter=Q(status=Assignment.Status.APPROVED))
        )
        .order_by("-plan__fiscal_year")
        .first()
    )
    pages = sorted(pages, key=lambda page: PageKind.values.index(page.kind))
    if progress:
        progress["percent"] = round(100 * progress["approved"] / progress["total"])
    return render(
        request,
        "portal/home.html",
        {
            "unit": unit,
            "province": province,
            "districts": districts,
            "executives": executives,
            "pages": pages,
            "contact": next((p for p in pages if p.kind == PageKind.CONTACT), None),
            "documents": documents,
            "progress": progress,
        },
    )


def _published_page(unit: Unit, kind: str) -> PortalPage:
    return get_object_or_404(PortalPage.objects.published(), unit=unit, kind=_kind(kind))


@require_GET
@public_cache
def page(request, code: str, kind: str):
    unit = _office(code)
    portal_page = _published_page(unit, kind)
    return render(
        request,
        "portal/page.html",
        {"unit": unit, "page": portal_page, "body": render_body(portal_page.body)},
    )


@require_GET
def page_attachment(request, code: str, kind: str):
    unit = _office(code)
    portal_page = _published_page(unit, kind)
    if not portal_page.attachment:
        raise Http404
    return stored_file_response(
        portal_page.attachment,
        filename=f"{unit.code}-{portal_page.kind}.pdf",
        content_type="application/pdf",
    )


@require_GET
@public_cache
def documents(request, code: str):
    unit = _office(code)
    issued = (
        OfficialDocument.objects.issued()
        .filter(unit=unit)
        .only("kind", "title", "date", "year", "running_number", "pdf", "unit_id")
        .order_by("-date", "-pk")
    )
    return render(request, "portal/documents.html", {"unit": unit, "documents": issued})


@require_GET
def document_pdf(request, code: str, pk: int):
    unit = _office(code)
    document = get_object_or_404(OfficialDocument.objects.issued(), unit=unit, pk=pk)
    if not document.pdf:
        raise Http404
    return stored_file_response(
        document.pdf,
        filename=f"{document.kind}-{unit.code}-{document.year}-{document.running_number}.pdf",
        content_type="application/pdf",
    )


@require_GET
@public_cache
def oit_checklist(request, code: str):
    unit = _office(code)
    if "year" in request.GET:
        form = YearForm(request.GET)
        if not form.is_valid():
            return render(
                request, "portal/oit.html", {"unit": unit, "form": form, "rows": []}, status=400
            )
        year = form.cleaned_data["year"]
    else:
        year = OitItem.objects.aggregate(year=Max("fiscal_year"))["year"] or fiscal_year(
            timezone.localdate()
        )
        form = YearForm(initial={"year": year})
    rows = oit.checklist(unit, year)
    return render(
        request, "portal/oit.html", {"unit": unit, "form": form, "rows": rows, "year": year}
    )


@require_GET
@public_cache
def sitemap(request):
    """Every office's public pages, for search engines and the department's harvester."""
    offices = Unit.objects.exclude(kind=Unit.Kind.DEPARTMENT).order_by("code")
    pages = (
        PortalPage.objects.published()
        .select_related("unit")
        .only("kind", "updated_at", "unit__code")
        .order_by("unit__code", "kind")
    )
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "portal/sitemap.xml",
        {"base": base, "offices": offices.values_list("code", flat=True), "pages": pages},
        content_type="application/xml",
    )


# --------------------------------------------------------------------- the office's managers


@require_GET
@login_required
def manage(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    pages = {
        page.kind: page
        for page in PortalPage.objects.editable_by(request.user)
        .filter(unit=unit)
        .only("kind", "title", "status", "updated_at", "unit_id")
    }
    kinds = [(kind, pages.get(kind.value)) for kind in PageKind]
    return render(request, "portal/manage.html", {"unit": unit, "kinds": kinds})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, code: str, kind: str):
    unit = get_unit_for_user(request, code, manage=True)
    kind = _kind(kind)
    portal_page = PortalPage.objects.editable_by(request.user).filter(unit=unit, kind=kind).first()
    if request.method == "POST":
        form = PortalPageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.save_page(
                    unit,
                    kind,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"] or None,
                    remove_attachment=form.cleaned_data["remove_attachment"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                # The file checks name no field; the service's own refusals do.
                form.add_error(None if hasattr(error, "error_dict") else "attachment", error)
            else:
                messages.success(request, _("The page was saved."))
                return redirect("portal:manage", unit.code)
    else:
        initial = {"title": portal_page.title, "body": portal_page.body} if portal_page else {}
        form = PortalPageForm(initial=initial or {"title": kind.label})
    return render(
        request,
        "portal/edit.html",
        {"unit": unit, "kind": kind, "page": portal_page, "form": form},
        status=400 if form.is_bound else 200,
    )


def _set_status(request, code: str, kind: str, change, success: str):
    unit = get_unit_for_user(request, code, manage=True)
    portal_page = get_editable_or_403(
        request, PortalPage.objects.select_related("unit"), unit=unit, kind=_kind(kind)
    )
    change(portal_page, acting_user=request.user)
    messages.success(request, success)
    return redirect("portal:manage", unit.code)


@require_POST
@login_required
def publish(request, code: str, kind: str):
    return _set_status(request, code, kind, services.publish_page, _("The page is public."))


@require_POST
@login_required
def unpublish(request, code: str, kind: str):
    return _set_status(
        request, code, kind, services.unpublish_page, _("The page was withdrawn from the portal.")
    )
