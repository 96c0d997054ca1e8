from datetime import timedelta
from io import BytesIO

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core import ratelimit
from saisaat.core.downloads import XLSX_TYPE, download_response
from saisaat.core.requests import client_address
from saisaat.orgs.access import can_manage
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.plans import evidence
from saisaat.plans.years import (
    asked_year,
    picked_year,
    plan_years,
    visible_plan_years,
)
from saisaat.surveys import services
from saisaat.surveys.catalog import TEMPLATES
from saisaat.surveys.evidence import RESULTS
from saisaat.surveys.export import results_workbook
from saisaat.surveys.forms import (
    InvitationForm,
    MoveForm,
    QuestionForm,
    ResponseForm,
    SectionForm,
    SurveyForm,
    TemplateForm,
    initial_from_response,
)
from saisaat.surveys.models import Invitation, Question, Response, Section, Survey
from saisaat.surveys.results import compute_results
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.numbers import is_number

LIST_LIMIT = 200
COOKIE_SALT = "saisaat.surveys.device"
COOKIE_AGE = timedelta(days=400)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _current_fiscal_year() -> int:
    return fiscal_year_of(timezone.localdate())


def _default_fiscal_year(unit) -> int:
    """The year of the unit's latest plan: surveys are evidence for a plan's activities."""
    years = plan_years(unit)
    return years[0] if years else _current_fiscal_year()


def _managed_unit(request):
    """The signed-in user's own unit, when the user may run its surveys."""
    unit = request.user.unit
    if unit is None or not can_manage(request.user, unit):
        raise PermissionDenied
    return unit


def _surveys():
    return Survey.objects.select_related("unit", "activity__measure__dimension")


def _questions():
    return Question.objects.select_related("section", "survey__unit")


# ---------------------------------------------------------------------------- list and create


