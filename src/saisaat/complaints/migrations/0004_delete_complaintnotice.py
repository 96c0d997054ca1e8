from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_complaint_notices_to_notices"),
    ]

    operations = [
        migrations.DeleteModel(name="ComplaintNotice"),
    ]
