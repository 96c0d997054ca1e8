"""The public portal (no sign-in) and the pages where an office's managers keep it."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Max
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.audit.models import PublishedHead
from saisaat.budget.summary import build_overview
from saisaat.core.downloads import stored_file_response
from saisaat.documents.models import OfficialDocument
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import get_editable_or_403
from saisaat.portal import oit, opendata, services
from saisaat.portal.forms import PortalPageForm, YearForm
from saisaat.portal.models import OitItem, PageKind, PortalPage
from saisaat.portal.public import (
    plan_progress,
    public_documents,
    public_joint_activities,
    public_surveys,
)
from saisaat.portal.text import render_body
from saisaat.surveys.results import compute_results, min_public_responses
from saisaat.thai.calendar import fiscal_year

# Public pages hold no personal data beyond the names and positions of the executives,
# which the office publishes anyway: a shared cache may keep them for a few minutes.
public_cache = cache_control(public=True, max_age=300)
DOCUMENTS_ON_HOME = 5
HEADS_PER_PAGE = 50


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
        public_documents()
        .filter(unit=unit)
        .only("kind", "title", "date", "year", "running_number", "pdf", "unit_id")
        .order_by("-date", "-pk")[:DOCUMENTS_ON_HOME]
    )
    # The newest year's row of the office's own progress (the open data lists them all).
    progress = next(iter(plan_progress([unit])), None)
    pages = sorted(pages, key=lambda page: PageKind.values.index(page.kind))
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
        public_documents()
        .filter(unit=unit)
        .only("kind", "title", "date", "year", "running_number", "pdf", "unit_id")
        .order_by("-date", "-pk")
    )
    return render(request, "portal/documents.html", {"unit": unit, "documents": issued})


@require_GET
def document_pdf(request, code: str, pk: int):
    unit = _office(code)
    document = get_object_or_404(public_documents(), unit=unit, pk=pk)
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


def _year(request) -> tuple[int | None, YearForm]:
    """The fiscal year asked for (``?year=2566``; the current one by default), or None with
    the form's Thai message when it is no Buddhist-era year."""
    if "year" not in request.GET:
        year = fiscal_year(timezone.localdate())
        return year, YearForm(initial={"year": year})
    form = YearForm(request.GET)
    return (form.cleaned_data["year"] if form.is_valid() else None), form


@require_GET
@public_cache
def budget(request, code: str):
    unit = _office(code)
    year, form = _year(request)
    if year is None:
        return render(request, "portal/budget.html", {"unit": unit, "form": form}, status=400)
    overview = build_overview(unit, year, rolled_up=False)
    return render(
        request,
        "portal/budget.html",
        {"unit": unit, "form": form, "year": year, "overview": overview},
    )


@require_GET
@public_cache
def surveys(request, code: str):
    unit = _office(code)
    return render(request, "portal/surveys.html", {"unit": unit, "surveys": public_surveys(unit)})


def _public_survey(unit: Unit, pk: int):
    return get_object_or_404(public_surveys(unit), pk=pk)


@require_GET
@public_cache
def survey(request, code: str, pk: int):
    unit = _office(code)
    results = compute_results(_public_survey(unit, pk), public=True)
    return render(
        request,
        "portal/survey.html",
        {"unit": unit, "results": results, "min_responses": min_public_responses()},
    )


@require_GET
@public_cache
def partners(request, code: str):
    unit = _office(code)
    year, form = _year(request)
    if year is None:
        return render(request, "portal/partners.html", {"unit": unit, "form": form}, status=400)
    # Partner organisations by name and type only: never a contact person or number.
    activities = public_joint_activities(unit, year)
    return render(
        request,
        "portal/partners.html",
        {"unit": unit, "form": form, "year": year, "activities": activities},
    )


# --------------------------------------------------------------------- open data


