"""Apply a parsed action plan to the database, in place and all-or-nothing.

Re-importing the same text writes nothing. An edited text updates the rows it
matches, so what later work attaches to activities and targets (assignments,
evidence, indicators) stays attached. An activity is matched within its
measure by its text first and then by its position; one that is no longer in
the text is retired rather than deleted.
"""

from dataclasses import dataclass, field
from itertools import count

from django.db import transaction
from django.utils import timezone

from saisaat.audit import services as audit
from saisaat.orgs.models import STANDARD_WORK_GROUPS, Unit, WorkGroup
from saisaat.plans.checklist import split_evidence
from saisaat.plans.models import (
    Activity,
    Dimension,
    EvidenceRequirement,
    Measure,
    Plan,
    Programme,
    Target,
)
from saisaat.plans.parsing import ParsedActivity, ParsedPlan
from saisaat.plans.requirements import retire_or_delete

CLEAN_CDD_PROGRAMME = {
    "code": "clean-cdd",
    "name_th": "โครงการพัฒนาชุมชนใสสะอาด",
    "name_en": "Clean Community Development",
}

# Positions above this are parking places while a measure's activities are renumbered.
_PARKING_BASE = 30000


@dataclass
class ImportResult:
    plan: Plan
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    retired: int = 0

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired)


class _Writer:
    """Saves only what differs, with an audit entry of who changed what and why."""

    def __init__(self, result: ImportResult, acting_user, reason: str):
        self.result = result
        self.acting_user = acting_user
        self.reason = reason
        # Audit entries, written together once the plan (their owner) is known.
        self.entries: list[dict] = []

    def log(self, action: str, obj, changes: dict) -> None:
        label = (
            getattr(obj, "text", None)
            or getattr(obj, "title", None)
            or getattr(obj, "label", None)
            or str(obj.pk)
        )
        self.entries.append(
            dict(
                actor=self.acting_user,
                action=f"plans.{obj._meta.model_name}_{action}",
                # The key now: a row deleted before the flush has lost its primary key.
                obj=(obj._meta.label_lower, obj.pk, label[:200]),
                changes=changes,
                reason=self.reason,
            )
        )

    def flush(self, plan: Plan) -> None:
        for entry in self.entries:
            entry.update(unit=plan.owner_unit_id, fiscal_year=plan.fiscal_year)
        audit.record_many(self.entries)
        self.entries = []

    def create(self, model, **values):
        obj = model(**values)
        obj.save()
        self.result.count(self.result.created, model._meta.model_name)
        self.log("imported", obj, audit.created(obj, list(values)))
        return obj

    def update(self, obj, **values) -> bool:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            return False
        changes = {name: [getattr(obj, name), values[name]] for name in changed}
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        self.log("changed", obj, changes)
        self.result.count(self.result.updated, obj._meta.model_name)
        return True


def default_programme(acting_user=None) -> Programme:
    programme, created = Programme.objects.get_or_create(
        code=CLEAN_CDD_PROGRAMME["code"],
        defaults={k: v for k, v in CLEAN_CDD_PROGRAMME.items() if k != "code"},
    )
    if created:
        audit.record_created(
            acting_user, "plans.programme_created", programme, list(CLEAN_CDD_PROGRAMME)
        )
    return programme


def ensure_standard_work_groups(unit: Unit) -> dict[str, WorkGroup]:
    """The unit's work groups by function, creating the standard ones it lacks."""
    groups = {group.function: group for group in unit.work_groups.all()}
    for function, (name_th, name_en) in STANDARD_WORK_GROUPS.items():
        if function not in groups:
            groups[function] = WorkGroup.objects.create(
                unit=unit, function=function, name_th=name_th, name_en=name_en
            )
    return groups


