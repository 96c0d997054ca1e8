import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Designations become two-person: proposed (pending) then confirmed. Those made before
    count as confirmed, so nobody loses access on upgrade; new ones start pending."""

    dependencies = [
        ("complaints", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="complaintofficer",
            name="status",
            field=models.CharField(
                choices=[("pending", "Waiting for confirmation"), ("confirmed", "Confirmed")],
                default="confirmed",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="complaintofficer",
            name="status",
            field=models.CharField(
                choices=[("pending", "Waiting for confirmation"), ("confirmed", "Confirmed")],
                default="pending",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.AddField(
            model_name="complaintofficer",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
        ),
        migrations.AddField(
            model_name="complaintofficer",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="confirmed by",
            ),
        ),
    ]
