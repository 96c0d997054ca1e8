"""5S inspections: an office's checklist of work areas, its quarterly rounds, the
corrective actions of a round and the quarterly trend."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.assessments import charts, fives, services
from saisaat.assessments.forms import (
    CloseActionForm,
    CorrectiveActionForm,
    FivesProgrammeForm,
    QuarterRoundForm,
    WorkAreaForm,
)
from saisaat.assessments.models import (
    CorrectiveAction,
    Criterion,
    FivesProgramme,
    Framework,
    Round,
    WorkArea,
    round_manager,
)
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.plans.years import picked_year, visible_plan_years
from saisaat.thai.numbers import is_number


def _picked_year(request, unit) -> tuple[list[int], int]:
    """The shared year picker's years (the plan years the user sees, and the one shown) and
    the year: the one asked for or chosen earlier in the session, with a plan or not, else
    the default of every year-dependent page."""
    return picked_year(request, visible_plan_years(request.user, unit), show_unknown="chosen")


# ---------------------------------------------------------------------------- checklist


def _render_checklist(request, unit, *, form=None, round_form=None, status=200):
    framework = fives.checklist_of(unit)
    manage = can_manage(request.user, unit)
    year = _picked_year(request, unit)[1]
    if manage:
        form = form or WorkAreaForm()
        round_form = round_form or QuarterRoundForm(unit=unit, initial={"fiscal_year": year})
    context = {
        "unit": unit,
        "framework": framework,
        "areas": list(WorkArea.objects.filter(unit=unit).order_by("position")),
        "sections": fives.FIVE_S,
        "in_use": framework is not None and fives.in_use(framework),
        "rounds": list(
            Round.objects.visible_to(request.user)
            .filter(framework=framework, quarter__isnull=False)
            .order_by("-fiscal_year", "-quarter")
        )
        if framework
        else [],
        "can_manage": manage,
        "form": form,
        "round_form": round_form,
        "year": year,
    }
    return render(request, "assessments/fives_checklist.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def checklist(request, code: str):
    if request.method == "GET":
        return _render_checklist(request, get_unit_for_user(request, code))
    unit = get_unit_for_user(request, code, manage=True)
    form = WorkAreaForm(request.POST)
    if form.is_valid():
        try:
            fives.add_work_area(unit, form.cleaned_data["name"], acting_user=request.user)
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The work area was added to the 5S checklist."))
            return redirect("assessments:fives-checklist", code=unit.code)
    return _render_checklist(request, unit, form=form, status=400)


@require_POST
@login_required
def work_area_remove(request, pk: int):
    area = get_visible_or_404(request, WorkArea.objects.select_related("unit"), pk=pk)
    if not can_manage(request.user, area.unit):
        raise PermissionDenied
    try:
        fives.remove_work_area(area, acting_user=request.user)
    except services.AssessmentError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The work area was removed from the 5S checklist."))
    return redirect("assessments:fives-checklist", code=area.unit.code)


@require_POST
@login_required
def quarter_round_new(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    form = QuarterRoundForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            round_ = fives.create_quarter_round(
                unit,
                fiscal_year=data["fiscal_year"],
                quarter=data["quarter"],
                assessors=data["assessors"],
                acting_user=request.user,
            )
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The round was created as a draft; open it for scoring."))
            return redirect("assessments:round-detail", pk=round_.pk)
    return _render_checklist(request, unit, round_form=form, status=400)


# ---------------------------------------------------------------------------- actions


def _round_and_office(request, pk, code):
    round_ = get_visible_or_404(request, Round.objects.select_related("framework", "unit"), pk=pk)
    if round_.framework.kind != Framework.Kind.FIVE_S:
        raise Http404
    unit = round_.assessed_units.filter(code=code).first()
    if unit is None:
        raise Http404
    return round_, unit


def _render_actions(request, round_, unit, *, form=None, status=200):
    may_record = fives.may_record_action(request.user, round_)
    recording = round_.status in (Round.Status.OPEN, Round.Status.CLOSED)
    if may_record and (recording or form is not None):
        shown = services.results_shown(request.user, round_)
        weak = fives.weak_criteria(round_, unit) if shown else []
        form = form or CorrectiveActionForm(
            criteria=_criteria(round_),
            initial={"criterion": weak[0].pk if weak else None},
        )
    else:
        form = None
    actions = list(
        CorrectiveAction.objects.visible_to(request.user)
        .filter(round=round_, unit=unit)
        .select_related("round", "criterion", "closed_by")
    )
    carried = list(fives.carried_actions(round_, unit))
    context = {
        "round": round_,
        "unit": unit,
        "actions": actions,
        "carried": carried,
        "form": form,
        "can_close": [a.pk for a in actions + carried if fives.may_close_action(request.user, a)],
        "close_form": CloseActionForm(),
    }
    return render(request, "assessments/fives_actions.html", context, status=status)


def _criteria(round_):
    return (
        Criterion.objects.filter(section__framework_id=round_.framework_id)
        .select_related("section")
        .order_by("work_area__position", "section__position")
    )


@require_http_methods(["GET", "POST"])
@login_required
def round_actions(request, pk: int, code: str):
    round_, unit = _round_and_office(request, pk, code)
    if request.method == "GET":
        return _render_actions(request, round_, unit)
    if not fives.may_record_action(request.user, round_):
        raise PermissionDenied
    form = CorrectiveActionForm(request.POST, criteria=_criteria(round_))
    if form.is_valid():
        data = form.cleaned_data
        try:
            fives.record_action(
                round_,
                unit,
                data["criterion"],
                action=data["action"],
                responsible=data["responsible"],
                due_on=data["due_on"],
                acting_user=request.user,
            )
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The corrective action was recorded."))
            return redirect("assessments:fives-actions", pk=round_.pk, code=unit.code)
    return _render_actions(request, round_, unit, form=form, status=400)


@require_POST
@login_required
def action_close(request, pk: int):
    action = get_visible_or_404(
        request, CorrectiveAction.objects.select_related("round", "unit"), pk=pk
    )
    if not fives.may_close_action(request.user, action):
        raise PermissionDenied
    form = CloseActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("outcome", [])))
    else:
        try:
            fives.close_action(
                action, outcome=form.cleaned_data["outcome"], acting_user=request.user
            )
        except services.AssessmentError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The corrective action was closed."))
    back = request.POST.get("round", "")
    if is_number(back) and len(back) < 10:
        shown = Round.objects.visible_to(request.user).filter(pk=int(back)).first()
        if shown is not None and shown.assessed_units.filter(pk=action.unit_id).exists():
            return redirect("assessments:fives-actions", pk=shown.pk, code=action.unit.code)
    return redirect("assessments:fives-actions", pk=action.round_id, code=action.unit.code)


# ---------------------------------------------------------------------------- trend


def shown_quarter_rounds(user, unit, fiscal_year):
    """The office's quarterly 5S rounds of ``fiscal_year`` whose results ``user`` sees."""
    rounds = (
        Round.objects.visible_to(user)
        .filter(
            framework__kind=Framework.Kind.FIVE_S,
            unit=unit,
            fiscal_year=fiscal_year,
            quarter__isnull=False,
        )
        .select_related("framework", "unit")
        .order_by("quarter")
    )
    return [r for r in rounds if services.results_shown(user, r)]


