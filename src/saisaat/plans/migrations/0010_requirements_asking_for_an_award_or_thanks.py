"""Checklist items already stored that ask for an award, praise or thanks from outside
accept one the office recorded in its register: their kind is set as new plans get it."""

import re

from django.db import migrations

RECOGNITION = "recognition"
# The rule of plans.checklist.KIND_RULES at the time of writing.
ASKS_FOR_ONE = re.compile(r"ได้รับรางวัล|หรือรางวัล|^(?:[^\s/]+/)*รางวัล|คำขอบคุณ|การชื่นชม")


def forwards(apps, schema_editor):
    requirement_model = apps.get_model("plans", "EvidenceRequirement")
    matching = [
        pk
        for pk, label in requirement_model.objects.filter(kind="").values_list("pk", "label")
        if ASKS_FOR_ONE.search(label)
    ]
    requirement_model.objects.filter(pk__in=matching).update(kind=RECOGNITION)


def backwards(apps, schema_editor):
    apps.get_model("plans", "EvidenceRequirement").objects.filter(kind=RECOGNITION).update(
        kind=""
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_requirements_asking_for_an_order_or_announcement")]

    operations = [migrations.RunPython(forwards, backwards)]
