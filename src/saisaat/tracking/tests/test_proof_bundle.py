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

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)
        self.zip = self.folder / "bundle.zip"
        call_command("proof_bundle", unit="4301", year=2566, out=str(self.zip), stdout=None)
        self.unpacked = self.folder / "unpacked"
        with zipfile.ZipFile(self.zip) as archive:
            archive.extractall(self.unpacked)

    def verify(self, target=None) -> subprocess.CompletedProcess:
        # The verifier runs as an auditor would run it: a separate Python, no Django.
        return subprocess.run(
            [
                sys.executable,
                "-I",
                str(self.unpacked / "verify.py"),
                *([str(target)] if target else []),
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

    def test_it_refuses_an_unknown_office(self):
        with self.assertRaises(CommandError):
            call_command("proof_bundle", unit="9999", year=2566, out=str(self.zip))
