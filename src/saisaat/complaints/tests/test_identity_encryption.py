"""A complainant's identity is encrypted at rest: the database holds no plaintext, the
keys rotate, a wrong key fails clearly, and the data migration encrypts old rows."""

from types import SimpleNamespace

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.models import Complainant
from saisaat.complaints.tests.helpers import ComplaintTestCase
from saisaat.core import crypto

IDENTITY = services.Identity(
    name="นางสาวผู้แจ้ง เบาะแส",
    phone="089-999-9999",
    email="Whistle@Example.org",
    address="99 หมู่ 1 ตำบลในเมือง",
)
OLD_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3Qtc2VjcmV0ISE="


def raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, phone, email, address, phone_digest, email_digest "
            "FROM complaints_complainant WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


class IdentityAtRestTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.complaint = cls.make_complaint("misconduct", identity=IDENTITY)

    def test_the_database_holds_no_plaintext_of_the_identity(self):
        row = raw_row(self.complaint.complainant.pk)
        for stored, plain in zip(
            row[:4], (IDENTITY.name, IDENTITY.phone, IDENTITY.email, IDENTITY.address), strict=True
        ):
            self.assertTrue(stored.startswith(crypto.PREFIX), stored)
            self.assertNotIn(plain, stored)
        self.assertNotIn("0899999999", "".join(row))
        self.assertNotIn("whistle", "".join(row).lower())

    def test_it_reads_back_the_identity_decrypted(self):
        complainant = Complainant.objects.get(complaint=self.complaint)
        self.assertEqual(complainant.name, IDENTITY.name)
        self.assertEqual(complainant.email, IDENTITY.email)
        self.assertEqual(complainant.address, IDENTITY.address)

    def test_a_person_is_found_by_contact_through_the_digest(self):
        found = Complainant.objects.filter(phone_digest=crypto.digest("phone", "+66 89 999 9999"))
        self.assertEqual(list(found.values_list("complaint", flat=True)), [self.complaint.pk])
        found = Complainant.objects.filter(
            email_digest=crypto.digest("email", "whistle@example.ORG")
        )
        self.assertEqual(found.count(), 1)

    def test_rotation_re_encrypts_with_the_new_key_and_the_old_key_can_then_go(self):
        new_key = Fernet.generate_key().decode()
        before = raw_row(self.complaint.complainant.pk)
        with override_settings(SAISAAT_FIELD_KEYS=[new_key, OLD_KEY]):
            call_command("rotate_field_keys", stdout=open("/dev/null", "w"))
        after = raw_row(self.complaint.complainant.pk)
        self.assertNotEqual(before[0], after[0])
        # Without SAISAAT_DIGEST_KEY the digests follow the first key: recomputed.
        self.assertNotEqual(before[4:], after[4:])
        with override_settings(SAISAAT_FIELD_KEYS=[new_key]):
            found = Complainant.objects.filter(phone_digest=crypto.digest("phone", "0899999999"))
            self.assertEqual(found.count(), 1)
        self.assertTrue(
            Entry.objects.filter(
                action="core.field_keys_rotated", object_type="complaints.complainant"
            ).exists()
        )
        with override_settings(SAISAAT_FIELD_KEYS=[new_key]):
            self.assertEqual(
                Complainant.objects.get(pk=self.complaint.complainant.pk).name, IDENTITY.name
            )
        with override_settings(SAISAAT_FIELD_KEYS=[OLD_KEY]):
            with self.assertRaisesMessage(crypto.FieldKeyError, "SAISAAT_FIELD_KEYS"):
                Complainant.objects.get(pk=self.complaint.complainant.pk)

    def test_the_digests_are_not_keyed_by_secret_key(self):
        # Knowing SECRET_KEY alone must not let anyone try every Thai mobile number.
        before = crypto.digest("phone", "0899999999")
        with override_settings(SECRET_KEY="another-secret-key"):
            self.assertEqual(crypto.digest("phone", "0899999999"), before)
        with override_settings(SAISAAT_DIGEST_KEY="a-separate-digest-key"):
            self.assertNotEqual(crypto.digest("phone", "0899999999"), before)

    def test_the_migration_recomputes_the_digests_with_the_new_key(self):
        from importlib import import_module

        from django.apps import apps

        migration = import_module(
            "saisaat.complaints.migrations.0007_contact_digests_keyed_apart_from_secret_key"
        )
        pk = self.complaint.complainant.pk
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE complaints_complainant SET phone_digest = 'old', email_digest = 'old' "
                "WHERE id = %s",
                [pk],
            )
        migration.recompute_digests(apps, SimpleNamespace(connection=connection))
        row = raw_row(pk)
        self.assertEqual(row[4], crypto.digest("phone", IDENTITY.phone))
        self.assertEqual(row[5], crypto.digest("email", IDENTITY.email))

    def test_a_wrong_key_fails_clearly(self):
        with override_settings(SAISAAT_FIELD_KEYS=[Fernet.generate_key().decode()]):
            with self.assertRaisesMessage(crypto.FieldKeyError, "rotate_field_keys"):
                Complainant.objects.get(pk=self.complaint.complainant.pk)

    def test_the_data_migration_encrypts_plain_rows_and_reverses(self):
        from importlib import import_module

        from django.apps import apps

        migration = import_module("saisaat.complaints.migrations.0006_encrypt_complainant_identity")
        pk = self.complaint.complainant.pk
        # The functions use only the schema editor's connection.
        editor = SimpleNamespace(connection=connection)
        migration.decrypt_identities(apps, editor)
        plain = raw_row(pk)
        self.assertEqual(plain[0], IDENTITY.name)
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE complaints_complainant SET phone_digest = '' WHERE id = %s", [pk]
            )
        migration.encrypt_identities(apps, editor)
        encrypted = raw_row(pk)
        self.assertTrue(encrypted[0].startswith(crypto.PREFIX))
        self.assertEqual(encrypted[4], crypto.digest("phone", IDENTITY.phone))
        self.assertEqual(Complainant.objects.get(pk=pk).name, IDENTITY.name)


