from collections import Counter
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import stored_file_response
from saisaat.core.middleware import answers_too_large
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.plans.access import (
    can_edit_checklist,
    can_publish,
    get_activity_for_user,
    get_plan_for_user,
)
from saisaat.plans.models import EvidenceRequirement, Plan
from saisaat.plans.years import choose_year
from saisaat.thai.numbers import is_number
from saisaat.tracking import checklist, dashboard, services, worklist
from saisaat.tracking.access import (
    assignments,
    can_assign,
    can_edit,
    can_review,
    get_province_for_user,
    require_reviewer,
)
from saisaat.tracking.forms import EvidenceForm, LinkRecordForm, ReviewForm, UnitActivityForm
from saisaat.tracking.models import Assignment, EvidenceItem
from saisaat.tracking.selectors import unit_statuses


def _today() -> date:
    return timezone.localdate()


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_GET
@login_required
def my_work(request):
    context = worklist.my_work(request.user, request.GET, today=_today())
    context["today"] = _today()
    template = "tracking/_my_work_list.html" if request.htmx else "tracking/my_work.html"
    return render(request, template, context, status=400 if context["form"].errors else 200)


def _plans_for(request, unit: Unit) -> list[Plan]:
    """The plans the unit follows that the user may see, newest first."""
    owner = unit if unit.kind != Unit.Kind.DISTRICT else unit.parent
    return list(
        Plan.objects.visible_to(request.user)
        .filter(owner_unit=owner)
        .select_related("programme", "owner_unit")
        .order_by("-fiscal_year")
    )


def _latest_plan_for(request, unit: Unit) -> Plan | None:
    plans = _plans_for(request, unit)
    return plans[0] if plans else None


def _chosen_plan(request, plans: list[Plan]) -> tuple[list[int], int, Plan | None]:
    """The year picker's years, the chosen year and its plan, from the plans newest first."""
    years = [plan.fiscal_year for plan in plans]
    year = choose_year(request, years)
    return years, year, next((plan for plan in plans if plan.fiscal_year == year), None)


@require_GET
@login_required
def unit_detail(request, code: str):
    unit = get_unit_for_user(request, code)
    plans = _plans_for(request, unit)
    years, year, plan = _chosen_plan(request, plans)
    owed = []
    if plan is not None:
        owed = list(
            Assignment.objects.visible_to(request.user)
            .current()
            .filter(plan=plan, unit=unit)
            .select_related("activity__measure__dimension")
            .order_by("dimension_number", "activity__measure__number", "activity__position")
        )
    per_status = Counter(assignment.status for assignment in owed)
    counts = [(value, label, per_status[value]) for value, label in Assignment.Status.choices]
    form = None
    # An office adds its own activities to the latest plan only (see add_unit_activity).
    if plan is not None and plan == plans[0] and request.user.unit_id == unit.pk:
        form = UnitActivityForm(plan=plan)
    return render(
        request,
        "tracking/unit_detail.html",
        {
            "unit": unit,
            "years": years,
            "year": year,
            "plan": plan,
            "assignments": owed,
            "counts": counts,
            "today": _today(),
            "form": form,
        },
    )


@require_POST
@login_required
def add_unit_activity(request, code: str):
    unit = get_unit_for_user(request, code)
    if not services.may_add_unit_activity(request.user, unit):
        raise PermissionDenied
    plan = _latest_plan_for(request, unit)
    if plan is None:
        raise Http404
    form = UnitActivityForm(request.POST, plan=plan)
    if not form.is_valid():
        return render(
            request,
            "tracking/unit_activity_form.html",
            {"unit": unit, "plan": plan, "form": form},
            status=400,
        )
    data = form.cleaned_data
    assignment = services.add_unit_activity(
        plan,
        unit,
        measure=data["measure"],
        text=data["text"],
        period=data["period"],
        period_text=data["period_text"],
        evidence=data["evidence"],
        acting_user=request.user,
    )
    messages.success(request, _("The activity was added to your unit's plan."))
    return redirect(assignment)


