from django.db import migrations

COURSES = [
    (
        "nacc-e-learning",
        "หลักสูตรต้านทุจริตศึกษา (E-Learning) สำนักงาน ป.ป.ช.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (ป.ป.ช.)",
    ),
    (
        "pacc-e-learning",
        "หลักสูตรการป้องกันการทุจริตในภาครัฐ (E-Learning) สำนักงาน ป.ป.ท.",
        "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (ป.ป.ท.)",
    ),
]

# The seven kinds of development partner (ภาคีการพัฒนา) the department counts.
PARTNER_TYPES = [
    ("government", "ภาครัฐ"),
    ("private", "ภาคเอกชน"),
    ("civil-society", "ภาคประชาสังคม"),
    ("academic", "ภาควิชาการ/สถาบันการศึกษา"),
    ("religious", "ภาคศาสนา"),
    ("media", "ภาคสื่อมวลชน"),
    ("community", "ภาคประชาชน/ชุมชน"),
]


def forward(apps, schema_editor):
    Course = apps.get_model("participation", "Course")
    PartnerType = apps.get_model("participation", "PartnerType")
    for code, name_th, provider in COURSES:
        Course.objects.get_or_create(code=code, defaults={"name_th": name_th, "provider": provider})
    for position, (code, name_th) in enumerate(PARTNER_TYPES, start=1):
        PartnerType.objects.get_or_create(
            code=code, defaults={"name_th": name_th, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
