from datetime import date
from io import StringIO

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from saisaat.audit import services as audit
from saisaat.audit.models import ChainHead, Entry, PublishedHead
from saisaat.audit.published import publish_head
from saisaat.audit.tests.helpers import tamper
from saisaat.orgs.models import Unit, User


def rewrite_history_from(sequence: int, reason: str) -> None:
    """Rewrite entry ``sequence`` and re-link every later entry with recomputed hashes, as
    someone who owns the database could: the chain alone then verifies again."""
    previous = None
    for entry in Entry.objects.order_by("sequence"):
        if entry.sequence < sequence:
            previous = entry.hash
            continue
        if entry.sequence == sequence:
            entry.reason = reason
        entry.prev_hash = previous
        entry.hash = entry.compute_hash()
        tamper(
            "UPDATE audit_entry SET reason = %s, prev_hash = %s, hash = %s WHERE sequence = %s",
            [entry.reason, entry.prev_hash, entry.hash, entry.sequence],
        )
        previous = entry.hash
    tamper("UPDATE audit_chainhead SET hash = %s WHERE id = 1", [previous])


class PublishedHeadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind=Unit.Kind.DEPARTMENT, name_th="กรม")
        cls.unit = Unit.objects.create(
            code="43", kind=Unit.Kind.PROVINCE, name_th="หนองคาย", parent=department
        )
        cls.user = User.objects.create_user(username="somchai", unit=cls.unit)
        for number in range(1, 4):
            audit.record(cls.user, "orgs.test", cls.unit, reason=f"change {number}")

    def verify(self, *args) -> str:
        out = StringIO()
        call_command("verify_audit", *args, stdout=out)
        return out.getvalue()

    def test_it_publishes_the_head_once_a_day(self):
        head_before = ChainHead.objects.get()
        first, created = publish_head(date(2023, 3, 1))
        self.assertTrue(created)
        self.assertEqual((first.entry_count, first.hash), (3, head_before.hash))
        # Publishing is itself logged: the head moves on, the day's row does not.
        self.assertEqual(Entry.objects.filter(action="audit.head_published").count(), 1)
        again, created = publish_head(date(2023, 3, 1))
        self.assertFalse(created)
        self.assertEqual((again.pk, again.entry_count), (first.pk, 3))
        self.assertEqual(PublishedHead.objects.count(), 1)
        publish_head(date(2023, 3, 2))
        self.assertEqual(list(PublishedHead.objects.values_list("entry_count", flat=True)), [4, 3])

    def test_the_command_is_idempotent_per_day(self):
        out = StringIO()
        call_command("publish_chain_head", stdout=out)
        call_command("publish_chain_head", stdout=out)
        self.assertEqual(PublishedHead.objects.count(), 1)
        self.assertIn("already published", out.getvalue())

    def test_verify_passes_against_the_published_heads_of_an_intact_chain(self):
        publish_head(date(2023, 3, 1))
        audit.record(self.user, "orgs.test", self.unit, reason="later")
        publish_head(date(2023, 3, 2))
        self.assertIn("Audit chain intact: 6 entries", self.verify("--published"))

    def test_verify_detects_a_rewritten_history_against_an_earlier_published_head(self):
        publish_head(date(2023, 3, 1))
        audit.record(self.user, "orgs.test", self.unit, reason="later")
        rewrite_history_from(2, "rewritten")
        # The chain alone holds together again: only the published head gives it away.
        self.assertIn("intact", self.verify())
        with self.assertRaises(CommandError) as raised:
            self.verify("--published")
        self.assertIn("published on 2023-03-01 (#3", str(raised.exception))

    def test_a_rewrite_after_the_published_head_is_not_blamed_on_it(self):
        publish_head(date(2023, 3, 1))
        audit.record(self.user, "orgs.test", self.unit, reason="later")
        rewrite_history_from(5, "rewritten after the day")
        self.assertIn("intact", self.verify("--published"))

    def test_the_worker_runs_it_daily(self):
        from django_q.models import Schedule

        from saisaat.jobs.schedules import ensure_schedules

        ensure_schedules()
        ensure_schedules()
        schedule = Schedule.objects.get(name="saisaat-publish-chain-head")
        self.assertEqual(schedule.args, "'publish_chain_head'")
        self.assertEqual(schedule.schedule_type, Schedule.DAILY)
        self.assertEqual(
            timezone.localtime(schedule.next_run).strftime("%H:%M"),
            settings.SAISAAT_CHAIN_HEAD_TIME,
        )


