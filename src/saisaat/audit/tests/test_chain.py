from datetime import date
from decimal import Decimal
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import TestCase

from saisaat.audit import services as audit
from saisaat.audit.models import AppendOnlyError, ChainHead, Entry
from saisaat.audit.tests.helpers import tamper
from saisaat.orgs.models import Unit, User


class ChainTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind=Unit.Kind.DEPARTMENT, name_th="กรม")
        cls.unit = Unit.objects.create(
            code="43", kind=Unit.Kind.PROVINCE, name_th="หนองคาย", parent=department
        )
        cls.user = User.objects.create_user(username="somchai", first_name="สมชาย", unit=cls.unit)
        for number in range(1, 5):
            audit.record(
                cls.user,
                "orgs.test",
                cls.unit,
                changes={
                    "amount": [Decimal("1.50"), Decimal(number)],
                    "on": [None, date(2023, 1, number)],
                },
                reason=f"change {number}",
                unit=cls.unit,
                fiscal_year=2566,
            )

    def verify(self) -> str:
        out = StringIO()
        call_command("verify_audit", stdout=out)
        return out.getvalue()

    def assert_broken(self, words: str):
        with self.assertRaises(CommandError) as raised:
            self.verify()
        self.assertIn(words, str(raised.exception))

    def test_it_chains_each_entry_to_the_one_before(self):
        entries = list(Entry.objects.order_by("sequence"))
        self.assertEqual([e.sequence for e in entries], [1, 2, 3, 4])
        self.assertEqual(entries[0].prev_hash, "0" * 64)
        for before, after in zip(entries, entries[1:], strict=False):
            self.assertEqual(after.prev_hash, before.hash)
        head = ChainHead.objects.get()
        self.assertEqual((head.sequence, head.hash), (4, entries[-1].hash))
        self.assertEqual(entries[0].changes["amount"], ["1.50", "1"])
        self.assertEqual(entries[0].actor_label, "somchai (สมชาย)")
        self.assertEqual(entries[0].unit_code, "43")

    def test_it_reports_an_intact_chain(self):
        self.assertIn("4 entries", self.verify())

    def test_it_catches_an_edited_value(self):
        tamper("UPDATE audit_entry SET reason = %s WHERE sequence = 3", ["nothing happened"])
        self.assert_broken("entry #3 was altered")

    def test_it_catches_an_edited_change(self):
        entry = Entry.objects.get(sequence=2)
        changes = dict(entry.changes, amount=["1.50", "2000"])
        import json

        tamper("UPDATE audit_entry SET changes = %s WHERE sequence = 2", [json.dumps(changes)])
        self.assert_broken("entry #2 was altered")

    def test_it_catches_a_deleted_entry(self):
        tamper("DELETE FROM audit_entry WHERE sequence = 2")
        self.assert_broken("entry #2 is missing")

    def test_it_catches_the_last_entry_deleted(self):
        tamper("DELETE FROM audit_entry WHERE sequence = 4")
        self.assert_broken("entry #4 is missing")

    def test_it_catches_two_swapped_entries(self):
        tamper("UPDATE audit_entry SET sequence = 1000 WHERE sequence = 2")
        tamper("UPDATE audit_entry SET sequence = 2 WHERE sequence = 3")
        tamper("UPDATE audit_entry SET sequence = 3 WHERE sequence = 1000")
        self.assert_broken("entry #2 does not follow #1")

    def test_it_catches_a_rewritten_entry_whose_hash_was_recomputed(self):
        entry = Entry.objects.get(sequence=2)
        entry.reason = "rewritten"
        tamper(
            "UPDATE audit_entry SET reason = %s, hash = %s WHERE sequence = 2",
            ["rewritten", entry.compute_hash()],
        )
        self.assert_broken("entry #3 does not follow #2")

    def test_the_model_refuses_changes_and_deletes(self):
        entry = Entry.objects.get(sequence=1)
        entry.reason = "x"
        with self.assertRaises(AppendOnlyError):
            entry.save()
        with self.assertRaises(AppendOnlyError):
            entry.delete()
        with self.assertRaises(AppendOnlyError):
            Entry.objects.filter(sequence=1).update(reason="x")
        with self.assertRaises(AppendOnlyError):
            Entry.objects.all().delete()

    def test_the_database_refuses_changes_on_postgresql(self):
        if connection.vendor != "postgresql":
            self.skipTest("the trigger is PostgreSQL's")
        with (
            self.assertRaises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE audit_entry SET reason = 'x' WHERE sequence = 1")

    def test_an_entry_rolls_back_with_its_transaction(self):
        with self.assertRaises(IntegrityError), transaction.atomic():
            audit.record(self.user, "orgs.test", self.unit)
            raise IntegrityError("the change failed")
        self.assertEqual(ChainHead.objects.get().sequence, 4)
        self.assertIn("4 entries", self.verify())

    def test_diff_names_only_what_changed(self):
        self.assertEqual(
            audit.diff({"a": 1, "b": Decimal("2.0")}, {"a": 1, "b": Decimal("2.5"), "c": "x"}),
            {"b": ["2.0", "2.5"], "c": [None, "x"]},
        )
