"""Pages of sub-plans: an office's list, drafting, the activities, issuing, the document as
PDF or DOCX, a budget line from an activity and filing the issued document as evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import download_response
from saisaat.documents import subplan_services as services
from saisaat.documents.forms import SubPlanActivityForm, SubPlanForm
from saisaat.documents.models import SubPlan, SubPlanActivity
from saisaat.documents.subplan_doc import content_of, render_subplan_docx, render_subplan_pdf
from saisaat.documents.views import CONTENT_TYPES
from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.plans.years import picked_year, plan_years
from saisaat.thai.calendar import fiscal_year


def _subplans():
    return SubPlan.objects.select_related("unit", "plan_activity__measure__dimension")


def _activity_rows():
    return SubPlanActivity.objects.select_related(
        "plan_activity__measure__dimension", "budget_line"
    ).prefetch_related(
        Prefetch(
            "responsible", queryset=StaffMember.objects.order_by("first_name", "last_name", "pk")
        )
    )


def _activities():
    return SubPlanActivity.objects.select_related("subplan__unit")


def _year(request, unit) -> tuple[list[int], int]:
    """The years to offer (the plan years, the current one and the one shown) and the one
    shown: asked for or chosen earlier in the session, with a plan or not (a sub-plan may be
    drafted before its year's plan), else the default of the plan years."""
    years, year = picked_year(request, plan_years(unit), show_unknown="chosen")
    return sorted({*years, fiscal_year(timezone.localdate())}, reverse=True), year


@require_GET
@login_required
def subplan_list(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year = _year(request, unit)
    subplans = list(
        SubPlan.objects.visible_to(request.user)
        .filter(unit=unit, fiscal_year=year)
        .annotate(activity_count=Count("activities"), budget_total=Sum("activities__budget"))
        .order_by("kind", "pk")
    )
    return render(
        request,
        "documents/subplan_list.html",
        {
            "unit": unit,
            "years": years,
            "year": year,
            "subplans": subplans,
            "can_manage": can_manage(request.user, unit),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def subplan_new(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = _year(request, unit)[1]
    if request.method == "POST":
        form = SubPlanForm(request.POST)
        if form.is_valid():
            try:
                subplan = services.create_subplan(
                    unit, acting_user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The sub-plan was drafted; now add its activities."))
                return redirect(subplan)
    else:
        kind = request.GET.get("kind", "")
        form = SubPlanForm(
            initial={
                "kind": kind if kind in SubPlan.Kind.values else SubPlan.Kind.PARTNERS,
                "fiscal_year": year,
            }
        )
    return render(
        request,
        "documents/subplan_form.html",
        {
            "unit": unit,
            "form": form,
            "heading": _("New sub-plan"),
            "back": reverse("documents:subplan-list", args=[unit.code]),
        },
        status=400 if form.is_bound else 200,
    )


def _activity_form(subplan, data=None, **kwargs):
    return SubPlanActivityForm(
        data,
        staff=services.responsible_choices(subplan.unit),
        activities=services.office_activities(subplan.unit, subplan.fiscal_year),
        **kwargs,
    )


def _render_detail(request, subplan, *, status=200, form=None):
    editable = may_edit(request.user, subplan)
    rows = list(_activity_rows().filter(subplan=subplan).order_by("position", "pk"))
    return render(
        request,
        "documents/subplan_detail.html",
        {
            "subplan": subplan,
            "unit": subplan.unit,
            "rows": rows,
            "total": sum((row.budget for row in rows), 0),
            "can_edit": editable and subplan.is_draft,
            "can_manage": editable,
            "form": (form or _activity_form(subplan)) if editable and subplan.is_draft else None,
        },
        status=status,
    )


@require_GET
@login_required
def subplan_detail(request, pk: int):
    return _render_detail(request, get_visible_or_404(request, _subplans(), pk=pk))


@require_http_methods(["GET", "POST"])
@login_required
def subplan_edit(request, pk: int):
    subplan = get_editable_or_403(request, _subplans(), pk=pk)
    if request.method == "POST":
        form = SubPlanForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.update_subplan(subplan, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The sub-plan was saved."))
                return redirect(subplan)
    else:
        form = SubPlanForm(
            editing=True,
            initial={
                "fiscal_year": subplan.fiscal_year,
                "title": subplan.title,
                "objective": subplan.objective,
            },
        )
    return render(
        request,
        "documents/subplan_form.html",
        {
            "unit": subplan.unit,
            "form": form,
            "heading": _("Edit sub-plan"),
            "back": subplan.get_absolute_url(),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def subplan_activity_add(request, pk: int):
    subplan = get_editable_or_403(request, _subplans(), pk=pk)
    form = _activity_form(subplan, request.POST)
    if form.is_valid():
        try:
            services.add_activity(subplan, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("The activity was added."))
            return redirect(subplan)
    return _render_detail(request, subplan, status=400, form=form)


@require_http_methods(["GET", "POST"])
@login_required
def subplan_activity_edit(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    subplan = activity.subplan
    if request.method == "POST":
        form = _activity_form(subplan, request.POST)
        if form.is_valid():
            try:
                services.update_activity(activity, acting_user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The activity was saved."))
                return redirect(subplan)
    else:
        form = _activity_form(
            subplan,
            initial={
                "name": activity.name,
                "period_start": activity.period_start,
                "period_end": activity.period_end,
                "responsible": list(activity.responsible.values_list("pk", flat=True)),
                "budget": activity.budget,
                "indicator": activity.indicator,
                "target": activity.target,
                "plan_activity": activity.plan_activity_id,
            },
        )
    return render(
        request,
        "documents/subplan_form.html",
        {
            "unit": subplan.unit,
            "form": form,
            "heading": _("Edit activity"),
            "back": subplan.get_absolute_url(),
        },
        status=400 if form.is_bound else 200,
    )


def _act(request, obj, subplan, action, success: str):
    try:
        action(obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(subplan)
    messages.success(request, success)
    return redirect(subplan)


@require_POST
@login_required
def subplan_activity_delete(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    return _act(
        request,
        activity,
        activity.subplan,
        lambda a: services.delete_activity(a, acting_user=request.user),
        _("The activity was removed."),
    )


@require_POST
@login_required
def subplan_activity_budget(request, pk: int):
    activity = get_editable_or_403(request, _activities(), pk=pk)
    return _act(
        request,
        activity,
        activity.subplan,
        lambda a: services.make_budget_line(a, acting_user=request.user),
        _("A budget line was added for the activity."),
    )


@require_POST
@login_required
def subplan_issue(request, pk: int):
    subplan = get_editable_or_403(request, _subplans(), pk=pk)
    return _act(
        request,
        subplan,
        subplan,
        lambda s: services.issue(s, acting_user=request.user),
        _("The sub-plan was issued."),
    )


@require_POST
@login_required
def subplan_evidence(request, pk: int):
    subplan = get_editable_or_403(request, _subplans(), pk=pk)
    return _act(
        request,
        subplan,
        subplan,
        lambda s: services.satisfy_evidence(s, acting_user=request.user),
        _("The sub-plan was filed as evidence of its activity."),
    )


@require_GET
@login_required
def subplan_file(request, pk: int, fmt: str):
    subplan = get_visible_or_404(request, _subplans(), pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    rows = list(_activity_rows().filter(subplan=subplan).order_by("position", "pk"))
    content = content_of(subplan, rows)
    render_file = render_subplan_pdf if fmt == "pdf" else render_subplan_docx
    return download_response(
        render_file(content),
        filename=f"subplan-{subplan.unit.code}-{subplan.fiscal_year}-{subplan.pk}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
