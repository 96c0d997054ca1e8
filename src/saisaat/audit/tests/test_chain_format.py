"""Chain format 2 (a header hash over a body hash), a chain mixing formats 1 and 2, the
written-down head, and on PostgreSQL the guards against TRUNCATE and a head wound back."""

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, timedelta
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase
from django.utils import timezone

from saisaat.audit import services as audit
from saisaat.audit.bundle import BundleWriter, write_audit
from saisaat.audit.chain import BODY_KEYS, GENESIS, HEADER_KEYS, canonical, entry_hash
from saisaat.audit.models import ChainHead, Entry
from saisaat.audit.tests.helpers import tamper
from saisaat.orgs.models import Unit, User


def legacy_entry(sequence: int, prev_hash: str, unit, reason: str) -> Entry:
    """An entry as format 1 wrote it: one hash over every field."""
    entry = Entry(
        sequence=sequence,
        created_at=timezone.now() - timedelta(days=400 - sequence),
        actor_label="system",
        action="orgs.legacy",
        object_type="orgs.unit",
        object_id=str(unit.pk),
        object_label=str(unit),
        unit_id=unit.pk,
        unit_code=unit.code,
        fiscal_year=2565,
        changes={"name_th": ["เดิม", reason]},
        reason=reason,
        prev_hash=prev_hash,
        format=1,
    )
    entry.hash = entry_hash(entry.payload())
    entry.save()
    return entry


class ChainFormatTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind=Unit.Kind.DEPARTMENT, name_th="กรม")
        cls.unit = Unit.objects.create(
            code="43", kind=Unit.Kind.PROVINCE, name_th="หนองคาย", parent=department
        )
        cls.user = User.objects.create_user(username="somchai", unit=cls.unit)
        # Three entries written before format 2, then three after.
        previous = GENESIS
        for sequence in (1, 2, 3):
            previous = legacy_entry(sequence, previous, cls.unit, f"old {sequence}").hash
        ChainHead.objects.update_or_create(pk=1, defaults={"sequence": 3, "hash": previous})
        for number in (4, 5, 6):
            audit.record(
                cls.user,
                "orgs.test",
                cls.unit,
                changes={"n": [None, number]},
                reason=f"new {number}",
                unit=cls.unit.pk,
                fiscal_year=2566,
                confidential=number == 6,
            )

    def verify(self, *args) -> str:
        out = StringIO()
        call_command("verify_audit", *args, stdout=out)
        return out.getvalue()

    def assert_broken(self, words: str, *args):
        with self.assertRaises(CommandError) as raised:
            self.verify(*args)
        self.assertIn(words, str(raised.exception))

    def test_a_new_entry_hashes_its_header_over_its_body_hash(self):
        entry = Entry.objects.get(sequence=4)
        self.assertEqual(entry.format, 2)
        self.assertRegex(entry.nonce, r"^[0-9a-f]{32}$")
        body = {key: getattr(entry, key) for key in BODY_KEYS}
        self.assertEqual(body["changes"], {"n": [None, 4]})
        body_hash = hashlib.sha256(canonical(body)).hexdigest()
        header = {
            "format": 2,
            "sequence": 4,
            "prev_hash": Entry.objects.get(sequence=3).hash,
            "created_at": entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            # Given as an id, the office is tagged with its code as it stands.
            "unit_code": "43",
            "fiscal_year": 2566,
            "confidential": False,
            "action": "orgs.test",
            "body_hash": body_hash,
        }
        self.assertEqual(set(header), set(HEADER_KEYS))
        self.assertEqual(entry.hash, hashlib.sha256(canonical(header)).hexdigest())
        self.assertEqual(entry.skeleton(), {**header, "hash": entry.hash})

    def test_two_entries_with_the_same_body_have_different_body_hashes(self):
        one, two = (
            audit.record(None, "orgs.test", ("orgs.unit", 1, "x"), fiscal_year=2566)
            for _ in range(2)
        )
        self.assertNotEqual(one.header()["body_hash"], two.header()["body_hash"])
        self.assertIsNone(one.header()["unit_code"])

    def test_an_entry_about_an_object_takes_its_office_and_year(self):
        entry = audit.record_changed(self.user, "orgs.test", self.user, {"first_name": "x"})
        self.assertEqual((entry.unit_id, entry.unit_code), (self.unit.pk, "43"))
        self.assertIsNone(entry.fiscal_year)

    def test_a_mixed_chain_verifies(self):
        self.assertIn("6 entries", self.verify())

    def test_it_catches_an_edited_format_1_entry(self):
        tamper("UPDATE audit_entry SET reason = %s WHERE sequence = 2", ["nothing"])
        self.assert_broken("entry #2 was altered")

    def test_it_catches_an_edited_format_2_body(self):
        tamper("UPDATE audit_entry SET reason = %s WHERE sequence = 5", ["nothing"])
        self.assert_broken("entry #5 was altered")

    def test_it_catches_an_edited_format_2_tag(self):
        tamper("UPDATE audit_entry SET confidential = %s WHERE sequence = 4", [True])
        self.assert_broken("entry #4 was altered")
        tamper("UPDATE audit_entry SET confidential = %s WHERE sequence = 4", [False])
        tamper("UPDATE audit_entry SET fiscal_year = %s WHERE sequence = 4", [2567])
        self.assert_broken("entry #4 was altered")

    def test_it_catches_the_format_switched_back(self):
        tamper("UPDATE audit_entry SET format = 1 WHERE sequence = 4")
        self.assert_broken("entry #4 was altered")

    def test_formats_only_move_forward(self):
        tamper("UPDATE audit_entry SET format = 1 WHERE sequence = 5")
        self.assert_broken("entry #5 is format 1 after format 2 began at #4")

    def test_it_catches_an_unknown_format(self):
        tamper("UPDATE audit_entry SET format = 3 WHERE sequence = 2")
        self.assert_broken("entry #2 has an unknown chain format 3")

    def test_the_head_line_gives_the_cutover(self):
        out = StringIO()
        call_command("audit_head", stdout=out)
        self.assertIn("(format 2 from #4;", out.getvalue())

    def test_the_first_format_2_entry_passed_off_as_format_1_fails_against_the_cutover(self):
        """Forward-only formats alone cannot tell where format 2 began: a forger turns the
        office's entry #4 into a format-1 line, drops its body and moves the manifest's
        cut-over to #5. The cut-over the office wrote down (``--cutover 4``) catches it."""
        bundle = self.bundle(2566)
        self.assertEqual(self.run_verifier(bundle, "--cutover", "4").returncode, 0)
        with zipfile.ZipFile(bundle) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        chain = files["audit/chain.jsonl"].decode().splitlines()
        link = json.loads(chain[3])
        self.assertEqual((link["sequence"], link["format"]), (4, 2))
        chain[3] = json.dumps(
            {key: link[key] for key in ("sequence", "prev_hash", "hash")} | {"format": 1}
        )
        entries = files["audit/entries.jsonl"].decode().splitlines()
        entries = [line for line in entries if json.loads(line)["sequence"] != 4]
        files["audit/chain.jsonl"] = ("\n".join(chain) + "\n").encode()
        files["audit/entries.jsonl"] = ("\n".join(entries) + "\n").encode()
        manifest = json.loads(files["manifest.json"])
        manifest["chain_cutover"] = 5
        for item in manifest["files"]:
            if item["path"] in files:
                data = files[item["path"]]
                item.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        files["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(bundle, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        result = self.run_verifier(bundle)
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("format 2 from entry #5 on: compare it", result.stdout)
        result = self.run_verifier(bundle, "--cutover", "4")
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            "audit entry #4: format 1, but the chain is format 2 from #4 on", result.stdout
        )
        # Without the forger's edit to the manifest, its cut-over catches it too.
        manifest["chain_cutover"] = 4
        files["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(bundle, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        result = self.run_verifier(bundle)
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            "manifest.json says format 2 from #4, the chain switches at #5", result.stdout
        )

    def test_it_catches_a_deleted_entry_in_either_format(self):
        tamper("DELETE FROM audit_entry WHERE sequence = 3")
        self.assert_broken("entry #3 is missing")

    def test_it_catches_swapped_entries_across_formats(self):
        tamper("UPDATE audit_entry SET sequence = 1000 WHERE sequence = 3")
        tamper("UPDATE audit_entry SET sequence = 3 WHERE sequence = 4")
        tamper("UPDATE audit_entry SET sequence = 4 WHERE sequence = 1000")
        self.assert_broken("entry #3 does not follow #2")

    def test_it_catches_a_truncated_tail(self):
        tamper("DELETE FROM audit_entry WHERE sequence >= 5")
        self.assert_broken("entry #5 is missing (removed); the chain head is at #6")

    def test_it_catches_a_head_that_is_not_the_last_entry(self):
        tamper("UPDATE audit_chainhead SET hash = %s WHERE id = 1", ["f" * 64])
        self.assert_broken("the chain head (#6) does not match the last entry")

    def test_it_checks_a_head_written_down_earlier(self):
        out = StringIO()
        call_command("audit_head", stdout=out)
        head = Entry.objects.get(sequence=6)
        self.assertIn(f"#6 {head.hash}", out.getvalue())
        written = f"6:{head.hash}"
        self.assertIn("6 entries", self.verify("--at", written))
        self.assert_broken("entry #5 is not the one written down", "--at", f"5:{'a' * 64}")
        with self.assertRaises(CommandError):
            self.verify("--at", "six")

    def bundle(self, fiscal_year: int) -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        writer = BundleWriter(folder / "bundle.zip")
        written = write_audit(writer, self.unit, fiscal_year)
        writer.close(
            {
                "unit": "43",
                "fiscal_year": fiscal_year,
                "chain_head": written["head"],
                "chain_cutover": written["cutover"],
            }
        )
        return folder / "bundle.zip"

    def run_verifier(self, bundle: Path, *options) -> subprocess.CompletedProcess:
        with zipfile.ZipFile(bundle) as archive:
            (bundle.parent / "verify.py").write_bytes(archive.read("verify.py"))
        return subprocess.run(
            [sys.executable, "-I", str(bundle.parent / "verify.py"), str(bundle), *options],
            capture_output=True,
            text=True,
            check=False,
        )

    def test_a_bundle_over_a_mixed_chain_verifies_offline(self):
        result = self.run_verifier(self.bundle(2566))
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertIn("43, fiscal year 2566: 2 entries in the bundle", result.stdout)
        self.assertIn("withheld by rule (confidential): 1 entries", result.stdout)
        self.assertIn("format-1 entries in the chain: 3", result.stdout)
        # The office's format-1 entries ship whole and are checked against their hashes.
        legacy = self.bundle(2565)
        self.assertEqual(self.run_verifier(legacy).returncode, 0)
        with zipfile.ZipFile(legacy) as archive:
            lines = archive.read("audit/entries.jsonl").decode().splitlines()
            files = {name: archive.read(name) for name in archive.namelist()}
        self.assertEqual([json.loads(line)["sequence"] for line in lines], [1, 2, 3])
        entry = json.loads(lines[1])
        entry["reason"] = "rewritten"
        files["audit/entries.jsonl"] = "\n".join([lines[0], json.dumps(entry), lines[2]]).encode()
        with zipfile.ZipFile(legacy, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        result = self.run_verifier(legacy)
        self.assertEqual(result.returncode, 1)
        self.assertIn("audit entry #2: altered (hash differs)", result.stdout)


class DatabaseGuardTests(TestCase):
    """PostgreSQL refuses, whatever the client, what the model refuses."""

    @classmethod
    def setUpTestData(cls):
        for number in (1, 2, 3):
            audit.record(None, "orgs.test", ("orgs.unit", number, "x"))

    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("the triggers are PostgreSQL's")

    def assert_refused(self, sql: str, params=()):
        with (
            self.assertRaises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            # The test run allows flushing its own database; this session does not.
            cursor.execute("SET LOCAL saisaat.audit_flush = 'deny'")
            cursor.execute(sql, params)

    def test_it_refuses_update_delete_and_truncate_of_entries(self):
        self.assert_refused("UPDATE audit_entry SET reason = 'x' WHERE sequence = 1")
        self.assert_refused("DELETE FROM audit_entry WHERE sequence = 3")
        self.assert_refused("TRUNCATE audit_entry")
        self.assert_refused("TRUNCATE audit_chainhead")
        self.assertEqual(Entry.objects.count(), 3)

    def test_the_head_moves_only_forward_to_the_last_entry(self):
        second = Entry.objects.get(sequence=2)
        self.assert_refused(
            "UPDATE audit_chainhead SET sequence = 2, hash = %s WHERE id = 1", [second.hash]
        )
        self.assert_refused("UPDATE audit_chainhead SET hash = %s WHERE id = 1", ["f" * 64])
        self.assert_refused("DELETE FROM audit_chainhead")
        # Appending still moves it.
        entry = audit.record(None, "orgs.test", ("orgs.unit", 4, "x"))
        head = ChainHead.objects.get()
        self.assertEqual((head.sequence, head.hash), (4, entry.hash))
