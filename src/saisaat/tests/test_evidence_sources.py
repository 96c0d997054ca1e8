"""Records Saisaat holds satisfy checklist items: every registered kind of record lists the
office's own records and files a dated PDF snapshot with its SHA-256, which the evidence
bundle and the proof bundle carry like any upload."""

import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command

from saisaat.audit.models import Entry
from saisaat.documents.exports import build_evidence_bundle
from saisaat.participation.services import declarations
from saisaat.plans import checklist
from saisaat.plans import evidence as seam
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tests import fixtures
from saisaat.tracking import services
from saisaat.tracking.models import Assignment, EvidenceItem

KINDS = (
    checklist.CERTIFICATES,
    checklist.DECLARATION_SIGNOFF,
    checklist.MORAL_GOALS,
    checklist.ATTENDANCE,
    checklist.MOU,
    checklist.INNOVATION_COMPARISON,
    checklist.BUDGET_REPORT,
    checklist.COMPLAINT_STATISTICS,
    checklist.MEMO,
)


class EvidenceSourceTests(PersonaTestCase):
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fixtures.build(cls)
        declarations.acknowledge(
            declarations.current_version(cls.declaration),
            cls.staff_a,
            acting_user=cls.district_a_officer,
        )
        cls.requirement = EvidenceRequirement.objects.filter(
            activity_id=cls.assignment.activity_id
        ).first()

    def link(self, kind, assignment=None, user=None):
        assignment = assignment or self.assignment
        key = seam.source(kind).candidates(self.district_a, 2566)[0][0]
        return services.link_record(
            assignment,
            kind,
            key,
            requirement=self.requirement,
            acting_user=user or self.district_a_officer,
        )

    def test_at_least_eight_more_kinds_are_registered_by_their_own_apps(self):
        kinds = {source.kind for source in seam.sources()}
        self.assertLessEqual(set(KINDS), kinds)
        self.assertGreaterEqual(len(kinds - {checklist.MEMO, checklist.SURVEY_RESULTS}), 8)

    def test_each_kind_files_a_pdf_snapshot_with_its_sha256_on_the_checklist_item(self):
        for kind in KINDS:
            with self.subTest(kind=kind):
                item = self.link(kind)
                with item.file.open("rb") as stored:
                    content = stored.read()
                self.assertTrue(content.startswith(b"%PDF"), kind)
                self.assertEqual(item.sha256, hashlib.sha256(content).hexdigest())
                self.assertEqual(item.size, len(content))
                self.assertEqual(item.requirement, self.requirement)
                self.assertEqual(item.source_kind, kind)
                self.assertEqual(item.kind, EvidenceItem.Kind.FILE)
                entry = Entry.objects.filter(
                    action="tracking.evidence_added", object_id=str(item.pk)
                ).get()
                self.assertEqual(entry.changes["source_kind"], [None, kind])
                self.assertEqual(entry.changes["requirement"], [None, self.requirement.pk])

    def test_an_office_sees_only_its_own_records_and_cannot_link_another_s(self):
        other = Assignment.objects.filter(
            unit=self.district_b, activity_id=self.assignment.activity_id
        ).get()
        for kind in KINDS:
            with self.subTest(kind=kind):
                mine = {key for key, _label in seam.source(kind).candidates(self.district_a, 2566)}
                theirs = {
                    key for key, _label in seam.source(kind).candidates(self.district_b, 2566)
                }
                self.assertTrue(mine)
                if kind not in (checklist.COMPLAINT_STATISTICS,):
                    self.assertFalse(mine & theirs, kind)
                key = next(iter(mine - theirs))
                with self.assertRaises(ValidationError):
                    services.link_record(
                        other,
                        kind,
                        key,
                        requirement=self.requirement,
                        acting_user=self.district_b_officer,
                    )
        self.assertFalse(EvidenceItem.objects.filter(assignment=other).exists())

    def test_the_sign_off_sheet_names_who_acknowledged(self):
        snapshot = seam.source(checklist.DECLARATION_SIGNOFF).snapshot(
            seam.source(checklist.DECLARATION_SIGNOFF).find(
                self.district_a, 2566, str(self.declaration.pk)
            ),
            None,
        )
        self.assertTrue(snapshot.content.startswith(b"%PDF"))
        self.assertIn(self.declaration.title, snapshot.title)
        self.assertEqual(len(snapshot.sha256), 64)

    def test_an_unknown_kind_or_key_is_refused(self):
        with self.assertRaises(ValidationError):
            services.link_record(
                self.assignment,
                "no-such-kind",
                "1",
                requirement=self.requirement,
                acting_user=self.district_a_officer,
            )
        with self.assertRaises(ValidationError):
            services.link_record(
                self.assignment,
                checklist.MOU,
                "not-a-number",
                requirement=self.requirement,
                acting_user=self.district_a_officer,
            )

    def test_the_evidence_bundle_and_the_proof_bundle_carry_the_snapshots(self):
        items = [self.link(kind) for kind in KINDS]
        bundle = build_evidence_bundle([self.district_a], self.plan, None, label="4301")
        with zipfile.ZipFile(bundle.file) as archive:
            index = archive.read("index.csv").decode("utf-8-sig")
        bundle.close()
        for item in items:
            self.assertIn(f"{item.sha256},", index)
        self.assertNotIn("ไม่ตรง", index)

        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        call_command(
            "proof_bundle", unit="4301", year=2566, out=str(folder / "b.zip"), stdout=io.StringIO()
        )
        with zipfile.ZipFile(folder / "b.zip") as archive:
            listed = json.loads(archive.read("evidence.json"))
            by_id = {row["id"]: row for row in listed}
            for item in items:
                self.assertIn(item.pk, by_id)
                content = archive.read(by_id[item.pk]["path"])
                self.assertEqual(hashlib.sha256(content).hexdigest(), item.sha256)

    def test_taking_evidence_off_an_item_keeps_it_and_is_audited(self):
        item = self.link(checklist.MOU)
        services.detach_evidence(item, acting_user=self.district_a_officer)
        item.refresh_from_db()
        self.assertIsNone(item.requirement)
        self.assertTrue(EvidenceItem.objects.filter(pk=item.pk).exists())
        self.assertTrue(
            Entry.objects.filter(
                action="tracking.evidence_detached", object_id=str(item.pk)
            ).exists()
        )
        with self.assertRaises(ValidationError):
            services.detach_evidence(item, acting_user=self.district_a_officer)
