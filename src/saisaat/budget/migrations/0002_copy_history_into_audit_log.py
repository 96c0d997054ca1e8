"""Copy the budget's simple-history rows into the audit log before their tables go."""

from django.db import migrations

from saisaat.audit.conversion import Source, copy_history, noop

SOURCES = [
    Source("budget", "BudgetLine", owner=("unit", "fiscal_year"), label_fields=("name",)),
    Source("budget", "MonthlyAmount", owner="line", label_fields=()),
]


def forwards(apps, schema_editor):
    copy_history(apps, SOURCES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_no_truncate_and_forward_only_head"),
        ("budget", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