@require_GET
@login_required
def survey_list(request):
    unit = request.user.unit
    surveys = (
        Survey.objects.visible_to(request.user)
        .select_related("unit", "activity__measure__dimension")
        .with_response_counts()
    )
    # The one year picker: the plan years and the years with surveys. A year asked for is
    # shown even without surveys; one that is not a Buddhist-era year is refused (400)
    # with a message above the default year's list.
    years = set(Survey.objects.visible_to(request.user).values_list("fiscal_year", flat=True))
    years = sorted({*visible_plan_years(request.user, unit), *years}, reverse=True)
    years, year = picked_year(request, years, show_unknown="asked")
    problem = asked_year(request)[1]
    surveys = surveys.filter(fiscal_year=year)
    can_create = unit is not None and can_manage(request.user, unit)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "surveys": list(surveys[:LIST_LIMIT]),
            "years": years,
            "year": year,
            "year_problem": problem,
            "can_create": can_create,
            "template_form": TemplateForm(initial={"fiscal_year": _default_fiscal_year(unit)})
            if can_create
            else None,
            "templates": TEMPLATES.values(),
        },
        status=400 if problem else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def survey_create(request):
    unit = _managed_unit(request)
    form = SurveyForm(
        request.POST or None, unit=unit, initial={"fiscal_year": _default_fiscal_year(unit)}
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            survey = services.create_survey(
                unit,
                fiscal_year=data["fiscal_year"],
                title=data["title"],
                description=data["description"],
                activity=data["activity"],
                acting_user=request.user,
            )
            messages.success(request, _("The survey was created. Add its questions."))
            return redirect(survey)
        return render(request, "surveys/survey_form.html", {"form": form, "unit": unit}, status=400)
    return render(request, "surveys/survey_form.html", {"form": form, "unit": unit})


@require_POST
@login_required
def survey_from_template(request):
    unit = _managed_unit(request)
    form = TemplateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a template and a fiscal year such as 2566."))
        return redirect("surveys:survey-list")
    survey = services.create_from_template(
        form.cleaned_data["template"],
        unit,
        form.cleaned_data["fiscal_year"],
        acting_user=request.user,
    )
    messages.success(
        request, _("The survey was created from the template. Check it, then open it.")
    )
    return redirect(survey)


# ---------------------------------------------------------------------------- one survey


def _builder_context(request, survey, **extra):
    sections = list(survey.sections.all())
    questions = survey.questions_in_order()
    by_section = {section.pk: [] for section in sections}
    for question in questions:
        by_section.setdefault(question.section_id, []).append(question)
    manage = may_edit(request.user, survey)
    response_count = survey.responses.count()
    context = {
        "survey": survey,
        "sections": [(section, by_section[section.pk]) for section in sections],
        "question_count": len(questions),
        "response_count": response_count,
        "locked": response_count > 0,
        "can_manage": manage,
        "section_form": SectionForm() if manage else None,
        "public_url": request.build_absolute_uri(survey.get_public_url()),
    }
    context.update(extra)
    return context


@require_GET
@login_required
def survey_detail(request, pk: int):
    survey = get_visible_or_404(request, _surveys(), pk=pk)
    return render(request, "surveys/survey_detail.html", _builder_context(request, survey))


@require_http_methods(["GET", "POST"])
@login_required
def survey_edit(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    form = SurveyForm(request.POST or None, instance=survey, unit=survey.unit)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            services.update_survey(
                survey,
                fiscal_year=data["fiscal_year"],
                title=data["title"],
                description=data["description"],
                activity=data["activity"],
                acting_user=request.user,
            )
            messages.success(request, _("The survey was saved."))
            return redirect(survey)
        # The form wrote the typed values onto the instance; show them, save nothing.
        return render(
            request,
            "surveys/survey_form.html",
            {"form": form, "unit": survey.unit, "survey": survey},
            status=400,
        )
    return render(
        request, "surveys/survey_form.html", {"form": form, "unit": survey.unit, "survey": survey}
    )


@require_POST
@login_required
def survey_state(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    is_open = request.POST.get("open") == "1"
    try:
        services.set_open(survey, is_open, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The survey is open for responses.") if is_open else _("The survey is closed."),
        )
    return redirect(survey)


@require_POST
@login_required
def survey_results_public(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    published = request.POST.get("publish") == "1"
    try:
        services.set_results_published(survey, published, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The results are shown on the office's portal.")
            if published
            else _("The results were withdrawn from the portal."),
        )
    return redirect(survey)


@require_POST
@login_required
def survey_copy(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    copy = services.copy_survey(survey, acting_user=request.user)
    messages.success(request, _("This is an editable copy; it starts closed."))
    return redirect(copy)


@require_POST
@login_required
def survey_delete(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    try:
        services.delete_survey(survey, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect(survey)
    messages.success(request, _("The survey was deleted."))
    return redirect("surveys:survey-list")


# ---------------------------------------------------------------------------- sections


@require_POST
@login_required
def section_add(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.add_section(survey, **form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            return redirect(survey)
    return render(
        request,
        "surveys/survey_detail.html",
        _builder_context(request, survey, section_form=form),
        status=400,
    )


@require_http_methods(["GET", "POST"])
@login_required
def section_edit(request, pk: int):
    section = get_editable_or_403(request, Section.objects.select_related("survey__unit"), pk=pk)
    survey = section.survey
    form = SectionForm(
        request.POST or None,
        initial={"title": section.title, "description": section.description},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_section(section, **form.cleaned_data, acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                return redirect(survey)
        status = 400
    return render(
        request,
        "surveys/section_form.html",
        {"form": form, "section": section, "survey": survey},
        status=status,
    )


@require_POST
@login_required
def section_delete(request, pk: int):
    section = get_editable_or_403(request, Section.objects.select_related("survey__unit"), pk=pk)
    try:
        services.delete_section(section, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(section.survey)


@require_POST
@login_required
def section_move(request, pk: int):
    section = get_editable_or_403(request, Section.objects.select_related("survey__unit"), pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_section(section, form.cleaned_data["direction"], acting_user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return redirect(section.survey)


# ---------------------------------------------------------------------------- questions


def _question_values(form) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "text": data["text"],
        "help_text": data["help_text"],
        "required": data["required"],
        "choices": data["choice_list"],
    }


@require_http_methods(["GET", "POST"])
@login_required
def question_add(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    initial = {"required": True, "kind": Question.Kind.SCALE}
    section_id = request.GET.get("section", "")
    if is_number(section_id):
        initial["section"] = int(section_id)
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_question(
                    form.cleaned_data["section"],
                    **_question_values(form),
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("The question was added."))
                return redirect(survey)
        status = 400
    return render(
        request, "surveys/question_form.html", {"form": form, "survey": survey}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def question_edit(request, pk: int):
    question = get_editable_or_403(request, _questions(), pk=pk)
    survey = question.survey
    initial = {
        "section": question.section_id,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
        "choices": "\n".join(c.text for c in question.choices.all()),
    }
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_question(
                    question,
                    section=form.cleaned_data["section"],
                    **_question_values(form),
                    acting_user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("The question was saved."))
                return redirect(survey)
        status = 400
    return render(
        request,
        "surveys/question_form.html",
        {"form": form, "survey": survey, "question": question},
        status=status,
    )


@require_POST
@login_required
def question_delete(request, pk: int):
    question = get_editable_or_403(request, _questions(), pk=pk)
    try:
        services.delete_question(question, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(question.survey)


@require_POST
@login_required
def question_move(request, pk: int):
    question = get_editable_or_403(request, _questions(), pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_question(
                question, form.cleaned_data["direction"], acting_user=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return redirect(question.survey)


# ---------------------------------------------------------------------------- results


@require_GET
@login_required
def survey_results(request, pk: int):
    survey = get_visible_or_404(request, _surveys(), pk=pk)
    manage = may_edit(request.user, survey)
    assignment = evidence.target_for(RESULTS, survey) if manage else None
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "results": compute_results(survey),
            "can_manage": manage,
            "assignment": assignment,
        },
    )


@require_GET
@login_required
def survey_results_xlsx(request, pk: int):
    survey = get_visible_or_404(request, _surveys(), pk=pk)
    return download_response(
        results_workbook(compute_results(survey)),
        filename=f"survey-{survey.pk}-results.xlsx",
        content_type=XLSX_TYPE,
    )


@require_POST
@login_required
def survey_attach_evidence(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    try:
        item = services.attach_results_as_evidence(survey, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("surveys:survey-results", survey.pk)
    messages.success(request, _("The results were attached as evidence."))
    return redirect(item.assignment)


SHOWN_INVITATIONS = 200


@require_http_methods(["GET", "POST"])
@login_required
def survey_invitations(request, pk: int):
    """One-time links to hand out: each gives one response (``submit_response``)."""
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    if request.method == "POST" and "invitation_only" in request.POST:
        services.set_invitation_only(
            survey, request.POST["invitation_only"] == "1", acting_user=request.user
        )
        messages.success(request, _("The survey's answering rule was saved."))
        return redirect("surveys:survey-invitations", survey.pk)
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.create_invitations(
                    survey, form.cleaned_data["count"], acting_user=request.user
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(
                    request,
                    _("%(count)s invitation links were created.") % {"count": len(created)},
                )
                return redirect("surveys:survey-invitations", survey.pk)
        status = 400
    unused = survey.invitations.filter(used_at__isnull=True).order_by("-pk")
    return render(
        request,
        "surveys/invitations.html",
        {
            "survey": survey,
            "form": form,
            "unused": [
                request.build_absolute_uri(f"{survey.get_public_url()}?invite={token}")
                for token in unused.values_list("token", flat=True)[:SHOWN_INVITATIONS]
            ],
            "unused_count": unused.count(),
            "used_count": survey.invitations.filter(used_at__isnull=False).count(),
        },
        status=status,
    )


# ---------------------------------------------------------------------------- QR and poster


def _qr(request, survey):
    return segno.make(request.build_absolute_uri(survey.get_public_url()), error="m")


@require_GET
@login_required
def survey_qr(request, pk: int, kind: str):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    qr = _qr(request, survey)
    buffer = BytesIO()
    if kind == "png":
        qr.save(buffer, kind="png", scale=12, border=4)
        content_type = "image/png"
    else:
        qr.save(buffer, kind="svg", scale=10, border=4, title=survey.title)
        content_type = "image/svg+xml"
    return download_response(
        buffer.getvalue(), filename=f"survey-{survey.pk}-qr.{kind}", content_type=content_type
    )


@require_GET
@login_required
def survey_poster(request, pk: int):
    survey = get_editable_or_403(request, _surveys(), pk=pk)
    return render(
        request,
        "surveys/poster.html",
        {
            "survey": survey,
            "qr_svg": _qr(request, survey).svg_inline(scale=8, border=2, omitsize=True),
            "public_url": request.build_absolute_uri(survey.get_public_url()),
        },
    )


# ---------------------------------------------------------------------------- public


def _cookie_name(survey: Survey) -> str:
    return f"saisaat-survey-{survey.pk}"


def _previous_response(request, survey: Survey) -> Response | None:
    key = request.get_signed_cookie(_cookie_name(survey), default=None, salt=COOKIE_SALT)
    if not key:
        return None
    return Response.objects.filter(survey=survey, key=key).first()


RESPONSE_WINDOW_SECONDS = 10 * 60


def _within_rate_limit(request) -> bool:
    """A light limit on responses per address, so a script cannot stuff a survey: every
    response sent counts, and past the limit within ten minutes they are refused."""
    limit = settings.SAISAAT_SURVEY_RESPONSES_PER_ADDRESS
    limited = ratelimit.is_limited("survey-response", request, limit)
    ratelimit.count("survey-response", request, limit, window=RESPONSE_WINDOW_SECONDS)
    return not limited


def _render_public(request, survey, form, *, status=200, changing=False):
    return render(
        request,
        "surveys/public_form.html",
        {
            "survey": survey,
            "form": form,
            "sections": form.sections(survey.sections.all()),
            "changing": changing,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def public_survey(request, token: str):
    survey = get_object_or_404(Survey.objects.select_related("unit"), public_token=token)
    if not survey.is_open:
        return render(
            request,
            "surveys/public_closed.html",
            {"survey": survey},
            status=200 if request.method == "GET" else 403,
        )
    invitation = None
    if request.GET.get("invite"):
        invitation = get_object_or_404(
            Invitation.objects.all(),
            survey=survey,
            token=request.GET["invite"][:32],
        )
    previous = _previous_response(request, survey)
    if survey.invitation_only and invitation is None and previous is None:
        # Only through an invitation link: the public link alone takes no answers.
        return render(
            request,
            "surveys/public_thanks.html",
            {"survey": survey, "invitation_needed": True},
            status=200 if request.method == "GET" else 403,
        )
    if invitation is not None and invitation.used_at is not None and previous is None:
        # One response per invitation: another device already answered through it.
        return render(
            request,
            "surveys/public_thanks.html",
            {"survey": survey, "already": True, "invitation_used": True},
            status=200 if request.method == "GET" else 403,
        )
    questions = survey.questions_in_order()
    if request.method == "GET":
        if previous is not None and "change" not in request.GET:
            return render(
                request, "surveys/public_thanks.html", {"survey": survey, "already": True}
            )
        initial = initial_from_response(previous, questions) if previous else {}
        form = ResponseForm(initial=initial, questions=questions)
        return _render_public(request, survey, form, changing=previous is not None)

    form = ResponseForm(request.POST, questions=questions)
    if not _within_rate_limit(request):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Many responses came from your network just now. "
                "Please wait a few minutes and send again; your answers are still here."
            ),
        )
        return _render_public(request, survey, form, status=429)
    if not form.is_valid():
        return _render_public(request, survey, form, status=400, changing=previous is not None)
    try:
        response = services.submit_response(
            survey,
            form.answers(),
            key=previous.key if previous else None,
            address=client_address(request),
            invitation=invitation,
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _render_public(request, survey, form, status=400)
    redirect_to = redirect("surveys:public-thanks", survey.public_token)
    redirect_to.set_signed_cookie(
        _cookie_name(survey),
        response.key,
        salt=COOKIE_SALT,
        max_age=int(COOKIE_AGE.total_seconds()),
        path=reverse("surveys:public", args=[survey.public_token]),
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return redirect_to


@require_GET
def public_thanks(request, token: str):
    survey = get_object_or_404(Survey.objects.select_related("unit"), public_token=token)
    return render(
        request,
        "surveys/public_thanks.html",
        {
            "survey": survey,
            "already": False,
            "can_change": survey.is_open and _previous_response(request, survey) is not None,
        },
    )
