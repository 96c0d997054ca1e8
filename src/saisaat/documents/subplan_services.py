"""Sub-plans (3.1.1 partners, 4.1.1 moral organisation, 5.1.1 innovation): drafting, their
activities, issuing, turning an activity into a budget line and filing the issued document
as its plan activity's evidence. Every change is audited; a draft is changed by the office's
managers (the scoping gate's rule), an issued sub-plan is fixed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.budget import services as budget
from saisaat.budget.months import FISCAL_MONTHS, fiscal_month_of
from saisaat.documents.models import SubPlan, SubPlanActivity
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import may_edit, require_manager
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year_bounds

SUBPLAN_FIELDS = ["kind", "fiscal_year", "title", "objective", "plan_activity"]
ACTIVITY_FIELDS = [
    "position",
    "name",
    "period_start",
    "period_end",
    "budget",
    "indicator",
    "target",
    "plan_activity",
]
MAX_ACTIVITIES = 50

# The plan activity each kind is the document of (dimension.measure.position).
PLAN_CODES = {
    SubPlan.Kind.PARTNERS: "3.1.1",
    SubPlan.Kind.MORAL: "4.1.1",
    SubPlan.Kind.INNOVATION: "5.1.1",
}


def plan_activity_for(unit: Unit, kind: str, fiscal_year: int) -> Activity | None:
    """The plan activity numbered as the kind's (3.1.1, 4.1.1, 5.1.1) in the year's plan of
    the office's province."""
    dimension, measure, position = (int(p) for p in PLAN_CODES[kind].split("."))
    return (
        office_activities(unit, fiscal_year)
        .filter(
            measure__dimension__number=dimension,
            measure__number=measure,
            position=position,
            added_by_unit__isnull=True,
        )
        .order_by("pk")
        .first()
    )


def office_activities(unit: Unit, fiscal_year: int):
    """The plan activities of the year an activity of the sub-plan can be linked to: the
    budget's rule (the province's plan, less what other units added for themselves)."""
    return budget.linkable_activities(unit, fiscal_year).in_plan_order()


def _require_editable(user, subplan: SubPlan) -> None:
    if user is not None and not may_edit(user, subplan):
        raise PermissionDenied


def _require_draft(subplan: SubPlan) -> None:
    if not subplan.is_draft:
        raise ValidationError(_("An issued sub-plan is not changed."))


def _locked(subplan: SubPlan) -> SubPlan:
    return SubPlan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=subplan.pk)


def _check_year(fiscal_year: int) -> None:
    if not 2500 <= fiscal_year <= 2700:
        raise ValidationError(_("Type the fiscal year in the Buddhist era, e.g. 2566."))


@transaction.atomic
def create_subplan(
    unit: Unit,
    *,
    kind: str,
    fiscal_year: int,
    title: str,
    objective: str,
    acting_user: User | None,
    plan_activity: Activity | None = None,
) -> SubPlan:
    require_manager(acting_user, unit)
    _check_year(fiscal_year)
    subplan = SubPlan(
        unit=unit,
        kind=kind,
        fiscal_year=fiscal_year,
        title=title.strip(),
        objective=objective.strip(),
        plan_activity=plan_activity or plan_activity_for(unit, kind, fiscal_year),
        created_by=acting_user,
    )
    budget.check_activity_link(unit, fiscal_year, subplan.plan_activity)
    subplan.full_clean()
    subplan.save()
    audit.record_created(acting_user, "documents.subplan_created", subplan, SUBPLAN_FIELDS)
    return subplan