@transaction.atomic
def import_plan(
    parsed: ParsedPlan,
    *,
    unit: Unit,
    fiscal_year: int,
    programme: Programme | None = None,
    source_name: str = "",
    acting_user=None,
) -> ImportResult:
    programme = programme or default_programme(acting_user)
    plan = Plan.objects.filter(
        programme=programme, fiscal_year=fiscal_year, owner_unit=unit
    ).first()
    result = ImportResult(plan=plan)
    writer = _Writer(result, acting_user, f"import {source_name}".strip())
    title = parsed.title or programme.name_th
    if plan is None:
        plan = writer.create(
            Plan,
            programme=programme,
            fiscal_year=fiscal_year,
            owner_unit=unit,
            title=title,
            source_name=source_name,
        )
        result.plan = plan
    else:
        writer.update(plan, title=title, source_name=source_name or plan.source_name)

    groups = ensure_standard_work_groups(unit)
    dimensions = {d.number: d for d in plan.dimensions.all()}
    measures = {(m.dimension_id, m.number): m for m in Measure.objects.filter(dimension__plan=plan)}
    seen_measures = set()

    for parsed_dimension in parsed.dimensions:
        dimension = dimensions.get(parsed_dimension.number)
        if dimension is None:
            dimension = writer.create(
                Dimension, plan=plan, number=parsed_dimension.number, title=parsed_dimension.title
            )
        else:
            writer.update(dimension, title=parsed_dimension.title)
        for parsed_measure in parsed_dimension.measures:
            measure = measures.get((dimension.pk, parsed_measure.number))
            if measure is None:
                measure = writer.create(
                    Measure,
                    dimension=dimension,
                    number=parsed_measure.number,
                    title=parsed_measure.title,
                )
            else:
                writer.update(measure, title=parsed_measure.title)
            seen_measures.add(measure.pk)
            _sync_activities(writer, measure, parsed_measure.activities, groups)

    # Measures (and so dimensions) that the text no longer has keep their rows; their
    # activities are retired so nothing attached to them is lost.
    for activity in (
        Activity.objects.common()
        .filter(measure__dimension__plan=plan, is_active=True)
        .exclude(measure__in=seen_measures)
    ):
        writer.update(activity, is_active=False)
        result.retired += 1

    if result.changed or plan.imported_at is None:
        # A bookkeeping stamp, not a change to the plan: kept out of its history.
        Plan.objects.filter(pk=plan.pk).update(imported_at=timezone.now())
    writer.flush(plan)
    return result


def _match_activities(existing: list[Activity], parsed: list[ParsedActivity]):
    """Pair each parsed activity with an existing row: same text first, then same position."""
    unmatched = {activity.pk: activity for activity in existing}
    by_text: dict[str, list[Activity]] = {}
    for activity in existing:
        by_text.setdefault(activity.text, []).append(activity)
    pairs: list[Activity | None] = [None] * len(parsed)
    for index, item in enumerate(parsed):
        candidates = [a for a in by_text.get(item.text, []) if a.pk in unmatched]
        if candidates:
            pairs[index] = unmatched.pop(candidates[0].pk)
    by_position = {a.position: a for a in unmatched.values()}
    for index in range(len(parsed)):
        if pairs[index] is None and (index + 1) in by_position:
            pairs[index] = unmatched.pop(by_position[index + 1].pk)
    return pairs, list(unmatched.values())


def _sync_activities(writer: _Writer, measure: Measure, parsed: list[ParsedActivity], groups):
    existing = list(
        measure.activities.common().prefetch_related(
            "responsible_groups", "targets", "requirements"
        )
    )
    pairs, leftovers = _match_activities(existing, parsed)

    final_positions = {}
    for index, activity in enumerate(pairs):
        if activity is not None:
            final_positions[activity.pk] = index + 1
    spare = count(len(parsed) + 1)
    for activity in sorted(leftovers, key=lambda a: a.position):
        final_positions[activity.pk] = next(spare)
    if any(a.position != final_positions[a.pk] for a in existing):
        # Park every row first so that renumbering never trips the unique position.
        for offset, activity in enumerate(existing):
            Activity.objects.filter(pk=activity.pk).update(position=_PARKING_BASE + offset)
        for activity in existing:
            if activity.position != final_positions[activity.pk]:
                writer.log(
                    "renumbered",
                    activity,
                    {"position": [activity.position, final_positions[activity.pk]]},
                )
            activity.position = final_positions[activity.pk]
            Activity.objects.filter(pk=activity.pk).update(position=activity.position)

    for activity in leftovers:
        if activity.is_active:
            writer.update(activity, is_active=False)
            writer.result.retired += 1

    for index, (item, activity) in enumerate(zip(parsed, pairs, strict=True)):
        values = {
            "text": item.text,
            "period_text": item.period_text,
            "period_start": item.period_start,
            "period_end": item.period_end,
            "responsible_text": item.responsible_text,
            "implementing_text": item.implementing_text,
            "for_provincial_office": "province" in item.implementing_units,
            "for_district_offices": "district" in item.implementing_units,
            "evidence": item.evidence,
            "is_active": True,
        }
        rebuild = activity is None or activity.evidence != item.evidence
        if activity is None:
            activity = writer.create(Activity, measure=measure, position=index + 1, **values)
        else:
            writer.update(activity, **values)
        wanted_groups = {groups[code].pk for code in item.responsible_groups}
        had_groups = {g.pk for g in activity.responsible_groups.all()}
        if had_groups != wanted_groups:
            writer.log(
                "groups_changed",
                activity,
                {"responsible_groups": [sorted(had_groups), sorted(wanted_groups)]},
            )
            activity.responsible_groups.set(wanted_groups)
            writer.result.count(writer.result.updated, "activity responsible groups")
        _sync_targets(writer, activity, item)
        _sync_requirements(writer, activity, item, rebuild=rebuild)


