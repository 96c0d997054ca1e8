"""Each entry carries its chain format: the entries already written keep format 1 and the
formula they were hashed with; new entries are format 2 (a header hash over a body hash,
with a random nonce in the body). Adding the columns rewrites no entry's content."""

from django.db import migrations, models


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
    ]
