"""Innovation projects of a unit and their before/after comparison."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import can_manage, get_unit_for_user
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404, may_edit
from saisaat.participation.forms.innovation import InnovationProjectForm, MeasurementForm
from saisaat.participation.models import InnovationMeasurement, InnovationProject
from saisaat.participation.services import innovation as services
from saisaat.participation.views.partners import selected_year

ASPECT_LABELS = {
    services.SPEED: gettext_lazy("Speed"),
    services.VALUE: gettext_lazy("Value"),
    services.ECONOMY: gettext_lazy("Economy"),
}


def _projects_of(request, units, year):
    return (
        InnovationProject.objects.visible_to(request.user)
        .filter(unit__in=units, fiscal_year=year)
        .select_related("unit")
        .annotate(measurement_count=Count("measurements"))
        .order_by("unit__code", "started_on", "pk")
    )


def _render_list(request, unit, *, status=200, form=None):
    years, year = selected_year(request, unit)
    manage = can_manage(request.user, unit)
    district_projects = []
    if unit.kind == Unit.Kind.PROVINCE:
        district_projects = list(_projects_of(request, unit.children.all(), year))
    context = {
        "unit": unit,
        "years": years,
        "year": year,
        "projects": list(_projects_of(request, [unit], year)),
        "district_projects": district_projects,
        "can_manage": manage,
    }
    if manage:
        activities = services.dimension_5_activities(unit, year)
        context["form"] = form or InnovationProjectForm(activities=activities)
    return render(request, "participation/innovation/list.html", context, status=status)


@require_GET
@login_required
def innovation_list(request, code: str):
    unit = get_unit_for_user(request, code)
    return _render_list(request, unit)


@require_POST
@login_required
def innovation_add(request, code: str):
    unit = get_unit_for_user(request, code, manage=True)
    year = selected_year(request, unit)[1]
    form = InnovationProjectForm(
        request.POST, activities=services.dimension_5_activities(unit, year)
    )
    if not form.is_valid():
        return _render_list(request, unit, status=400, form=form)
    project = services.create_project(unit, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("The innovation was recorded; now add its figures."))
    return redirect("participation:innovation-detail", pk=project.pk)


def _projects():
    return InnovationProject.objects.select_related("unit", "plan_activity__measure__dimension")


def _measurements():
    return InnovationMeasurement.objects.select_related("project__unit")


def _render_detail(request, project, *, status=200, form=None):
    comparisons = [services.compare(m) for m in project.measurements.order_by("pk")]
    manage = may_edit(request.user, project)
    context = {
        "project": project,
        "unit": project.unit,
        "comparisons": comparisons,
        "aspects": [
            (aspect, ASPECT_LABELS[aspect], items)
            for aspect, items in services.by_aspect(comparisons)
        ],
        "chart": services.chart(comparisons),
        "can_manage": manage,
        "form": (form or MeasurementForm()) if manage else None,
    }
    return render(request, "participation/innovation/detail.html", context, status=status)


@require_GET
@login_required
def innovation_detail(request, pk: int):
    return _render_detail(request, get_visible_or_404(request, _projects(), pk=pk))


@require_http_methods(["GET", "POST"])
@login_required
def innovation_edit(request, pk: int):
    project = get_editable_or_403(request, _projects(), pk=pk)
    activities = services.dimension_5_activities(project.unit, project.fiscal_year)
    if request.method == "POST":
        form = InnovationProjectForm(request.POST, activities=activities)
        if form.is_valid():
            services.update_project(project, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The innovation was saved."))
            return redirect("participation:innovation-detail", pk=project.pk)
    else:
        form = InnovationProjectForm(
            activities=activities,
            initial={
                "title": project.title,
                "description": project.description,
                "started_on": project.started_on,
                "plan_activity": project.plan_activity_id,
            },
        )
    return render(
        request,
        "participation/innovation/edit.html",
        {
            "project": project,
            "unit": project.unit,
            "form": form,
            "heading": _("Edit innovation"),
            "back": reverse("participation:innovation-detail", args=[project.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def measurement_add(request, pk: int):
    project = get_editable_or_403(request, _projects(), pk=pk)
    form = MeasurementForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, status=400, form=form)
    services.add_measurement(project, acting_user=request.user, **form.cleaned_data)
    messages.success(request, _("The figure was added."))
    return redirect("participation:innovation-detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def measurement_edit(request, pk: int):
    measurement = get_editable_or_403(request, _measurements(), pk=pk)
    project = measurement.project
    if request.method == "POST":
        form = MeasurementForm(request.POST)
        if form.is_valid():
            services.update_measurement(measurement, acting_user=request.user, **form.cleaned_data)
            messages.success(request, _("The figure was saved."))
            return redirect("participation:innovation-detail", pk=project.pk)
    else:
        form = MeasurementForm(
            initial={
                "metric": measurement.metric,
                "unit_label": measurement.unit_label,
                "before": services.format_number(measurement.before),
                "after": services.format_number(measurement.after),
                "lower_is_better": measurement.lower_is_better,
            }
        )
    return render(
        request,
        "participation/innovation/edit.html",
        {
            "project": project,
            "unit": project.unit,
            "form": form,
            "heading": _("Edit figure"),
            "back": reverse("participation:innovation-detail", args=[project.pk]),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@login_required
def measurement_delete(request, pk: int):
    measurement = get_editable_or_403(request, _measurements(), pk=pk)
    project_pk = measurement.project_id
    services.delete_measurement(measurement, acting_user=request.user)
    messages.success(request, _("The figure was removed."))
    return redirect("participation:innovation-detail", pk=project_pk)
