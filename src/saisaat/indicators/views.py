from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from saisaat.indicators import drilldown
from saisaat.indicators.engine import WINDOW_ACTIVITY, WINDOW_YEAR, evaluate, summary
from saisaat.indicators.project import evaluate_project, indicator_for
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.plans.models import Plan, Target
from saisaat.plans.years import choose_year, plan_for, rolls_up, visible_plan_years


def _window(request) -> str:
    """The activity's period by default; ``?window=year`` counts the whole fiscal year."""
    return WINDOW_YEAR if request.GET.get("window") == WINDOW_YEAR else WINDOW_ACTIVITY


def _year_and_plan(request, unit):
    years = visible_plan_years(request.user, unit)
    year = choose_year(request, years)
    return years, year, plan_for(unit, year)


@require_GET
@login_required
def unit_indicators(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year, plan = _year_and_plan(request, unit)
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    window = _window(request)
    results = (
        evaluate(plan, unit, rolled_up=rolled_up, with_trend=True, window=window) if plan else []
    )
    return render(
        request,
        "indicators/unit.html",
        {
            "unit": unit,
            "years": years,
            "year": year,
            "plan": plan,
            "rolled_up": rolled_up,
            "window": window,
            "partial_percent": settings.SAISAAT_GRADE_PARTIAL_PERCENT,
            "results": results,
            "summary": summary(results),
            "project_results": evaluate_project(unit, year, rolled_up=rolled_up) if plan else [],
            "districts": list(unit.children.order_by("code")) if unit.kind == "province" else [],
            # The department has no plan of its own: it reads a province's.
            "province_plans": (
                list(
                    Plan.objects.visible_to(request.user)
                    .filter(fiscal_year=year)
                    .select_related("owner_unit")
                    .order_by("owner_unit__code")
                )
                if plan is None and unit.kind == unit.Kind.DEPARTMENT
                else []
            ),
        },
    )


@require_GET
@login_required
def target_detail(request, code: str, target_id: int):
    unit = get_unit_for_user(request, code)
    years, year, plan = _year_and_plan(request, unit)
    if plan is None:
        raise Http404
    target = get_visible_or_404(
        request,
        Target.objects.select_related("activity__measure__dimension", "binding"),
        pk=target_id,
        activity__measure__dimension__plan=plan,
    )
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    window = _window(request)
    result = next(
        (
            r
            for r in evaluate(plan, unit, rolled_up=rolled_up, window=window)
            if r.target.pk == target.pk
        ),
        None,
    )
    if result is None:
        # A target of work this office does not do (province-only, retired, added by
        # another office): not measured here.
        raise Http404
    # ?office=CODE lists one implementing office's records; an unknown code is a 404.
    office = None
    if request.GET.get("office"):
        office = next(
            (o.office for o in result.offices if o.office.code == request.GET["office"]), None
        )
        if office is None:
            raise Http404
    context = {
        "unit": unit,
        "year": year,
        "plan": plan,
        "rolled_up": rolled_up,
        "window": window,
        "result": result,
        "target": target,
        "office": office,
    }
    if result.metric is not None:
        context.update(
            drilldown.records(
                result.metric,
                result.scope,
                result.parameters,
                office_id=office.pk if office else None,
            )
        )
    return render(request, "indicators/target.html", context)


@require_GET
@login_required
def project_detail(request, code: str, key: str):
    """A project's own KPI (OSMKH 9.1) and the people behind it, from the same metric."""
    unit = get_unit_for_user(request, code)
    indicator = indicator_for(key)
    if indicator is None:
        raise Http404
    years, year, plan = _year_and_plan(request, unit)
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    result = next(
        r for r in evaluate_project(unit, year, rolled_up=rolled_up) if r.indicator == indicator
    )
    office = None
    if request.GET.get("office"):
        office = next((o for o, _v, _g in result.offices if o.code == request.GET["office"]), None)
        if office is None:
            raise Http404
    context = {
        "unit": unit,
        "year": year,
        "rolled_up": rolled_up,
        "result": result,
        "office": office,
        **drilldown.records(
            result.metric, result.scope, {}, office_id=office.pk if office else None
        ),
    }
    return render(request, "indicators/project.html", context)