def _assignment_context(request, assignment, **extra):
    items = list(
        assignment.evidence.select_related("uploaded_by", "supersedes").order_by(
            "effective_date", "pk"
        )
    )
    superseded = {item.supersedes_id for item in items if item.supersedes_id}
    current_items = [item for item in items if item.pk not in superseded]
    events = list(assignment.events.select_related("actor", "evidence"))
    returns = [event for event in events if event.action == "returned"]
    rows = checklist.checklist_rows(assignment, current_items)
    counted = checklist.in_use(rows)
    requirements = [row.requirement for row in counted]
    editing = (
        can_edit(request.user, assignment)
        and not assignment.is_locked
        and not assignment.is_retired
    )
    if editing and counted:
        checklist.with_candidates(counted, checklist.linkable_records(assignment))
    context = {
        "assignment": assignment,
        "activity": assignment.activity,
        "current_items": current_items,
        "old_items": [item for item in items if item.pk in superseded],
        "checklist": rows,
        "checklist_done": sum(1 for row in counted if row.done),
        "checklist_total": len(counted),
        "checklist_editing": editing,
        "events": events,
        "last_return": returns[-1] if returns else None,
        "can_edit": can_edit(request.user, assignment),
        "can_review": can_review(request.user, assignment),
        "unit_officers": (
            list(
                User.objects.filter(unit_id=assignment.unit_id, is_active=True)
                .exclude(role=User.Role.COMMITTEE)
                .order_by("first_name", "last_name")
            )
            if can_assign(request.user, assignment)
            else []
        ),
        "evidence_form": EvidenceForm(
            initial={"effective_date": _today()}, requirements=requirements
        ),
        "blank_evidence_form": EvidenceForm(
            initial={"effective_date": _today()}, requirements=requirements
        ),
        "review_form": ReviewForm(),
        "max_upload_mb": settings.SAISAAT_MAX_UPLOAD_BYTES // (1024 * 1024),
        "today": _today(),
    }
    context.update(extra)
    return context


@require_GET
@login_required
def assignment_detail(request, pk: int):
    assignment = get_visible_or_404(request, assignments(), pk=pk)
    return render(
        request, "tracking/assignment_detail.html", _assignment_context(request, assignment)
    )


def _rerender(request, assignment, status=200, **extra):
    template = (
        "tracking/_assignment_work.html" if request.htmx else "tracking/assignment_detail.html"
    )
    return render(
        request, template, _assignment_context(request, assignment, **extra), status=status
    )


def _upload_too_large(request) -> bool:
    # Refuse before Django reads the body: a 100 MB upload should not fill the disk first.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > settings.SAISAAT_MAX_UPLOAD_BYTES + 64 * 1024


def _evidence_too_large(request, assignment):
    limit_mb = settings.SAISAAT_MAX_UPLOAD_BYTES // (1024 * 1024)
    message = _("The file is too large: the limit is %(limit)s MB.") % {"limit": limit_mb}
    return _rerender(request, assignment, status=413, upload_error=message)


def _adding_too_large(request, pk: int):
    # Answered before the body is read (the request-size middleware): shown in the form.
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    return _evidence_too_large(request, get_editable_or_403(request, assignments(), pk=pk))


def _correcting_too_large(request, pk: int):
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    item = get_editable_or_403(request, EvidenceItem.objects.only("assignment_id"), pk=pk)
    assignment = get_editable_or_403(request, assignments(), pk=item.assignment_id)
    return _evidence_too_large(request, assignment)


@answers_too_large(_adding_too_large)
@require_POST
@login_required
def add_evidence(request, pk: int):
    assignment = get_editable_or_403(request, assignments(), pk=pk)
    return _save_evidence(request, assignment, supersedes=None)


@answers_too_large(_correcting_too_large)
@require_POST
@login_required
def correct_evidence(request, pk: int):
    item = get_editable_or_403(request, EvidenceItem.objects.select_related("assignment"), pk=pk)
    assignment = get_editable_or_403(request, assignments(), pk=item.assignment_id)
    return _save_evidence(request, assignment, supersedes=item)


