"""Changes to an activity's evidence checklist (``EvidenceRequirement``), each audited."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
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


def _audit(acting_user, action, requirement, changes, plan):
    return dict(
        actor=acting_user,
        action=f"plans.requirement_{action}",
        # The key, not the row: a removed item has no primary key once deleted.
        obj=(requirement._meta.label_lower, requirement.pk, requirement.label[:200]),
        changes=changes,
        unit=plan.owner_unit_id,
        fiscal_year=plan.fiscal_year,
    )


@transaction.atomic
def edit_requirements(activity: Activity, changes: list[ItemChange], *, acting_user) -> int:
    """Apply an administrator's edits to an activity's checklist in one audited step:
    changed labels, kinds or thresholds, removed items, new items at the end. Returns the
    number of items changed."""
    activity = (
        Activity.objects.select_for_update()
        .select_related("measure__dimension__plan")
        .get(pk=activity.pk)
    )
    plan = activity.measure.dimension.plan
    if acting_user is not None and not can_edit_checklist(acting_user, plan):
        raise PermissionDenied
    entries = []
    next_position = (activity.requirements.aggregate(top=Max("position"))["top"] or 0) + 1
    for change in changes:
        requirement = change.requirement
        if requirement is not None and requirement.activity_id != activity.pk:
            raise ValueError(_("This checklist item belongs to another activity."))
        if requirement is not None and change.delete:
            entries.append(
                _audit(
                    acting_user,
                    "removed",
                    requirement,
                    audit.diff(audit.snapshot(requirement, ["position", *FIELDS]), {}),
                    plan,
                )
            )
            requirement.delete()
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
