from django.contrib.postgres.operations import CreateCollation
from django.db import migrations


class Migration(migrations.Migration):
    """An ICU collation for sorting Thai names on PostgreSQL (a no-op on SQLite)."""

    dependencies = [("orgs", "0001_initial")]

    operations = [CreateCollation("thai", provider="icu", locale="th-TH")]
