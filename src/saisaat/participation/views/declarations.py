"""Declarations and pledges: publish and revise, acknowledge, follow progress, print the
sign-off sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import can_manage, get_unit_for_user, staff_member_of
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.participation.forms.declarations import (
    AcknowledgeForm,
    DeclarationEditForm,
    DeclarationForm,
    PaperAcknowledgementForm,
)
from saisaat.participation.models import Declaration
from saisaat.participation.services import declarations as services
from saisaat.plans.years import requested_year
from saisaat.thai.calendar import fiscal_year


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _get_declaration(request, unit, pk: int, *, manage: bool = False) -> Declaration:
    """A declaration that concerns ``unit`` (404 otherwise); managing it takes the right
    to manage the office that published it (403 otherwise)."""
    concerning = services.with_current_version(services.declarations_for_unit(unit))
    fetch = get_editable_or_403 if manage else get_visible_or_404
    return fetch(request, concerning.select_related("unit", "created_by"), pk=pk)


def _may_record(user, unit, declaration) -> bool:
    return can_manage(user, unit) or may_edit(user, declaration)


# ------------------------------------------------------------------ the unit's pages


@require_GET
@login_required
def declaration_list(request, code: str):
    unit = get_unit_for_user(request, code)
    concerning = services.declarations_for_unit(unit)
    published = set(concerning.values_list("fiscal_year", flat=True))
    current = fiscal_year(timezone.localdate())
    years = sorted(published | {current}, reverse=True)
    try:
        year = int(requested_year(request))
    except ValueError:
        year = None
    if year not in years:
        # The current year, unless nothing is published yet and an earlier year has some.
        year = current if current in published or not published else max(published)
    declarations = list(
        services.with_current_version(concerning.filter(fiscal_year=year))
        .select_related("unit")
        .order_by("kind", "pk")
    )
    board = services.ProgressBoard(unit, declarations)
    rows = [(d, board.progress(d)) for d in declarations]
    return render(
        request,
        "participation/declarations/list.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "rows": rows,
            "can_publish": can_manage(request.user, unit),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def declaration_create(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            declaration = services.publish_declaration(
                unit,
                kind=data["kind"],
                title=data["title"],
                audience=data["audience"],
                fiscal_year=data["fiscal_year"],
                text=data["text"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The declaration was published as version 1."))
            return redirect("participation:declaration-detail", code=unit.code, pk=declaration.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "participation/declarations/form.html",
        {"unit": unit, "form": form, "declaration": None},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def declaration_edit(request, code: str, pk: int):
    unit = get_unit_for_user(request, code)
    declaration = _get_declaration(request, unit, pk, manage=True)
    version = services.current_version(declaration)
    initial = {
        "title": declaration.title,
        "audience": declaration.audience,
        "text": version.text if version else "",
    }
    form = DeclarationEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.edit_declaration(
                declaration,
                title=data["title"],
                audience=data["audience"],
                text=data["text"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if result.new_version is not None:
                messages.success(
                    request,
                    _("Version %(number)s was published; everyone must acknowledge it again.")
                    % {"number": result.new_version.number},
                )
            elif result.details_changed:
                messages.success(request, _("The declaration was saved; the text is unchanged."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("participation:declaration-detail", code=unit.code, pk=declaration.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "participation/declarations/form.html",
        {"unit": unit, "form": form, "declaration": declaration, "version": version},
        status=status,
    )


def _detail_context(request, unit, declaration, **extra):
    versions = list(declaration.versions.select_related("published_by").order_by("-number"))
    version = versions[0] if versions else None
    board = services.ProgressBoard(unit, [declaration])
    people = services.people_rows(declaration, version, within=unit)
    only_pending = request.GET.get("status") == "pending"
    may_record = _may_record(request.user, unit, declaration)
    context = {
        "unit": unit,
        "declaration": declaration,
        "version": version,
        "versions": versions,
        "progress": board.progress(declaration),
        "unit_rows": board.unit_rows(declaration),
        "people": [p for p in people if not p.acknowledged] if only_pending else people,
        "pending_count": sum(not p.acknowledged for p in people),
        "people_count": len(people),
        "only_pending": only_pending,
        "can_edit": may_edit(request.user, declaration),
        "may_record": may_record and version is not None,
        "today": timezone.localdate(),
    }
    context.update(extra)
    return context


@require_GET
@login_required
def declaration_detail(request, code: str, pk: int):
    unit = get_unit_for_user(request, code)
    declaration = _get_declaration(request, unit, pk)
    return render(
        request,
        "participation/declarations/detail.html",
        _detail_context(request, unit, declaration),
    )


@require_GET
@login_required
def declaration_versions(request, code: str, pk: int):
    unit = get_unit_for_user(request, code)
    declaration = _get_declaration(request, unit, pk)
    versions = list(declaration.versions.select_related("published_by").order_by("number"))
    changes = []
    for previous, version in zip([None, *versions], versions, strict=False):
        diff = services.diff_texts(previous.text, version.text) if previous else None
        changes.append((version, diff))
    changes.reverse()
    return render(
        request,
        "participation/declarations/versions.html",
        {"unit": unit, "declaration": declaration, "changes": changes},
    )


@require_POST
@login_required
def declaration_record(request, code: str, pk: int):
    """A manager records a signature on the paper sheet for someone."""
    unit = get_unit_for_user(request, code)
    declaration = _get_declaration(request, unit, pk)
    if not _may_record(request.user, unit, declaration):
        raise PermissionDenied
    version = services.current_version(declaration)
    if version is None:
        raise Http404
    form = PaperAcknowledgementForm(
        request.POST, audience=services.audience_of(declaration, within=unit)
    )
    error = None
    if form.is_valid():
        staff = form.cleaned_data["staff"]
        try:
            result = services.record_paper_acknowledgement(
                version, staff, signed_on=form.cleaned_data["signed_on"], acting_user=request.user
            )
        except ValidationError as exc:
            error = _error_text(exc)
        else:
            if result.created:
                messages.success(
                    request,
                    _("The signature of %(name)s on the paper sheet was recorded.")
                    % {"name": staff},
                )
            else:
                messages.info(
                    request,
                    _("%(name)s had already acknowledged this version.") % {"name": staff},
                )
            url = reverse("participation:declaration-detail", args=[unit.code, declaration.pk])
            if request.POST.get("status") == "pending":
                url += "?status=pending"
            return redirect(url)
    else:
        error = " ".join(" ".join(errors) for errors in form.errors.values())
    return render(
        request,
        "participation/declarations/detail.html",
        _detail_context(request, unit, declaration, record_error=error),
        status=400,
    )


@require_GET
@login_required
def declaration_sign_off(request, code: str, pk: int):
    """The printable sign-off sheet (แบบลงนามรับทราบ) of the unit's own people, or with
    ``?below=1`` of the units below it as well."""
    unit = get_unit_for_user(request, code)
    declaration = _get_declaration(request, unit, pk)
    version = services.current_version(declaration)
    include_below = request.GET.get("below") == "1"
    people = services.people_rows(declaration, version, within=unit, own_only=not include_below)
    return render(
        request,
        "participation/declarations/sign_off.html",
        {
            "unit": unit,
            "declaration": declaration,
            "version": version,
            "people": people,
            "include_below": include_below,
            "has_units_below": unit.kind != unit.Kind.DISTRICT,
        },
    )


# ------------------------------------------------------------------ one's own


def _my_staff(request):
    return staff_member_of(request.user)


@require_GET
@login_required
def my_declarations(request):
    staff = _my_staff(request)
    awaiting, done = [], []
    if staff is not None:
        for declaration in services.declarations_for_person(staff):
            (done if declaration.acknowledged else awaiting).append(declaration)
    return render(
        request,
        "participation/declarations/my_list.html",
        {"staff": staff, "awaiting": awaiting, "done": done},
    )


def _my_declaration(request, pk: int):
    staff = _my_staff(request)
    if staff is None:
        raise Http404
    declaration = get_object_or_404(services.declarations_for_person(staff), pk=pk)
    version = get_object_or_404(
        declaration.versions.select_related("published_by"), pk=declaration.current_version_id
    )
    return staff, declaration, version


def _render_read(request, staff, declaration, version, form, status=200, notice=""):
    return render(
        request,
        "participation/declarations/my_read.html",
        {
            "staff": staff,
            "declaration": declaration,
            "version": version,
            "form": form,
            "notice": notice,
        },
        status=status,
    )


@require_GET
@login_required
def my_declaration_read(request, pk: int):
    staff, declaration, version = _my_declaration(request, pk)
    form = AcknowledgeForm(initial={"version": version.pk})
    return _render_read(request, staff, declaration, version, form)


@require_POST
@login_required
def my_declaration_acknowledge(request, pk: int):
    staff, declaration, version = _my_declaration(request, pk)
    form = AcknowledgeForm(request.POST, initial={"version": version.pk})
    if not form.is_valid():
        return _render_read(request, staff, declaration, version, form, status=400)
    if form.cleaned_data["version"] != version.pk:
        notice = _(
            "A newer version was published while you were reading: "
            "please read it and acknowledge again."
        )
        fresh = AcknowledgeForm(initial={"version": version.pk})
        return _render_read(request, staff, declaration, version, fresh, status=409, notice=notice)
    try:
        result = services.acknowledge(version, staff, acting_user=request.user)
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _render_read(request, staff, declaration, version, form, status=400)
    if result.created:
        messages.success(
            request,
            _("Thank you: your acknowledgement of “%(title)s” (version %(number)s) is recorded.")
            % {"title": declaration.title, "number": version.number},
        )
    else:
        messages.info(request, _("You had already acknowledged this version; nothing changed."))
    return redirect("participation:my-declarations")
