"""Move every complaint reminder into the one notice model of ``saisaat.notices``.

The old ``event_key`` was "complaint:<kind>:<complaint>:<due date>"; a notice names its
target apart and keeps the due date as its ``key``, the form the producer now uses, so a
reminder told before the move is not told again after it. A key of any other form is kept
as it was. Nothing is e-mailed again: moved notices are not waiting for the digest.
"""

from django.db import migrations

BATCH = 1000


def new_key(kind: str, complaint_id: int, event_key: str) -> str:
    parts = event_key.split(":", 3)
    if len(parts) == 4 and parts[:3] == ["complaint", kind, str(complaint_id)]:
        return parts[3]
    return event_key


def forward(apps, schema_editor):
    ComplaintNotice = apps.get_model("complaints", "ComplaintNotice")
    Notice = apps.get_model("notices", "Notice")
    ContentType = apps.get_model("contenttypes", "ContentType")
    complaint_type, _ = ContentType.objects.get_or_create(app_label="complaints", model="complaint")
    batch = []
    for old in ComplaintNotice.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            Notice(
                recipient_id=old.recipient_id,
                kind=old.kind,
                target_type=complaint_type,
                target_id=old.complaint_id,
                key=new_key(old.kind, old.complaint_id, old.event_key),
                message=old.message,
                created_at=old.created_at,
                in_digest=False,
                emailed_at=old.emailed_at,
                read_at=old.read_at,
            )
        )
        if len(batch) == BATCH:
            Notice.objects.bulk_create(batch)
            batch = []
    Notice.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_officer_confirmation"),
        ("notices", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
