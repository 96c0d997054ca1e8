"""Copy the staff registry's simple-history rows into the audit log before its table goes."""

from django.db import migrations

from saisaat.audit.conversion import Source, copy_history, noop

SOURCES = [Source("orgs", "StaffMember", owner=("unit", None), label_fields=())]


def forwards(apps, schema_editor):
    copy_history(apps, SOURCES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_chain_head_row_and_append_only_trigger"),
        ("orgs", "0003_historicalstaffmember_staffmember"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
