from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from saisaat.indicators import drilldown
from saisaat.indicators.engine import evaluate, scope_for, summary
from saisaat.orgs.access import get_unit_for_user
from saisaat.plans.models import Target
from saisaat.plans.years import chosen_year, plan_for, plan_years, rolls_up


def _year_and_plan(request, unit):
    years = plan_years(unit)
    year = chosen_year(request.GET.get("year", ""), years, timezone.localdate())
    return years, year, plan_for(unit, year)


@require_GET
@login_required
def unit_indicators(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year, plan = _year_and_plan(request, unit)
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    results = evaluate(plan, unit, rolled_up=rolled_up, with_trend=True) if plan else []
    return render(
        request,
        "indicators/unit.html",
        {
            "unit": unit,
            "years": years,
            "year": year,
            "plan": plan,
            "rolled_up": rolled_up,
            "results": results,
            "summary": summary(results),
            "districts": list(unit.children.order_by("code")) if unit.kind == "province" else [],
        },
    )


@require_GET
@login_required
def target_detail(request, code: str, target_id: int):
    unit = get_unit_for_user(request, code)
    years, year, plan = _year_and_plan(request, unit)
    if plan is None:
        raise Http404
    target = get_object_or_404(
        Target.objects.filter(activity__measure__dimension__plan=plan).select_related(
            "activity__measure__dimension", "binding"
        ),
        pk=target_id,
    )
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    result = next(
        (r for r in evaluate(plan, unit, rolled_up=rolled_up) if r.target.pk == target.pk), None
    )
    if result is None:
        # A target of work this office does not do (province-only, retired, added by
        # another office): not measured here.
        raise Http404
    scope = scope_for(unit, year, rolled_up=rolled_up)
    context = {
        "unit": unit,
        "year": year,
        "plan": plan,
        "rolled_up": rolled_up,
        "result": result,
        "target": target,
    }
    if result.metric is not None:
        context.update(drilldown.records(result.metric, scope, result.parameters))
    return render(request, "indicators/target.html", context)
