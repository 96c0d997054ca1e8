"""Give the activities of plans imported before checklists existed their evidence
checklist, read from their evidence text as the importer now does."""

from django.db import migrations


def forward(apps, schema_editor):
    # The parser reads text only (no models), so the current code is safe to use here.
    from saisaat.plans.checklist import split_evidence

    Activity = apps.get_model("plans", "Activity")
    EvidenceRequirement = apps.get_model("plans", "EvidenceRequirement")
    rows = []
    for activity in Activity.objects.filter(requirements__isnull=True).exclude(evidence=""):
        for position, item in enumerate(split_evidence(activity.evidence), start=1):
            rows.append(
                EvidenceRequirement(
                    activity_id=activity.pk,
                    position=position,
                    label=item.label,
                    kind=item.kind,
                    minimum=item.minimum,
                    minimum_kind=item.minimum_kind,
                    minimum_unit=item.minimum_unit,
                )
            )
    EvidenceRequirement.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_evidence_requirement")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
