"""Each entry carries its chain format: the entries already written keep format 1 and the
formula they were hashed with; new entries are format 2 (a header hash over a body hash,
with a random nonce in the body). Adding the columns rewrites no entry's content. Going back is refused once a format-2 entry exists: dropping the columns
would lose its format and nonce, and with them every hash from there to the head."""

from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError


def refuse_if_format_2(apps, schema_editor):
    if apps.get_model("audit", "Entry").objects.filter(format=2).exists():
        raise IrreversibleError(
            "format-2 audit entries exist: removing their format and nonce would break the chain"
        )


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain_head_row_and_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="format",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="chain format"),
        ),
        migrations.AddField(
            model_name="entry",
            name="nonce",
            field=models.CharField(blank=True, max_length=32, verbose_name="nonce"),
        ),
        migrations.RunPython(migrations.RunPython.noop, refuse_if_format_2),
    ]
