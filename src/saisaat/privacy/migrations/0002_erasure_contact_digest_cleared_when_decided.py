from django.db import migrations, models


def clear_decided_digests(apps, schema_editor):
    """Requests decided before this change still hold the contact's digest: clear it."""
    ErasureRequest = apps.get_model("privacy", "ErasureRequest")
    ErasureRequest.objects.exclude(status="pending").update(contact_digest="")


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_breaches_and_erasure_requests"),
    ]

    operations = [
        migrations.AlterField(
            model_name="erasurerequest",
            name="contact_digest",
            field=models.CharField(blank=True, max_length=64, verbose_name="contact digest"),
        ),
        migrations.RunPython(clear_decided_digests, migrations.RunPython.noop),
    ]
