"""Copy the staff registry's simple-history rows into the audit log before its table goes."""

from django.db import migrations

from saisaat.audit.conversion import Source, copy_history, noop

SOURCES = [Source("orgs", "StaffMember", owner=("unit", None), label_fields=())]


def forwards(apps, schema_editor):
    copy_history(apps, SOURCES)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_no_truncate_and_forward_only_head"),
        ("orgs", "0004_role_changes_and_deputy_approver"),
    ]

    operations = [migrations.RunPython(forwards, noop)]
