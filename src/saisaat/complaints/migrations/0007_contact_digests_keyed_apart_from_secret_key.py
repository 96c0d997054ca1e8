"""The contact digests were keyed by SECRET_KEY; they are now keyed by SAISAAT_DIGEST_KEY
(or the first field key): compute them again. Raw SQL, like 0006."""

from django.db import migrations


def recompute_digests(apps, schema_editor):
    from saisaat.core import crypto

    table = apps.get_model("complaints", "Complainant")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, phone, email FROM {table}")
        rows = cursor.fetchall()
        for pk, phone, email in rows:
            cursor.execute(
                f"UPDATE {table} SET phone_digest = %s, email_digest = %s WHERE id = %s",
                [
                    crypto.digest("phone", crypto.decrypt(phone or "")),
                    crypto.digest("email", crypto.decrypt(email or "")),
                    pk,
                ],
            )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0006_encrypt_complainant_identity")]

    operations = [migrations.RunPython(recompute_digests, migrations.RunPython.noop)]