@require_GET
@login_required
def trend(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year = _picked_year(request, unit)
    data = fives.trend(unit, year, shown_quarter_rounds(request.user, unit, year))
    rows = [{"row": row, "chart": charts.sparkline(row.scores, maximum=100)} for row in data.rows]
    context = {
        "unit": unit,
        "year": year,
        "years": years,
        "trend": data,
        "rows": rows,
        "chart": charts.quarter_bars(fives.quarter_means(data)),
        "round_manager": any(r and round_manager(request.user, r) for r in data.rounds),
    }
    return render(request, "assessments/fives_trend.html", context)


# ---------------------------------------------------------------------------- programme


def _render_programme(request, unit, years, year, *, form=None, status=200):
    programme = (
        FivesProgramme.objects.filter(unit=unit, fiscal_year=year)
        .prefetch_related("working_group")
        .first()
    )
    manage = can_manage(request.user, unit)
    if manage and form is None:
        initial = {"measures": "", "working_group": [], "appointed_by": ""}
        if programme is not None:
            initial = {
                "measures": programme.measures,
                "working_group": list(programme.working_group.all()),
                "appointed_by": programme.appointed_by,
            }
        form = FivesProgrammeForm(unit=unit, initial=initial)
    context = {
        "unit": unit,
        "year": year,
        "years": years,
        "programme": programme,
        "members": sorted(programme.working_group.all(), key=lambda m: (m.last_name, m.first_name))
        if programme
        else [],
        "topics": fives.environment_by_topic(unit, year),
        "form": form if manage else None,
    }
    return render(request, "assessments/fives_programme.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def programme(request, code: str):
    if request.method == "GET":
        unit = get_unit_for_user(request, code)
        return _render_programme(request, unit, *_picked_year(request, unit))
    unit = get_unit_for_user(request, code, manage=True)
    years, year = _picked_year(request, unit)
    form = FivesProgrammeForm(request.POST, unit=unit)
    if form.is_valid():
        data = form.cleaned_data
        try:
            fives.save_programme(
                unit,
                year,
                measures=data["measures"],
                working_group=data["working_group"],
                appointed_by=data["appointed_by"],
                acting_user=request.user,
            )
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The 5S programme was saved."))
            return redirect(
                reverse("assessments:fives-programme", args=[unit.code]) + f"?year={year}"
            )
    return _render_programme(request, unit, years, year, form=form, status=400)