@transaction.atomic
def update_subplan(subplan: SubPlan, *, acting_user: User | None, **fields) -> SubPlan:
    subplan = _locked(subplan)
    _require_editable(acting_user, subplan)
    _require_draft(subplan)
    before = audit.snapshot(subplan, SUBPLAN_FIELDS)
    year, old_year = fields.get("fiscal_year", subplan.fiscal_year), subplan.fiscal_year
    if year != old_year and subplan.activities.exists():
        # The activities' periods and plan links belong to the year they were added in.
        raise ValidationError(_("Remove the activities before changing the fiscal year."))
    for name, value in fields.items():
        setattr(subplan, name, value.strip() if isinstance(value, str) else value)
    if year != old_year and "plan_activity" not in fields:
        subplan.plan_activity = plan_activity_for(subplan.unit, subplan.kind, year)
    _check_year(subplan.fiscal_year)
    budget.check_activity_link(subplan.unit, subplan.fiscal_year, subplan.plan_activity)
    subplan.full_clean()
    subplan.save()
    audit.record_changed(acting_user, "documents.subplan_edited", subplan, before)
    return subplan


def _check_activity(subplan: SubPlan, activity: SubPlanActivity, responsible) -> None:
    first, last = fiscal_year_bounds(subplan.fiscal_year)
    if activity.period_start > activity.period_end:
        raise ValidationError(_("The period must start before it ends."))
    if activity.period_start < first or activity.period_end > last:
        raise ValidationError(_("The period must fall within the fiscal year."))
    if activity.budget < 0:
        raise ValidationError(_("The budget cannot be negative."))
    if any(person.unit_id != subplan.unit_id for person in responsible):
        raise ValidationError(_("Choose people of this office only."))
    budget.check_activity_link(subplan.unit, subplan.fiscal_year, activity.plan_activity)


@transaction.atomic
def add_activity(
    subplan: SubPlan,
    *,
    acting_user: User | None,
    name: str,
    period_start: date,
    period_end: date,
    responsible=(),
    budget: Decimal = Decimal(0),
    indicator: str = "",
    target: str = "",
    plan_activity: Activity | None = None,
) -> SubPlanActivity:
    subplan = _locked(subplan)
    _require_editable(acting_user, subplan)
    _require_draft(subplan)
    count = subplan.activities.count()
    if count >= MAX_ACTIVITIES:
        raise ValidationError(_("A sub-plan has at most %(n)s activities.") % {"n": MAX_ACTIVITIES})
    responsible = list(responsible)
    activity = SubPlanActivity(
        subplan=subplan,
        position=count + 1,
        name=name.strip(),
        period_start=period_start,
        period_end=period_end,
        budget=budget,
        indicator=indicator.strip(),
        target=target.strip(),
        plan_activity=plan_activity,
    )
    _check_activity(subplan, activity, responsible)
    activity.save()
    activity.responsible.set(responsible)
    changes = audit.created(activity, ACTIVITY_FIELDS)
    changes["responsible"] = [None, sorted(p.pk for p in responsible)]
    audit.record(
        acting_user,
        "documents.subplan_activity_added",
        activity,
        changes=changes,
        unit=subplan.unit,
        fiscal_year=subplan.fiscal_year,
    )
    return activity


