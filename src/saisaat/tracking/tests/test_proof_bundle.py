import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from saisaat.audit import services as audit
from saisaat.audit.models import ChainHead, Entry
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence, submit_for_review

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ProofBundleTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk").first()
        for number in (1, 2):
            cls.item = add_evidence(
                cls.assignment,
                acting_user=cls.district_a_officer,
                effective_date=date(2023, 1, 15),
                file=SimpleUploadedFile(f"r{number}.pdf", PDF + b"%" * number),
                max_bytes=10**6,
            )
        submit_for_review(cls.assignment, acting_user=cls.district_a_officer)
        # Another office's work, interleaved in the global chain.
        other = Assignment.objects.filter(unit=cls.district_b).order_by("pk").first()
        add_evidence(
            other,
            acting_user=cls.district_b_officer,
            effective_date=date(2023, 1, 15),
            note="ประชุมแล้ว",
            max_bytes=10**6,
        )
        # A reading of a complainant's identity at the office: withheld by rule.
        audit.record(
            cls.district_a_officer,
            "complaints.identity_read",
            ("complaints.complaint", 1, "ร้องเรียน 1"),
            unit=cls.district_a,
            fiscal_year=2566,
            confidential=True,
        )

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.zip = self.folder / "bundle.zip"
        call_command("proof_bundle", unit="4301", year=2566, out=str(self.zip), stdout=None)
        self.unpacked = self.folder / "unpacked"
        with zipfile.ZipFile(self.zip) as archive:
            archive.extractall(self.unpacked)

    def forge(self, name: str, lines: list[str]) -> None:
        """Rewrite a file of the unpacked bundle and its manifest line, as a forger would."""
        data = ("\n".join(lines) + "\n").encode()
        (self.unpacked / name).write_bytes(data)
        manifest_path = self.unpacked / "manifest.json"
        manifest = json.loads(manifest_path.read_text())
        for item in manifest["files"]:
            if item["path"] == name:
                item.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        manifest_path.write_text(json.dumps(manifest))

    def lines(self, name: str) -> list[str]:
        return (self.unpacked / name).read_text().splitlines()

    def verify(self, target=None, *options) -> subprocess.CompletedProcess:
        # The verifier runs as an auditor would run it: a separate Python, no Django.
        return subprocess.run(
            [
                sys.executable,
                "-I",
                str(self.unpacked / "verify.py"),
                *([str(target)] if target else []),
                *options,
            ],
            capture_output=True,
            text=True,
            check=False,
        )

    def test_it_holds_the_plan_the_statuses_the_evidence_and_the_chain(self):
        assignments = json.loads((self.unpacked / "assignments.json").read_text())
        self.assertEqual(
            {a["id"] for a in assignments},
            set(Assignment.objects.filter(unit=self.district_a).values_list("pk", flat=True)),
        )
        mine = next(a for a in assignments if a["id"] == self.assignment.pk)
        self.assertEqual(mine["status"], Assignment.Status.SUBMITTED)
        evidence = json.loads((self.unpacked / "evidence.json").read_text())
        self.assertEqual(len(evidence), 2)
        self.assertEqual((self.unpacked / evidence[0]["path"]).read_bytes(), PDF + b"%")
        entries = (self.unpacked / "audit/entries.jsonl").read_text().splitlines()
        actions = [json.loads(line)["action"] for line in entries]
        self.assertIn("tracking.submitted", actions)
        self.assertTrue(all(json.loads(line)["unit_code"] in ("", "4301") for line in entries))
        self.assertEqual({json.loads(line)["unit_id"] for line in entries}, {self.district_a.pk})
        self.assertIn('"plan.json"', (self.unpacked / "manifest.json").read_text())

    def test_the_verifier_passes_an_untouched_bundle_unpacked_or_zipped(self):
        result = self.verify()
        self.assertEqual(result.returncode, 0, result.stdout)
        self.assertEqual(self.verify(self.zip).returncode, 0)

    def test_the_verifier_names_an_altered_evidence_file(self):
        evidence = json.loads((self.unpacked / "evidence.json").read_text())
        (self.unpacked / evidence[1]["path"]).write_bytes(PDF + b"forged")
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"evidence item {evidence[1]['id']}", result.stdout)

    def test_the_verifier_names_an_edited_chain_entry(self):
        path = self.unpacked / "audit/entries.jsonl"
        lines = path.read_text().splitlines()
        entry = json.loads(lines[1])
        entry["actor_label"] = "somebody else"
        lines[1] = json.dumps(entry, ensure_ascii=False)
        path.write_text("\n".join(lines) + "\n")
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"audit entry #{entry['sequence']}: altered", result.stdout)

    def test_the_verifier_names_an_entry_left_out(self):
        path = self.unpacked / "audit/chain.jsonl"
        lines = path.read_text().splitlines()
        removed = json.loads(lines[1])
        path.write_text("\n".join(lines[:1] + lines[2:]) + "\n")
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"audit entry #{removed['sequence']}: missing", result.stdout)

    def forge_as_format_1(self) -> int:
        """The reviewer's forgery: one of the office's format-2 lines rewritten as a
        format-1 line with the same links, its body dropped, the manifest's hashes redone."""
        chain = self.lines("audit/chain.jsonl")
        entries = self.lines("audit/entries.jsonl")
        target = json.loads(entries[-1])
        at = next(
            i for i, line in enumerate(chain) if json.loads(line)["sequence"] == target["sequence"]
        )
        self.assertEqual(json.loads(chain[at])["format"], 2)
        chain[at] = json.dumps(
            {
                "format": 1,
                "sequence": target["sequence"],
                "prev_hash": target["prev_hash"],
                "hash": target["hash"],
            }
        )
        self.forge("audit/chain.jsonl", chain)
        self.forge("audit/entries.jsonl", entries[:-1])
        return target["sequence"]

    def test_the_verifier_refuses_an_office_entry_passed_off_as_format_1(self):
        sequence = self.forge_as_format_1()
        result = self.verify()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(
            f"audit entry #{sequence}: format 1 after format 2 began at #1", result.stdout
        )
        cutover = json.loads((self.unpacked / "manifest.json").read_text())["chain_cutover"]
        self.assertEqual(cutover, 1)
        result = self.verify(None, "--cutover", str(cutover))
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(
            f"audit entry #{sequence}: format 1, but the chain is format 2 from #1 on",
            result.stdout,
        )

    def test_the_verifier_refuses_an_unknown_format_and_a_wrong_cutover(self):
        chain = self.lines("audit/chain.jsonl")
        link = json.loads(chain[2])
        chain[2] = json.dumps({**link, "format": 3})
        self.forge("audit/chain.jsonl", chain)
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"audit entry #{link['sequence']}: unknown chain format 3", result.stdout)
        # An untouched bundle against a cut-over that is not its own.
        self.setUp()
        result = self.verify(None, "--cutover", "2")
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            "audit entry #1: format 2, but the chain is format 1 before #2", result.stdout
        )
        self.assertEqual(self.verify(None, "--cutover", "1").returncode, 0)
        self.assertEqual(self.verify(None, "--cutover", "x").returncode, 2)

    def test_it_ships_the_whole_chain_skeleton_and_only_the_office_bodies(self):
        skeleton = [json.loads(line) for line in self.lines("audit/chain.jsonl")]
        self.assertEqual([link["sequence"] for link in skeleton], list(range(1, len(skeleton) + 1)))
        self.assertEqual(skeleton[-1]["hash"], ChainHead.objects.get().hash)
        entries = [json.loads(line) for line in self.lines("audit/entries.jsonl")]
        expected = Entry.objects.filter(
            unit_code="4301", fiscal_year=2566, confidential=False
        ).values_list("sequence", flat=True)
        self.assertEqual([e["sequence"] for e in entries], sorted(expected))
        # A skeleton line shows no body: no actor, object, changes or reason.
        text = (self.unpacked / "audit/chain.jsonl").read_text()
        self.assertNotIn("ประชุมแล้ว", text)
        self.assertNotIn("actor_label", text)
        self.assertNotIn("ร้องเรียน", (self.unpacked / "audit/entries.jsonl").read_text())

    def test_the_verifier_reports_what_it_proved(self):
        result = self.verify()
        self.assertIn("office 4301, fiscal year 2566", result.stdout)
        self.assertIn("withheld by rule (confidential): 1 entries", result.stdout)
        head = ChainHead.objects.get()
        self.assertIn(f"chain head #{head.sequence} {head.hash}", result.stdout)

    def test_the_verifier_catches_an_office_entry_left_out(self):
        lines = self.lines("audit/entries.jsonl")
        removed = json.loads(lines[0])
        self.forge("audit/entries.jsonl", lines[1:])
        result = self.verify()
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn(
            f"audit entry #{removed['sequence']}: an entry of office 4301 for 2566 is not in "
            "the bundle",
            result.stdout,
        )

    def test_the_verifier_catches_an_edited_body_even_with_its_hashes_redone(self):
        lines = self.lines("audit/entries.jsonl")
        entry = json.loads(lines[0])
        entry["reason"] = "rewritten"
        self.forge("audit/entries.jsonl", [json.dumps(entry, ensure_ascii=False), *lines[1:]])
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"audit entry #{entry['sequence']}: altered", result.stdout)
        # Redoing the body hash and the hash moves the entry off its place in the chain.
        from saisaat.audit.offline_verifier import body_hash, header_hash

        entry["body_hash"] = body_hash(entry)
        entry["hash"] = header_hash(entry)
        self.forge("audit/entries.jsonl", [json.dumps(entry, ensure_ascii=False), *lines[1:]])
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(
            f"audit entry #{entry['sequence']}: not in the chain at its place", result.stdout
        )

    def test_the_verifier_catches_an_edited_skeleton(self):
        lines = self.lines("audit/chain.jsonl")
        office = next(
            i for i, line in enumerate(lines) if json.loads(line).get("unit_code") == "4301"
        )
        link = json.loads(lines[office])
        link["confidential"] = True  # to hide an office entry as if withheld by rule
        lines[office] = json.dumps(link)
        self.forge("audit/chain.jsonl", lines)
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"audit entry #{link['sequence']}: skeleton altered", result.stdout)

    def test_the_verifier_catches_an_altered_file_against_the_manifest(self):
        path = self.unpacked / "assignments.json"
        path.write_text(path.read_text().replace("submitted", "approved"))
        result = self.verify()
        self.assertEqual(result.returncode, 1)
        self.assertIn("file assignments.json: SHA-256 differs from the manifest", result.stdout)

    def test_the_verifier_checks_a_head_written_down_earlier(self):
        entry = Entry.objects.get(sequence=3)
        self.assertEqual(self.verify(None, "--head", f"3:{entry.hash}").returncode, 0)
        result = self.verify(None, "--head", f"3:{'a' * 64}")
        self.assertEqual(result.returncode, 1)
        self.assertIn("audit entry #3: not the head written down", result.stdout)

    def test_it_refuses_an_unknown_office(self):
        with self.assertRaises(CommandError):
            call_command("proof_bundle", unit="9999", year=2566, out=str(self.zip))
