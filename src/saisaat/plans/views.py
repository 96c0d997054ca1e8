from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from saisaat.audit.history import rows
from saisaat.plans.access import can_publish, get_plan_for_user
from saisaat.plans.forms import ActivityFilterForm
from saisaat.plans.history import paginate as paginate_history
from saisaat.plans.models import Activity, Plan


@require_GET
@login_required
def plan_list(request):
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("owner_unit", "programme")
        .order_by("-fiscal_year", "owner_unit__code")
    )
    plans = list(plans)
    if len(plans) == 1:
        return redirect(plans[0])
    return render(request, "plans/plan_list.html", {"plans": plans})


@require_GET
@login_required
def plan_detail(request, pk: int):
    plan = get_plan_for_user(request, pk)
    dimensions = list(plan.dimensions.order_by("number"))
    form = ActivityFilterForm(request.GET or None, dimensions=dimensions)
    activities = form.filter(
        Activity.objects.visible_to(request.user).active().common().for_plan(plan),
        today=timezone.localdate(),
    )
    activities = (
        activities.select_related("measure__dimension")
        .prefetch_related("responsible_groups", "targets")
        .in_plan_order()
        .distinct()
    )
    context = {
        "plan": plan,
        "can_publish": can_publish(request.user, plan),
        "form": form,
        "activities": activities,
        "today": timezone.localdate(),
    }
    template = "plans/_activities.html" if request.htmx else "plans/plan_detail.html"
    response = render(request, template, context)
    # The fragment and the full page share a URL; without this, Back may show the fragment.
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def plan_history(request, pk: int):
    plan = get_plan_for_user(request, pk, admin=True)
    page = paginate_history(plan, request.GET.get("page"))
    return render(
        request, "plans/plan_history.html", {"plan": plan, "page": page, "rows": rows(page)}
    )
