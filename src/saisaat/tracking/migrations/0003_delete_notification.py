from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0002_notifications_to_notices"),
    ]

    operations = [
        migrations.DeleteModel(name="Notification"),
    ]