def _save_evidence(request, assignment, *, supersedes):
    if _upload_too_large(request):
        return _evidence_too_large(request, assignment)
    form = EvidenceForm(
        request.POST, request.FILES, requirements=_requirements(request, assignment)
    )
    if not form.is_valid():
        return _rerender(request, assignment, status=400, evidence_form=form)
    data = form.cleaned_data
    try:
        services.add_evidence(
            assignment,
            acting_user=request.user,
            effective_date=data["effective_date"],
            file=data.get("file"),
            url=data.get("url") or "",
            note=data.get("note") or "",
            title=data.get("title") or "",
            supersedes=supersedes,
            max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
            requirement=data.get("requirement"),
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _rerender(request, assignment, status=400, evidence_form=form)
    assignment.refresh_from_db()
    if request.htmx:
        return _rerender(request, assignment)
    messages.success(request, _("The evidence was saved."))
    return redirect(assignment)


def _requirements(request, assignment):
    return list(
        EvidenceRequirement.objects.visible_to(request.user)
        .in_use()
        .filter(activity_id=assignment.activity_id)
        .order_by("position")
    )


@require_POST
@login_required
def link_record(request, pk: int):
    """Satisfy a checklist item with a record Saisaat holds (a dated snapshot is filed)."""
    assignment = get_editable_or_403(request, assignments(), pk=pk)
    form = LinkRecordForm(request.POST, requirements=_requirements(request, assignment))
    if not form.is_valid():
        return _rerender(
            request, assignment, status=400, action_error=_("Choose a record to link.")
        )
    kind, key = form.cleaned_data["record"]
    try:
        services.link_record(
            assignment,
            kind,
            key,
            requirement=form.cleaned_data["requirement"],
            acting_user=request.user,
        )
    except ValidationError as error:
        return _rerender(request, assignment, status=400, action_error=_error_text(error))
    assignment.refresh_from_db()
    if request.htmx:
        return _rerender(request, assignment)
    messages.success(request, _("The record was linked as evidence."))
    return redirect(assignment)


@require_POST
@login_required
def detach_evidence(request, pk: int):
    item = get_editable_or_403(request, EvidenceItem.objects.select_related("assignment"), pk=pk)
    assignment = get_editable_or_403(request, assignments(), pk=item.assignment_id)
    try:
        services.detach_evidence(item, acting_user=request.user)
    except ValidationError as error:
        return _rerender(request, assignment, status=400, action_error=_error_text(error))
    messages.success(request, _("The evidence was taken off the checklist item."))
    return redirect(assignment)


@require_POST
@login_required
def submit_assignment(request, pk: int):
    assignment = get_editable_or_403(request, assignments(), pk=pk)
    missing = checklist.missing_items(assignment)
    if missing and request.POST.get("confirm_missing") != "1":
        # A confirm step that works without JavaScript: the page lists what is missing
        # and submits again with the confirmation.
        return render(
            request,
            "tracking/submit_confirm.html",
            {"assignment": assignment, "activity": assignment.activity, "missing": missing},
        )
    try:
        services.submit_for_review(assignment, acting_user=request.user)
    except ValidationError as error:
        return _rerender(request, assignment, status=400, action_error=_error_text(error))
    messages.success(request, _("Submitted for review."))
    return redirect(assignment)


@require_POST
@login_required
def review_assignment(request, pk: int):
    assignment = get_visible_or_404(request, assignments(), pk=pk)
    require_reviewer(request.user, assignment)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _rerender(request, assignment, status=400, review_form=form)
    try:
        services.review(
            assignment,
            acting_user=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        return _rerender(request, assignment, status=400, action_error=_error_text(error))
    if request.GET.get("then") == "next":
        following = worklist.next_to_review(request.user, after=assignment)
        if following is None:
            messages.success(
                request, _("Your decision was recorded. Nothing else waits for your review.")
            )
            return redirect(reverse("tracking:my-work"))
        messages.success(
            request,
            _("Your decision was recorded. Next waiting for your review: %(unit)s.")
            % {"unit": following.unit.name_th},
        )
        return redirect(following)
    messages.success(request, _("Your decision was recorded."))
    return redirect(assignment)


@require_POST
@login_required
def assign_officer(request, pk: int):
    assignment = get_visible_or_404(request, assignments(), pk=pk)
    if not can_assign(request.user, assignment):
        raise PermissionDenied
    officer = None
    if request.POST.get("officer"):
        officer = (
            User.objects.filter(unit_id=assignment.unit_id, is_active=True)
            .filter(pk=request.POST["officer"] if is_number(request.POST["officer"]) else None)
            .first()
        )
        if officer is None:
            return _rerender(
                request,
                assignment,
                status=400,
                action_error=_("Choose an officer of %(unit)s.") % {"unit": assignment.unit},
            )
    services.assign_officer(assignment, officer, acting_user=request.user)
    messages.success(request, _("The responsible officer was updated."))
    return redirect(assignment)


@require_GET
@login_required
def evidence_file(request, pk: int):
    item = get_visible_or_404(request, EvidenceItem.objects.select_related("assignment"), pk=pk)
    if item.kind != EvidenceItem.Kind.FILE:
        raise Http404
    return stored_file_response(
        item.file,
        filename=item.original_name or item.file.name.rsplit("/", 1)[-1],
        content_type=item.content_type,
    )


@require_GET
@login_required
def province_dashboard(request, code: str):
    province = get_province_for_user(request, code)
    plans = list(
        Plan.objects.visible_to(request.user)
        .filter(owner_unit=province)
        .select_related("programme", "owner_unit")
        .order_by("-fiscal_year")
    )
    years, year, plan = _chosen_plan(request, plans)
    context = {"province": province, "years": years, "year": year, "plan": plan, "today": _today()}
    if plan is not None:
        context.update(dashboard.province_dashboard(plan, _today()))
    return render(request, "tracking/province_dashboard.html", context)


@require_GET
@login_required
def province_missing(request, code: str):
    """What evidence is missing where: per office and activity, the checklist items
    with nothing attached."""
    province = get_province_for_user(request, code)
    plans = list(
        Plan.objects.visible_to(request.user)
        .filter(owner_unit=province)
        .select_related("programme", "owner_unit")
        .order_by("-fiscal_year")
    )
    years, year, plan = _chosen_plan(request, plans)
    context = {"province": province, "years": years, "year": year, "plan": plan}
    if plan is not None:
        context.update(checklist.missing_by_office(plan))
    return render(request, "tracking/province_missing.html", context)


@require_GET
@login_required
def department_view(request):
    user = request.user
    if not user.is_department_user:
        raise PermissionDenied
    years = list(
        Plan.objects.visible_to(user)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    fiscal_year = choose_year(request, years) if years else None
    context = {"years": years, "year": fiscal_year, "fiscal_year": fiscal_year, "today": _today()}
    if fiscal_year is not None:
        context.update(dashboard.department_rollup(fiscal_year, _today()))
    return render(request, "tracking/department.html", context)


@require_http_methods(["POST"])
@login_required
def publish_plan(request, pk: int):
    plan = get_plan_for_user(request, pk)
    if not can_publish(request.user, plan):
        raise PermissionDenied
    result = services.publish_plan(plan, acting_user=request.user)
    messages.success(
        request,
        _(
            "Published to %(units)s units: %(created)s new assignments, %(retired)s retired, "
            "%(reactivated)s brought back."
        )
        % {
            "units": len(result.units),
            "created": result.created,
            "retired": result.retired,
            "reactivated": result.reactivated,
        },
    )
    return redirect(plan)


@require_GET
@login_required
def activity_detail(request, pk: int):
    """A plan activity with every unit's assignment the user may see, side by side."""
    activity = get_activity_for_user(request, pk)
    return render(
        request,
        "tracking/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.measure.dimension.plan,
            "responsible_groups": activity.responsible_groups.all(),
            "targets": activity.targets.all(),
            "requirements": activity.requirements.in_use(),
            "can_edit_checklist": can_edit_checklist(request.user, activity.measure.dimension.plan),
            "assignments": unit_statuses(activity, request.user),
        },
    )
