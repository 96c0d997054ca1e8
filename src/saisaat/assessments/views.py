"""Assessment rounds: the list, a round, scoring an office and the results."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.assessments import certificate, charts, fives, services
from saisaat.assessments.forms import RoundForm
from saisaat.assessments.models import Criterion, Framework, Round, Score, round_manager
from saisaat.core.downloads import download_response, stored_file_response
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.thai.calendar import fiscal_year


def _rounds():
    return Round.objects.select_related("framework", "unit")


@require_GET
@login_required
def round_list(request):
    rounds = list(
        Round.objects.visible_to(request.user)
        .select_related("framework", "unit")
        .annotate(office_count=Count("assessed_units", distinct=True))
        .order_by("-fiscal_year", "-opens_on", "-pk")
    )
    unit = request.user.unit
    may_create = unit is not None and can_manage(request.user, unit)
    context = {"rounds": rounds, "new_round_unit": unit if may_create else None}
    return render(request, "assessments/round_list.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def round_new(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    today = timezone.localdate()
    form = RoundForm(
        request.POST or None,
        unit=unit,
        initial={"fiscal_year": fiscal_year(today), "opens_on": today, "closes_on": today},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.create_round(
                data["framework"],
                unit,
                fiscal_year=data["fiscal_year"],
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                assessed_units=data["assessed_units"],
                assessors=data["assessors"],
                acting_user=request.user,
            )
        except services.AssessmentError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The round was created as a draft; open it for scoring."))
            return redirect("assessments:round-detail", pk=round_.pk)
    status = 400 if request.method == "POST" else 200
    context = {"unit": unit, "form": form}
    return render(request, "assessments/round_new.html", context, status=status)


def _render_detail(request, round_, *, status=200, error=""):
    manage = round_manager(request.user, round_)
    units = list(round_.assessed_units.order_by("code"))
    is_assessor = round_.assessors.filter(pk=request.user.pk).exists()
    own = dict(
        Score.objects.visible_to(request.user)
        .filter(round=round_, assessor=request.user)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    progress = []
    if manage:
        # Counts only: the managers follow who has scored how much, not the scores.
        given = dict(
            round_.scores.order_by()
            .values("assessor_id")
            .annotate(n=Count("pk"))
            .values_list("assessor_id", "n")
        )
        progress = [(a, given.get(a.pk, 0)) for a in round_.assessors.order_by("username")]
    next_step = services.TRANSITIONS.get(round_.status, (None,))[0]
    context = {
        "round": round_,
        "units": [(unit, own.get(unit.pk, 0)) for unit in units],
        "criterion_count": Criterion.objects.filter(
            section__framework_id=round_.framework_id
        ).count(),
        "is_assessor": is_assessor,
        "may_score": is_assessor and round_.status == Round.Status.OPEN,
        "can_manage": manage,
        "progress": progress,
        "next_step": next_step,
        "next_step_label": Round.Status(next_step).label if next_step else "",
        "results_shown": _results_shown(request.user, round_),
        "five_s": round_.framework.kind == Framework.Kind.FIVE_S,
        "error": error,
    }
    return render(request, "assessments/round_detail.html", context, status=status)


@require_GET
@login_required
def round_detail(request, pk: int):
    return _render_detail(request, get_visible_or_404(request, _rounds(), pk=pk))


@require_POST
@login_required
def round_advance(request, pk: int):
    round_ = get_editable_or_403(request, _rounds(), pk=pk)
    step = services.STEPS.get(request.POST.get("to", ""))
    if step is None:
        return _render_detail(request, round_, status=400, error=_("Choose the round's next step."))
    try:
        step(round_, acting_user=request.user)
    except services.AssessmentError as error:
        return _render_detail(request, round_, status=400, error=error.messages[0])
    messages.success(
        request, _("The round is now: %(status)s.") % {"status": round_.get_status_display()}
    )
    return redirect("assessments:round-detail", pk=round_.pk)


# ---------------------------------------------------------------------------- scoring


def _scoring_context(request, round_, unit, criteria, *, posted=None, errors=None):
    own = {
        score.criterion_id: score
        for score in Score.objects.visible_to(request.user).filter(
            round=round_, assessor=request.user, unit=unit
        )
    }
    rows = []
    for criterion in criteria:
        score = own.get(criterion.pk)
        figure = services.suggestion(criterion, unit, round_.fiscal_year)
        if posted is not None:
            chosen = posted.get(f"c{criterion.pk}", "")
            comment = posted.get(f"comment-{criterion.pk}", "")
        else:
            # A suggestion from the records is said beside the criterion, never ticked: a
            # saved page would otherwise record it as the assessor's own judgement.
            if score is not None:
                chosen = str(score.level_id) if score.level_id else _points_text(score.points)
            else:
                chosen = ""
            comment = score.comment if score else ""
        rows.append(
            {
                "criterion": criterion,
                "choices": _choices(criterion),
                "chosen": chosen,
                "comment": comment,
                "score": score,
                "suggested": figure.points if figure else None,
                "figure": figure,
                "error": (errors or {}).get(criterion.pk, ""),
            }
        )
    units = list(round_.assessed_units.order_by("code"))
    index = [u.pk for u in units].index(unit.pk)
    five_s = round_.framework.kind == Framework.Kind.FIVE_S
    return {
        "five_s": five_s,
        # The office's corrective actions still open from its earlier inspections.
        "carried": list(fives.carried_actions(round_, unit)) if five_s else [],
        "round": round_,
        "unit": unit,
        "rows": rows,
        "units": units,
        "previous": units[index - 1] if index > 0 else None,
        "next": units[index + 1] if index + 1 < len(units) else None,
    }


def _points_text(points) -> str:
    return str(int(points)) if points == points.to_integral_value() else str(points)


def _choices(criterion) -> list[tuple[str, str]]:
    """(value sent, label shown) for each radio button of the criterion."""
    if criterion.scale == Criterion.Scale.LEVELS:
        return [
            (str(level.pk), f"{level.label} ({level.points})") for level in criterion.levels.all()
        ]
    if criterion.scale == Criterion.Scale.PASS_FAIL:
        return [(str(criterion.max_points), _("Pass")), ("0", _("Fail"))]
    return [(str(points), str(points)) for points in range(criterion.max_points, -1, -1)]


def _scoring_round(request, pk):
    """The round, if the user is one of its assessors and it is open: 404 for who may not
    see it, 403 for who sees it but does not score (a manager, a closed round)."""
    round_ = get_visible_or_404(request, _rounds(), pk=pk)
    if not services.may_score(request.user, round_):
        raise PermissionDenied
    return round_


@require_http_methods(["GET", "POST"])
@login_required
def round_score(request, pk: int, code: str):
    round_ = _scoring_round(request, pk)
    unit = round_.assessed_units.filter(code=code).first()
    if unit is None:
        raise Http404
    criteria = services.criteria_of(round_.framework)
    if round_.framework.kind == Framework.Kind.FIVE_S:
        # The inspector walks from one work area to the next.
        criteria.sort(
            key=lambda c: (c.work_area.position if c.work_area else 0, c.section.position)
        )
    if request.method == "GET":
        context = _scoring_context(request, round_, unit, criteria)
        return render(request, "assessments/round_score.html", context)

    errors, saved, photos, too_large = {}, 0, [], False
    try:
        with transaction.atomic():
            for criterion in criteria:
                value = request.POST.get(f"c{criterion.pk}", "").strip()
                photo = request.FILES.get(f"photo-{criterion.pk}")
                if not value:
                    continue
                level = None
                if criterion.scale == Criterion.Scale.LEVELS:
                    level = next((lv for lv in criterion.levels.all() if str(lv.pk) == value), None)
                try:
                    score = services.record_score(
                        round_,
                        unit,
                        criterion,
                        assessor=request.user,
                        points=None if criterion.scale == Criterion.Scale.LEVELS else value,
                        level=level,
                        comment=request.POST.get(f"comment-{criterion.pk}", ""),
                        photo=photo,
                        acting_user=request.user,
                    )
                    saved += 1
                    if photo is not None:
                        photos.append(score.photo)
                except ValidationError as error:
                    errors[criterion.pk] = error.messages[0]
                    too_large = too_large or getattr(error, "code", None) == "too_large"
            if errors:
                raise services.AssessmentError("")
    except services.AssessmentError:
        # The scores were rolled back; the photos stored for them go too.
        for stored in photos:
            stored.storage.delete(stored.name)
    if errors or not saved:
        context = _scoring_context(
            request, round_, unit, criteria, posted=request.POST, errors=errors
        )
        context["error"] = (
            _("Nothing was saved: correct the scores marked below.")
            if errors
            else _("Choose a score for at least one criterion.")
        )
        status = 413 if too_large else 400
        return render(request, "assessments/round_score.html", context, status=status)
    messages.success(
        request,
        _("Your scores of %(office)s were saved.") % {"office": unit.short_name_th or unit.name_th},
    )
    following = request.POST.get("next", "")
    if following and round_.assessed_units.filter(code=following).exists():
        return redirect("assessments:round-score", pk=round_.pk, code=following)
    return redirect("assessments:round-score", pk=round_.pk, code=unit.code)


@require_GET
@login_required
def score_photo(request, pk: int):
    score = get_visible_or_404(request, Score.objects.select_related("round"), pk=pk)
    if not score.photo:
        raise Http404
    content_type = mimetypes.guess_type(score.photo.name)[0] or "application/octet-stream"
    name = score.photo.name.rsplit("/", 1)[-1]
    return stored_file_response(score.photo, filename=name, content_type=content_type)


# ---------------------------------------------------------------------------- results


_results_shown = services.results_shown


@require_GET
@login_required
def round_results(request, pk: int):
    round_ = get_visible_or_404(request, _rounds(), pk=pk)
    if not _results_shown(request.user, round_):
        raise Http404
    results = services.results(round_)
    rows = [
        {
            "result": result,
            "sections": [(s, result.section_display(s.code)) for s in results.sections],
            "radar": charts.radar(
                [
                    (f"{s.code} {result.section_display(s.code)}", result.shares[s.code])
                    for s in results.sections
                ]
            ),
        }
        for result in results.ranking
    ]
    five_s = round_.framework.kind == Framework.Kind.FIVE_S
    if five_s:
        # Still open as of the round (the memo's count), fixed once it is published.
        counts = fives.open_action_counts(round_)
        for row in rows:
            row["open_actions"] = counts.get(row["result"].unit.pk, 0)
    context = {"round": round_, "results": results, "rows": rows, "five_s": five_s}
    return render(request, "assessments/round_results.html", context)


@require_GET
@login_required
def round_certificate(request, pk: int):
    """The announcement of the model office and its certificate, once the results show and
    one office is first alone; 404 otherwise, and for the kinds that select no model office
    (moral self-assessment, 5S)."""
    round_ = get_visible_or_404(request, _rounds(), pk=pk)
    if round_.framework.kind in services.NO_MODEL_OFFICE:
        raise Http404
    if not _results_shown(request.user, round_) or round_.published_at is None:
        raise Http404
    results = services.results(round_)
    if results.model_office is None:
        raise Http404
    data = certificate.render(results, signer=services.signer_of(round_.unit))
    return download_response(
        data, filename=f"model-office-{round_.pk}.pdf", content_type="application/pdf"
    )
