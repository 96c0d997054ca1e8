"""Copy the plans' simple-history rows into the audit log before their tables go."""

from django.db import migrations

from saisaat.audit.conversion import Source, copy_history, noop

SOURCES = [
    Source("plans", "Programme", label_fields=("name_th", "code")),
    Source("plans", "Plan", owner=("owner_unit", "fiscal_year")),
    Source("plans", "Dimension", owner="plan"),
    Source("plans", "Measure", owner="dimension"),
    Source(
        "plans",
        "Activity",
        owner="measure",
        m2m=("responsible_groups", "HistoricalActivity_responsible_groups", "workgroup"),
    ),
    Source("plans", "Target", owner="activity", label_fields=("text",)),
]


def forwards(apps, schema_editor):
    copy_history(apps, SOURCES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_no_truncate_and_forward_only_head"),
        ("orgs", "0003_historicalstaffmember_staffmember"),
        ("plans", "0003_target_kind_per_month"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
