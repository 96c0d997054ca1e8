"""Reading an assignment's evidence checklist: which items of the activity's required
evidence are done (a current piece of evidence is attached to them) and which are missing,
for one assignment and for a whole plan per office and activity, in a fixed number of
queries."""

from dataclasses import dataclass, field

from django.db.models import Count, F

from saisaat.orgs.models import Unit
from saisaat.plans import evidence as evidence_seam
from saisaat.plans.models import Activity, EvidenceRequirement, Plan
from saisaat.tracking.models import Assignment, EvidenceItem


@dataclass
class ChecklistRow:
    requirement: EvidenceRequirement
    items: list[EvidenceItem] = field(default_factory=list)
    source_label: str = ""
    candidates: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return bool(self.items)

    @property
    def retired(self) -> bool:
        return self.requirement.is_retired


def _source_label(kind: str) -> str:
    try:
        return str(evidence_seam.source(kind).label)
    except KeyError:
        return ""


def checklist_rows(assignment: Assignment, current_items: list[EvidenceItem]):
    """The activity's items in order, each with the current evidence attached to it, then
    the retired items this assignment still has evidence for (shown, not counted): one
    query (the items)."""
    requirements = EvidenceRequirement.objects.filter(activity_id=assignment.activity_id).order_by(
        F("retired_at").asc(nulls_first=True), "position"
    )
    by_requirement: dict[int, list[EvidenceItem]] = {}
    for item in current_items:
        if item.requirement_id:
            by_requirement.setdefault(item.requirement_id, []).append(item)
    return [
        ChecklistRow(r, by_requirement.get(r.pk, []), _source_label(r.kind))
        for r in requirements
        if not r.is_retired or r.pk in by_requirement
    ]


def in_use(rows: list[ChecklistRow]) -> list[ChecklistRow]:
    """The rows of the items the activity asks for now (retired items left out)."""
    return [row for row in rows if not row.retired]


def linkable_records(assignment: Assignment) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Every kind of record the office could link, ``(kind, label, [(key, label)])``, its
    own records of the plan's year only: one query per kind of record."""
    groups = []
    for source in evidence_seam.sources():
        options = source.candidates(assignment.unit, assignment.plan.fiscal_year)
        if options:
            groups.append((source.kind, str(source.label), options))
    return groups


def with_candidates(rows: list[ChecklistRow], groups) -> list[ChecklistRow]:
    """Each item offered the records it names first, then all the others."""
    for row in rows:
        first = [g for g in groups if g[0] == row.requirement.kind]
        row.candidates = first + [g for g in groups if g[0] != row.requirement.kind]
    return rows


def item_asking_for(assignment: Assignment, kind: str) -> EvidenceRequirement | None:
    """The checklist item a record of ``kind`` filed on the assignment ticks: the first in
    use asking for that kind with no current evidence, else the first asking for it (the
    record adds to it), else ``None``."""
    satisfied = EvidenceItem.objects.current().filter(
        assignment=assignment, requirement__isnull=False
    )
    asking = (
        EvidenceRequirement.objects.in_use()
        .filter(activity_id=assignment.activity_id, kind=kind)
        .order_by("position")
    )
    return asking.exclude(pk__in=satisfied.values("requirement_id")).first() or asking.first()


def missing_items(assignment: Assignment) -> list[EvidenceRequirement]:
    """The items with no current evidence attached: one query."""
    satisfied = EvidenceItem.objects.current().filter(
        assignment=assignment, requirement__isnull=False
    )
    return list(
        EvidenceRequirement.objects.in_use()
        .filter(activity_id=assignment.activity_id)
        .exclude(pk__in=satisfied.values("requirement_id"))
        .order_by("position")
    )


# ---------------------------------------------------------------------------- per office


@dataclass
class MissingCell:
    assignment_id: int
    required: int
    done: int

    @property
    def missing(self) -> int:
        return max(self.required - self.done, 0)


@dataclass
class MissingRow:
    activity: Activity
    cells: list[MissingCell | None]

    @property
    def missing(self) -> int:
        return sum(cell.missing for cell in self.cells if cell)


def missing_by_office(plan: Plan):
    """Missing checklist items per office and activity of a plan's current assignments:
    five queries whatever the number of offices, activities or pieces of evidence."""
    units = list(Unit.objects.filter(pk=plan.owner_unit_id)) + list(
        Unit.objects.filter(parent_id=plan.owner_unit_id, kind=Unit.Kind.DISTRICT).order_by("code")
    )
    required = dict(
        EvidenceRequirement.objects.in_use()
        .filter(activity__measure__dimension__plan=plan)
        .values_list("activity_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    done = dict(
        EvidenceItem.objects.current()
        .filter(
            assignment__plan=plan,
            assignment__is_retired=False,
            requirement__activity_id=F("assignment__activity_id"),
            requirement__retired_at__isnull=True,
        )
        .values_list("assignment_id")
        .annotate(n=Count("requirement_id", distinct=True))
        .order_by()
    )
    assignments = (
        Assignment.objects.current()
        .filter(plan=plan, activity_id__in=list(required))
        .values_list("pk", "unit_id", "activity_id")
    )
    cells: dict[tuple[int, int], MissingCell] = {}
    for pk, unit_id, activity_id in assignments:
        cells[(activity_id, unit_id)] = MissingCell(pk, required[activity_id], done.get(pk, 0))
    activities = (
        Activity.objects.filter(pk__in={activity_id for activity_id, _unit in cells})
        .select_related("measure__dimension")
        .in_plan_order()
    )
    rows = []
    for activity in activities:
        row = MissingRow(activity, [cells.get((activity.pk, unit.pk)) for unit in units])
        if row.missing:
            rows.append(row)
    totals = [
        sum(row.cells[index].missing for row in rows if row.cells[index])
        for index in range(len(units))
    ]
    return {"units": units, "rows": rows, "totals": totals, "total": sum(totals)}