def _sync_targets(writer: _Writer, activity: Activity, item: ParsedActivity):
    existing = {t.position: t for t in activity.targets.all()}
    for position, parsed_target in enumerate(item.targets, start=1):
        values = {
            "kind": parsed_target.kind,
            "minimum": parsed_target.minimum,
            "out_of": parsed_target.out_of,
            "unit_label": parsed_target.unit_label,
            "source": parsed_target.source,
            "text": parsed_target.text,
        }
        target = existing.pop(position, None)
        if target is None:
            writer.create(Target, activity=activity, position=position, **values)
        else:
            writer.update(target, **values)
    for target in existing.values():
        writer.log("removed", target, audit.diff(audit.snapshot(target, ["position", "text"]), {}))
        target.delete()
        writer.result.count(writer.result.updated, "target removed")


def _sync_requirements(writer: _Writer, activity: Activity, item: ParsedActivity, *, rebuild):
    """The activity's checklist from its evidence text. Items an administrator edited are
    kept while the evidence text stays the same: only a changed text rebuilds them.

    A rebuild keeps an item whose words are unchanged (with its evidence), rewords the
    others that hold no evidence, in order, and takes off the rest as the edit page does:
    an item evidence was filed for is retired, never deleted. A retired item is neither
    brought back nor made again."""
    items = list(activity.requirements.select_for_update().order_by("position"))
    if items and not rebuild:
        return
    retired_labels = {r.label for r in items if r.is_retired}
    in_use = [r for r in items if not r.is_retired]
    parsed = [p for p in split_evidence(item.evidence) if p.label not in retired_labels]
    pairs: list[EvidenceRequirement | None] = []
    for wanted in parsed:
        same = next((r for r in in_use if r.label == wanted.label), None)
        if same is not None:
            in_use.remove(same)
        pairs.append(same)
    # Only an item nothing was filed for is reworded: evidence filed for one item must
    # not come to satisfy another; an item with evidence is retired instead.
    reusable = iter([r for r in in_use if not r.linked_evidence_count()])
    pairs = [pair or next(reusable, None) for pair in pairs]
    paired = {r.pk for r in pairs if r is not None}
    for requirement in [r for r in in_use if r.pk not in paired]:
        action, changes = retire_or_delete(requirement)
        writer.log(action, requirement, changes)
        writer.result.count(writer.result.updated, f"evidence item {action}")

    final = {r.pk: position for position, r in enumerate(pairs, start=1) if r is not None}
    kept = [r for r in items if r.pk is not None and r.pk in final or r.is_retired]
    spare = count(len(parsed) + 1)
    for requirement in kept:
        if requirement.pk not in final:
            final[requirement.pk] = next(spare)  # retired items go after the list
    if any(r.position != final[r.pk] for r in kept):
        # Park every row first so that renumbering never trips the unique position.
        for offset, requirement in enumerate(kept):
            EvidenceRequirement.objects.filter(pk=requirement.pk).update(
                position=_PARKING_BASE + offset
            )
        for requirement in kept:
            requirement.position = final[requirement.pk]
            EvidenceRequirement.objects.filter(pk=requirement.pk).update(
                position=requirement.position
            )
    for position, (wanted, requirement) in enumerate(zip(parsed, pairs, strict=True), start=1):
        values = {
            "label": wanted.label,
            "kind": wanted.kind,
            "minimum": wanted.minimum,
            "minimum_kind": wanted.minimum_kind,
            "minimum_unit": wanted.minimum_unit,
        }
        if requirement is None:
            writer.create(EvidenceRequirement, activity=activity, position=position, **values)
        else:
            writer.update(requirement, **values)
