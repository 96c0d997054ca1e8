"""Move every tracking notification into the one notice model of ``saisaat.notices``.

The old rows said which event they told of in one ``event_key``
("overdue:<assignment>:<due date>", "submitted:<assignment>:<time>", "<approved|returned>:
<event>"); a notice names its target apart, and keeps in ``key`` only what tells events
about the same assignment apart, in the form the producers now use, so that a reminder
told before the move is not told again after it. A key of any other form is kept as it
was. Nothing is e-mailed again: moved notices are not waiting for the digest.
"""

from django.db import migrations

BATCH = 1000
REVIEWED = {"approved", "returned"}


def new_key(kind: str, assignment_id: int, event_key: str) -> str:
    parts = event_key.split(":", 2)
    if len(parts) == 3 and parts[0] == kind and parts[1] == str(assignment_id):
        return parts[2]
    if len(parts) == 2 and parts[0] == kind and kind in REVIEWED and parts[1].isdigit():
        return f"event:{parts[1]}"
    return event_key


def forward(apps, schema_editor):
    Notification = apps.get_model("tracking", "Notification")
    Notice = apps.get_model("notices", "Notice")
    ContentType = apps.get_model("contenttypes", "ContentType")
    assignment_type, _ = ContentType.objects.get_or_create(app_label="tracking", model="assignment")
    batch = []
    for old in Notification.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            Notice(
                recipient_id=old.recipient_id,
                kind=old.kind,
                target_type=assignment_type,
                target_id=old.assignment_id,
                key=new_key(old.kind, old.assignment_id, old.event_key),
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
        ("tracking", "0001_initial"),
        ("notices", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