@transaction.atomic
def update_activity(
    activity: SubPlanActivity, *, acting_user: User | None, responsible=None, **fields
) -> SubPlanActivity:
    subplan = _locked(activity.subplan)
    _require_editable(acting_user, subplan)
    _require_draft(subplan)
    activity = SubPlanActivity.objects.select_for_update().get(pk=activity.pk)
    before = audit.snapshot(activity, ACTIVITY_FIELDS)
    before_people = sorted(activity.responsible.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(activity, name, value.strip() if isinstance(value, str) else value)
    people = list(responsible) if responsible is not None else list(activity.responsible.all())
    _check_activity(subplan, activity, people)
    activity.save()
    changes = audit.diff(before, audit.snapshot(activity, ACTIVITY_FIELDS))
    after_people = sorted(p.pk for p in people)
    if after_people != before_people:
        activity.responsible.set(people)
        changes["responsible"] = [before_people, after_people]
    audit.record(
        acting_user,
        "documents.subplan_activity_edited",
        activity,
        changes=changes,
        unit=subplan.unit,
        fiscal_year=subplan.fiscal_year,
    )
    return activity


@transaction.atomic
def delete_activity(activity: SubPlanActivity, *, acting_user: User | None) -> None:
    subplan = _locked(activity.subplan)
    _require_editable(acting_user, subplan)
    _require_draft(subplan)
    audit.record_deleted(
        acting_user,
        "documents.subplan_activity_deleted",
        activity,
        ACTIVITY_FIELDS,
        unit=subplan.unit,
        fiscal_year=subplan.fiscal_year,
    )
    activity.delete()
    for position, row in enumerate(subplan.activities.order_by("position", "pk"), start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def issue(subplan: SubPlan, *, acting_user: User | None) -> SubPlan:
    """Fix the sub-plan: from now on its document does not change and can be evidence."""
    subplan = _locked(subplan)
    _require_editable(acting_user, subplan)
    _require_draft(subplan)
    if not subplan.activities.exists():
        raise ValidationError(_("Add at least one activity before issuing the sub-plan."))
    subplan.status = SubPlan.Status.ISSUED
    subplan.issued_at = timezone.now()
    subplan.save(update_fields=["status", "issued_at"])
    audit.record(
        acting_user,
        "documents.subplan_issued",
        subplan,
        changes={"status": [SubPlan.Status.DRAFT, SubPlan.Status.ISSUED]},
        unit=subplan.unit,
        fiscal_year=subplan.fiscal_year,
    )
    return subplan


@transaction.atomic
def make_budget_line(activity: SubPlanActivity, *, acting_user: User | None):
    """A line of the office's budget for the activity: its budget planned in the month its
    period starts, under the office activity it is linked to. Once per activity."""
    subplan = _locked(activity.subplan)
    _require_editable(acting_user, subplan)
    if subplan.is_draft:
        # A draft still changes: only the issued sub-plan's money reaches the budget.
        raise ValidationError(_("Issue the sub-plan before adding its activities to the budget."))
    activity = SubPlanActivity.objects.select_for_update().get(pk=activity.pk)
    if activity.budget_line_id is not None:
        raise ValidationError(_("This activity already has a budget line."))
    if not activity.budget:
        raise ValidationError(_("This activity has no budget."))
    month = fiscal_month_of(activity.period_start)[1]
    planned = [activity.budget if m == month else Decimal(0) for m in FISCAL_MONTHS]
    line = budget.create_line(
        subplan.unit,
        subplan.fiscal_year,
        acting_user=acting_user,
        planned=planned,
        name=activity.name[:300],
        activity=activity.plan_activity or subplan.plan_activity,
    )
    activity.budget_line = line
    activity.save(update_fields=["budget_line"])
    audit.record(
        acting_user,
        "documents.subplan_activity_budgeted",
        activity,
        changes={"budget_line": [None, line.pk]},
        unit=subplan.unit,
        fiscal_year=subplan.fiscal_year,
    )
    return line


@transaction.atomic
def satisfy_evidence(subplan: SubPlan, *, acting_user: User):
    """File the issued sub-plan's PDF on the office's assignment of its plan activity, for
    the checklist item asking for the sub-plan (else the first item with no evidence)."""
    from saisaat.documents.evidence import SUB_PLAN
    from saisaat.plans import evidence as evidence_seam
    from saisaat.tracking.access import can_edit

    subplan = SubPlan.objects.select_related("unit").get(pk=subplan.pk)
    if subplan.is_draft:
        raise ValidationError(_("Issue the sub-plan before filing it as evidence."))
    assignment = evidence_seam.target_for(SUB_PLAN, subplan)
    if assignment is None:
        raise ValidationError(
            _("This sub-plan is not about an activity your office has been assigned.")
        )
    if not can_edit(acting_user, assignment):
        raise PermissionDenied
    requirement = evidence_seam.keeper().item_asking_for(assignment, SUB_PLAN)
    return evidence_seam.link(
        SUB_PLAN, subplan, assignment, acting_user=acting_user, requirement=requirement
    )


def responsible_choices(unit: Unit):
    return StaffMember.objects.active().filter(unit=unit).in_thai_order()