def _data_error(fmt: str, message: str, status: int = 400) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(
            {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _data_not_found(view):
    """An unknown dataset, office or survey answers a plain 404 in the asked format (JSON
    for .json), not the HTML page with its cookie: machines read these addresses."""

    @wraps(view)
    def wrapped(request, *args, fmt: str, **kwargs):
        try:
            return view(request, *args, fmt=fmt, **kwargs)
        except Http404:
            return _data_error(fmt, _("No such data."), status=404)

    return wrapped


def _data_response(dataset, rows, fmt: str, filename: str, **meta) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(
            opendata.as_csv(dataset, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'inline; filename="{filename}.csv"'
    else:
        response = HttpResponse(
            opendata.as_json(dataset, rows, **meta), content_type="application/json"
        )
    # Open data: any site may read it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@public_cache
def data_index(request, code: str):
    unit = _office(code)
    datasets = [
        d
        for d in opendata.DATASETS.values()
        if unit.kind == Unit.Kind.PROVINCE or not d.provinces_only
    ]
    return render(
        request,
        "portal/data.html",
        {
            "unit": unit,
            "datasets": datasets,
            "surveys": public_surveys(unit),
            "year": fiscal_year(timezone.localdate()),
        },
    )


@require_GET
@public_cache
@_data_not_found
def dataset(request, code: str, name: str, fmt: str):
    unit = _office(code)
    dataset = opendata.DATASETS.get(name)
    if dataset is None or fmt not in opendata.FORMATS:
        raise Http404
    if dataset.provinces_only and unit.kind != Unit.Kind.PROVINCE:
        raise Http404
    year, form = _year(request)
    if year is None:
        return _data_error(fmt, " ".join(form.errors["year"]))
    with translation.override("th"):
        rows = dataset.rows(unit, year)
    return _data_response(
        dataset, rows, fmt, f"{unit.code}-{name}-{year}", office=unit.code, fiscal_year=year
    )


@require_GET
@public_cache
@_data_not_found
def survey_dataset(request, code: str, pk: int, fmt: str):
    unit = _office(code)
    if fmt not in opendata.FORMATS:
        raise Http404
    survey = _public_survey(unit, pk)
    with translation.override("th"):
        rows = opendata.survey_result_rows(survey)
    return _data_response(
        opendata.SURVEY_RESULTS,
        rows,
        fmt,
        f"{unit.code}-survey-{survey.pk}",
        office=unit.code,
        fiscal_year=survey.fiscal_year,
        survey_id=survey.pk,
        title=survey.title,
    )


@require_GET
@public_cache
def openapi(request):
    document = opendata.openapi_document(request.build_absolute_uri("/").rstrip("/"))
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --------------------------------------------------------------------- published chain heads


@require_GET
@public_cache
def chain_heads(request):
    page = Paginator(PublishedHead.objects.order_by("-day"), HEADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/chain_heads.html", {"page": page})


@require_GET
@public_cache
def chain_heads_json(request):
    page = Paginator(PublishedHead.objects.order_by("-day"), HEADS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    document = {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "heads": [
            {"day": head.day.isoformat(), "entry_count": head.entry_count, "hash": head.hash}
            for head in page
        ],
    }
    response = JsonResponse(document)
    response["Access-Control-Allow-Origin"] = "*"
    return response


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
    announcements = (
        OfficialDocument.objects.editable_by(request.user)
        .issued()
        .filter(unit=unit, kind=OfficialDocument.Kind.ANNOUNCEMENT)
        .exclude(pdf="")
        .only("kind", "title", "date", "year", "running_number", "portal_published_at", "unit_id")
        .order_by("-date", "-pk")
    )
    return render(
        request,
        "portal/manage.html",
        {"unit": unit, "kinds": kinds, "announcements": announcements},
    )


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


def _set_document(request, code: str, pk: int, change, success: str):
    unit = get_unit_for_user(request, code, manage=True)
    document = get_editable_or_403(
        request, OfficialDocument.objects.select_related("unit"), unit=unit, pk=pk
    )
    try:
        change(document, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("portal:manage", unit.code)


@require_POST
@login_required
def publish_document(request, code: str, pk: int):
    return _set_document(
        request, code, pk, services.publish_document, _("The announcement is public.")
    )


@require_POST
@login_required
def unpublish_document(request, code: str, pk: int):
    return _set_document(
        request,
        code,
        pk,
        services.unpublish_document,
        _("The announcement was withdrawn from the portal."),
    )
