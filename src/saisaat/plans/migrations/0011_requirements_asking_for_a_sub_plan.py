"""Checklist items already stored that ask for a sub-plan (the partner plan 3.1.1, the
moral-organisation plan 4.1.1, the innovation project 5.1.1) accept the issued sub-plan
document: their kind is set as new plans get it."""

import re

from django.db import migrations

SUB_PLAN = "sub-plan"
# The rule of plans.checklist.KIND_RULES at the time of writing.
ASKS_FOR_ONE = re.compile(
    r"^แผนการแสวงหาความร่วมมือ|^แผนการขับเคลื่อนองค์กรคุณธรรม|^โครงการ/กิจกรรมที่เป็นนวัตกรรม"
)


def forwards(apps, schema_editor):
    requirement_model = apps.get_model("plans", "EvidenceRequirement")
    matching = [
        pk
        for pk, label in requirement_model.objects.filter(kind="").values_list("pk", "label")
        if ASKS_FOR_ONE.search(label)
    ]
    requirement_model.objects.filter(pk__in=matching).update(kind=SUB_PLAN)


def backwards(apps, schema_editor):
    apps.get_model("plans", "EvidenceRequirement").objects.filter(kind=SUB_PLAN).update(kind="")


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_requirements_asking_for_an_award_or_thanks")]

    operations = [migrations.RunPython(forwards, backwards)]
