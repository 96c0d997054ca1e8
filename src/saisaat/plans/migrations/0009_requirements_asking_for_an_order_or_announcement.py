"""Checklist items already stored that ask for an announcement or an order (ประกาศ/คำสั่ง)
accept one issued by the office: their kind is set as new plans get it."""

import re

from django.db import migrations

OFFICIAL_DOCUMENT = "official-document"
# The rule of plans.checklist.KIND_RULES at the time of writing.
ASKS_FOR_ONE = re.compile(r"^(?:[^\s/]+/)*(?:ประกาศ(?!นียบัตร)|คำสั่ง)")


def forwards(apps, schema_editor):
    requirement_model = apps.get_model("plans", "EvidenceRequirement")
    matching = [
        pk
        for pk, label in requirement_model.objects.filter(kind="").values_list("pk", "label")
        if ASKS_FOR_ONE.search(label)
    ]
    requirement_model.objects.filter(pk__in=matching).update(kind=OFFICIAL_DOCUMENT)


def backwards(apps, schema_editor):
    apps.get_model("plans", "EvidenceRequirement").objects.filter(kind=OFFICIAL_DOCUMENT).update(
        kind=""
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_evidence_requirement_retired_at")]

    operations = [migrations.RunPython(forwards, backwards)]
