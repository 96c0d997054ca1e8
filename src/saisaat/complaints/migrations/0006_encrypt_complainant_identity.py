"""Encrypt the identities already stored (and compute their digests); backwards, write
them in the clear again. Raw SQL, so that neither direction depends on the field class."""

from django.db import migrations

FIELDS = ("name", "phone", "email", "address")


def _rows(schema_editor, table):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name, phone, email, address FROM {table}")
        return cursor.fetchall()


def encrypt_identities(apps, schema_editor):
    from saisaat.core import crypto

    table = apps.get_model("complaints", "Complainant")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for pk, *values in _rows(schema_editor, table):
            plain = dict(zip(FIELDS, (crypto.decrypt(v or "") for v in values), strict=True))
            cursor.execute(
                f"UPDATE {table} SET name = %s, phone = %s, email = %s, address = %s, "
                "phone_digest = %s, email_digest = %s WHERE id = %s",
                [
                    *(crypto.encrypt(plain[name]) for name in FIELDS),
                    crypto.digest("phone", plain["phone"]),
                    crypto.digest("email", plain["email"]),
                    pk,
                ],
            )


def decrypt_identities(apps, schema_editor):
    from saisaat.core import crypto

    table = apps.get_model("complaints", "Complainant")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for pk, *values in _rows(schema_editor, table):
            cursor.execute(
                f"UPDATE {table} SET name = %s, phone = %s, email = %s, address = %s "
                "WHERE id = %s",
                [*(crypto.decrypt(v or "") for v in values), pk],
            )


class Migration(migrations.Migration):
    dependencies = [("complaints", "0005_complainant_encrypted")]

    operations = [migrations.RunPython(encrypt_identities, decrypt_identities)]