class ErasedIdentityTests(ComplaintTestCase):
    def test_a_removed_identity_says_so_and_is_not_found_by_contact(self):
        complaint = self.make_complaint("misconduct", identity=IDENTITY)
        self.assertTrue(
            services.remove_identity(complaint, acting_user=self.approver, reason="request")
        )
        self.assertFalse(
            services.remove_identity(complaint, acting_user=self.approver, reason="again")
        )
        self.assertEqual(raw_row(complaint.complainant.pk), ("", "", "", "", "", ""))
        self.client.force_login(self.complaint_officer)
        response = self.client.post(reverse("complaints:identity", args=[complaint.pk]))
        self.assertContains(response, "ถูกลบแล้ว")
        self.assertNotContains(response, IDENTITY.name)


class WrongKeyTests(ComplaintTestCase):
    """A valid key that is not the one the data was encrypted with: the start refuses
    (migrate runs the database checks) and a page that would decrypt answers a Thai 503."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.complaint = cls.make_complaint("service", identity=IDENTITY)

    def test_the_database_check_decrypts_a_stored_value_and_fails_clearly(self):
        from django.core.checks import run_checks

        self.assertEqual(
            [e.id for e in run_checks(databases=["default"]) if e.id.startswith("saisaat.E")], []
        )
        with override_settings(SAISAAT_FIELD_KEYS=[Fernet.generate_key().decode()]):
            errors = [e for e in run_checks(databases=["default"]) if e.id == "saisaat.E003"]
        self.assertEqual(len(errors), 1)
        self.assertIn("rotate_field_keys", errors[0].msg)

    def test_a_page_that_decrypts_with_the_wrong_key_is_a_thai_503(self):
        self.login(self.approver)
        with override_settings(SAISAAT_FIELD_KEYS=[Fernet.generate_key().decode()]):
            response = self.client.post(reverse("complaints:identity", args=[self.complaint.pk]))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "กุญแจ", status_code=503)
