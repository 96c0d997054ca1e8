"""Each job keeps the office its owner had when starting it: an administrator sees the
jobs started in their office, not those of someone who has since moved there."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_units(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    User = apps.get_model("orgs", "User")
    Job.objects.filter(unit__isnull=True).update(
        unit_id=Subquery(User.objects.filter(pk=OuterRef("owner_id")).values("unit_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_job"),
        ("orgs", "0006_drop_simple_history_tables"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                help_text="The owner's office when the job was started.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="orgs.unit",
                verbose_name="office",
            ),
        ),
        migrations.RunPython(fill_units, migrations.RunPython.noop),
    ]
