"""The change history of one plan, across the plan and everything inside it, read from
the audit log: who changed which record when, the fields with their old and new values,
and why. A page is a fixed number of queries whatever the size of the plan or its log.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Q

from saisaat.audit.history import entries_for
from saisaat.audit.models import Entry
from saisaat.plans.models import Activity, Measure, Plan, Target

# A target the importer removed is gone from the plan; its entries are found by this.
REMOVED_TARGET_ACTIONS = ("plans.target_removed", "plans.target_deleted")


def plan_entries(plan: Plan):
    """The entries about the plan, its dimensions, measures, activities and targets (also
    the targets since removed), newest first."""
    removed_targets = Entry.objects.filter(
        object_type="plans.target",
        action__in=REMOVED_TARGET_ACTIONS,
        unit_id=plan.owner_unit_id,
        fiscal_year=plan.fiscal_year,
    ).values("object_id")
    return entries_for(
        plan,
        plan.dimensions.all(),
        Measure.objects.filter(dimension__plan=plan),
        Activity.objects.for_plan(plan),
        Target.objects.filter(activity__measure__dimension__plan=plan),
        also=Q(object_type="plans.target", object_id__in=removed_targets),
    )


def paginate(plan: Plan, page_number, per_page: int = 50) -> Page:
    return Paginator(plan_entries(plan), per_page).get_page(page_number)
