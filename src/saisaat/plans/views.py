from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from saisaat.audit.history import rows
from saisaat.plans import evidence
from saisaat.plans.access import (
    can_edit_checklist,
    can_publish,
    get_activity_for_user,
    get_plan_for_user,
)
from saisaat.plans.forms import ActivityFilterForm, RequirementFormSet
from saisaat.plans.history import paginate as paginate_history
from saisaat.plans.models import Activity, Plan
from saisaat.plans.requirements import ItemChange, edit_requirements


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


def _kinds():
    return sorted(((s.kind, str(s.label)) for s in evidence.sources()), key=lambda k: k[1])


@require_http_methods(["GET", "POST"])
@login_required
def activity_checklist(request, pk: int):
    """An administrator edits the evidence checklist of an activity."""
    activity = get_activity_for_user(request, pk)
    plan = activity.measure.dimension.plan
    if not can_edit_checklist(request.user, plan):
        raise PermissionDenied
    requirements = list(activity.requirements.in_use().order_by("position"))
    kinds = _kinds()
    if request.method == "POST":
        formset = RequirementFormSet(request.POST, form_kwargs={"kinds": kinds})
        if formset.is_valid():
            by_pk = {r.pk: r for r in requirements}
            changes = []
            for data in formset.cleaned_data:
                if not data:
                    continue
                values = {
                    name: data.get(name) or ""
                    for name in ("label", "kind", "minimum_kind", "minimum_unit")
                }
                values["label"] = values["label"].strip()
                values["minimum"] = data.get("minimum")
                requirement = by_pk.get(data.get("id"))
                if data.get("id") and requirement is None:
                    continue
                delete = bool(data.get("delete")) or (
                    requirement is not None and not values["label"]
                )
                changes.append(ItemChange(requirement, values, delete))
            try:
                count = edit_requirements(activity, changes, acting_user=request.user)
            except ValidationError as error:
                formset._non_form_errors = formset.error_class(error.messages)
            else:
                messages.success(
                    request, _("The checklist was saved (%(count)s changes).") % {"count": count}
                )
                return redirect("plans:activity-checklist", pk=activity.pk)
        status = 400
    else:
        formset = RequirementFormSet(
            initial=[
                {
                    "id": r.pk,
                    "label": r.label,
                    "kind": r.kind,
                    "minimum": r.minimum,
                    "minimum_kind": r.minimum_kind,
                    "minimum_unit": r.minimum_unit,
                }
                for r in requirements
            ],
            form_kwargs={"kinds": kinds},
        )
        status = 200
    return render(
        request,
        "plans/activity_checklist.html",
        {
            "activity": activity,
            "plan": plan,
            "formset": formset,
            "retired": activity.requirements.exclude(retired_at=None).order_by("position"),
        },
        status=status,
    )
