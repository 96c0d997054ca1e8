import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "oit_2566.json"


def load(apps, schema_editor):
    OitItem = apps.get_model("portal", "OitItem")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for number, item in enumerate(data["items"], start=1):
        OitItem.objects.update_or_create(
            fiscal_year=data["fiscal_year"],
            code=item["code"],
            defaults={
                "number": number,
                "title": item["title"],
                "criteria": item["criteria"],
                "page_kind": item["page_kind"],
                "target": item["target"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