class PublishedHeadGuardTests(TestCase):
    """The published heads are as fixed as the entries: the database refuses to change,
    delete or empty them, and --published does not trust an emptied or rewound table."""

    @classmethod
    def setUpTestData(cls):
        for number in (1, 2, 3):
            audit.record(None, "orgs.test", ("orgs.unit", number, "x"))

    def verify(self, *args) -> str:
        out = StringIO()
        call_command("verify_audit", *args, stdout=out)
        return out.getvalue()

    def assert_refused(self, sql: str, params=()):
        from django.db import DatabaseError, connection, transaction

        with (
            self.assertRaises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("SET LOCAL saisaat.audit_flush = 'deny'")
            cursor.execute(sql, params)

    def test_postgresql_refuses_update_delete_and_truncate_of_published_heads(self):
        from django.db import connection

        if connection.vendor != "postgresql":
            self.skipTest("the triggers are PostgreSQL's")
        publish_head(date(2023, 3, 1))
        self.assert_refused("UPDATE audit_publishedhead SET entry_count = 1")
        self.assert_refused("UPDATE audit_publishedhead SET hash = %s", ["f" * 64])
        self.assert_refused("DELETE FROM audit_publishedhead")
        self.assert_refused("TRUNCATE audit_publishedhead")
        self.assertEqual(PublishedHead.objects.get().entry_count, 3)

    def test_an_emptied_heads_table_fails_against_the_logged_publications(self):
        publish_head(date(2023, 3, 1))
        self.assertIn("intact", self.verify("--published"))
        tamper("DELETE FROM audit_publishedhead")
        with self.assertRaises(CommandError) as raised:
            self.verify("--published")
        self.assertIn("2023-03-01", str(raised.exception))

    def test_a_published_count_that_goes_down_fails(self):
        publish_head(date(2023, 3, 1))
        publish_head(date(2023, 3, 2))
        # Wound back to an entry the chain does hold: each head alone still matches.
        second = Entry.objects.get(sequence=2).hash
        tamper(
            "UPDATE audit_publishedhead SET entry_count = 2, hash = %s WHERE day = '2023-03-02'",
            [second],
        )
        with self.assertRaises(CommandError) as raised:
            self.verify("--published")
        self.assertIn("2023-03-02", str(raised.exception))
        # A copy wound back the same way fails on its count alone.
        from saisaat.audit.published import Head, check_published

        rewound = [Head(date(2023, 3, 1), 3, Entry.objects.get(sequence=3).hash)]
        rewound.append(Head(date(2023, 3, 2), 2, second))
        self.assertIn("fewer entries", check_published(rewound))

    def test_it_checks_against_a_saved_copy_of_the_portals_heads(self):
        import json
        import tempfile
        from pathlib import Path

        from django.test import Client

        publish_head(date(2023, 3, 1))
        saved = Client().get("/portal/audit-chain.json").content
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "audit-chain.json"
            copy.write_bytes(saved)
            self.assertIn("intact", self.verify("--published-file", str(copy)))
            # Rewriting the history, the heads table and the log of publications together
            # still meets the copy kept outside.
            rewrite_history_from(2, "rewritten")
            tamper("DELETE FROM audit_publishedhead")
            with self.assertRaises(CommandError) as raised:
                self.verify("--published-file", str(copy))
            self.assertIn("2023-03-01", str(raised.exception))
            copy.write_text("not json")
            with self.assertRaises(CommandError):
                self.verify("--published-file", str(copy))
            copy.write_text(json.dumps({"heads": [{"day": "x"}]}))
            with self.assertRaises(CommandError):
                self.verify("--published-file", str(copy))
