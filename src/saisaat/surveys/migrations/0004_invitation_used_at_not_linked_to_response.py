"""An invitation records when it was used, and a response no longer records which
invitation it came through (an office that noted who got which link could otherwise match
answers to people)."""

from django.db import migrations, models


def mark_used(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Invitation = apps.get_model("surveys", "Invitation")
    for invitation_id, submitted_at in Response.objects.filter(
        invitation__isnull=False
    ).values_list("invitation_id", "submitted_at"):
        Invitation.objects.filter(pk=invitation_id).update(used_at=submitted_at)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_merge_invitations_and_results_published")]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="used_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="used"),
        ),
        migrations.RunPython(mark_used, migrations.RunPython.noop),
        migrations.RemoveField(model_name="response", name="invitation"),
    ]
