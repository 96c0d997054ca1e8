"""Changes to an activity's evidence checklist (``EvidenceRequirement``), each audited."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.plans.access import can_edit_checklist
from saisaat.plans.checklist import split_evidence
from saisaat.plans.models import Activity, EvidenceRequirement

FIELDS = ["label", "kind", "minimum", "minimum_kind", "minimum_unit"]


def add_requirements_from_text(activity: Activity) -> list[EvidenceRequirement]:
    """The checklist read from the activity's evidence text, for an activity that has none
    (an activity a unit added, or one imported before checklists existed)."""
    if activity.requirements.exists():
        return []
    return EvidenceRequirement.objects.bulk_create(
        [
            EvidenceRequirement(
                activity=activity,
                position=position,
                label=item.label,
                kind=item.kind,
                minimum=item.minimum,
                minimum_kind=item.minimum_kind,
                minimum_unit=item.minimum_unit,
            )
            for position, item in enumerate(split_evidence(activity.evidence), start=1)
        ]
    )


@dataclass
class ItemChange:
    """One row of the edit page: an existing item (``requirement``) or a new one, with
    its new values, or ``delete``."""

    requirement: EvidenceRequirement | None
    values: dict
    delete: bool = False


def retire_or_delete(requirement: EvidenceRequirement) -> tuple[str, dict]:
    """Take an item off its activity's checklist: an item evidence was filed for is
    retired (the evidence keeps its link), any other is deleted. Returns the audit action
    and its changes; the caller holds the item's row lock."""
    kept = requirement.linked_evidence_count()
    if kept:
        requirement.retired_at = timezone.now()
        requirement.save(update_fields=["retired_at"])
        changes = {
            "retired_at": [None, audit.plain(requirement.retired_at)],
            "evidence_kept": [None, kept],
        }
        return "retired", changes
    changes = audit.diff(audit.snapshot(requirement, ["position", *FIELDS]), {})
    requirement.delete()
    return "removed", changes


def _audit(acting_user, action, requirement, changes, plan, obj=None):
    return dict(
        actor=acting_user,
        action=f"plans.requirement_{action}",
        # The key, not the row: a removed item has no primary key once deleted.
        obj=obj or (requirement._meta.label_lower, requirement.pk, requirement.label[:200]),
        changes=changes,
        unit=plan.owner_unit_id,
        fiscal_year=plan.fiscal_year,
    )


@transaction.atomic
def edit_requirements(activity: Activity, changes: list[ItemChange], *, acting_user) -> int:
    """Apply an administrator's edits to an activity's checklist in one audited step:
    changed labels, kinds or thresholds, removed items, new items at the end. Returns the
    number of items changed.

    A removed item that evidence was filed for is retired, not deleted: the evidence stays
    linked to it. A reworded item keeps its evidence (the change is in the log)."""
    activity = (
        Activity.objects.select_for_update()
        .select_related("measure__dimension__plan")
        .get(pk=activity.pk)
    )
    plan = activity.measure.dimension.plan
    if acting_user is not None and not can_edit_checklist(acting_user, plan):
        raise PermissionDenied
    # Locked: evidence cannot be linked to an item while it is being retired or deleted.
    locked = {
        r.pk: r for r in EvidenceRequirement.objects.select_for_update().filter(activity=activity)
    }
    entries = []
    next_position = (activity.requirements.aggregate(top=Max("position"))["top"] or 0) + 1
    for change in changes:
        requirement = change.requirement
        if requirement is not None and requirement.activity_id != activity.pk:
            raise ValueError(_("This checklist item belongs to another activity."))
        if requirement is not None:
            requirement = locked.get(requirement.pk)
            if requirement is None or requirement.is_retired:
                continue  # gone or retired meanwhile: nothing left to edit
        if requirement is not None and change.delete:
            label = (requirement._meta.label_lower, requirement.pk, requirement.label[:200])
            action, changed = retire_or_delete(requirement)
            entries.append(_audit(acting_user, action, requirement, changed, plan, obj=label))
        elif requirement is not None:
            changed = {
                name: [getattr(requirement, name), value]
                for name, value in change.values.items()
                if getattr(requirement, name) != value
            }
            if changed:
                for name, (_old, value) in changed.items():
                    setattr(requirement, name, value)
                requirement.full_clean()
                requirement.save(update_fields=list(changed))
                entries.append(_audit(acting_user, "changed", requirement, changed, plan))
        elif not change.delete and change.values.get("label"):
            requirement = EvidenceRequirement(
                activity=activity, position=next_position, **change.values
            )
            requirement.full_clean()
            requirement.save()
            next_position += 1
            entries.append(
                _audit(
                    acting_user,
                    "added",
                    requirement,
                    audit.created(requirement, ["position", *FIELDS]),
                    plan,
                )
            )
    audit.record_many(entries)
    return len(entries)
