"""The evidence seam: any registered kind of record is filed as a dated snapshot on the
office's assignment of its activity, with the snapshot's SHA-256."""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from saisaat.core.spreadsheets import workbook_bytes
from saisaat.plans import evidence
from saisaat.plans.models import Activity
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.evidence import AssignmentKeeper
from saisaat.tracking.models import Assignment, EvidenceItem


@dataclass
class Record:
    """A stand-in for another app's record (a certificate list, a goal, a memo ...)."""

    unit_id: int
    activity_id: int | None
    remembered: object = None


def _sheet() -> bytes:
    book = Workbook()
    book.active.append(["ชื่อ", "ผล"])
    return workbook_bytes(book)


class EvidenceSeamTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        self.content = _sheet()
        self.addCleanup(evidence._sources.pop, "test-record", None)
        evidence.register_source(
            evidence.EvidenceSource(
                kind="test-record",
                label="Test record",
                records=lambda unit, year: [],
                placement=lambda record: (
                    evidence.Placement(record.unit_id, record.activity_id)
                    if record.activity_id
                    else None
                ),
                snapshot=lambda record, on: evidence.Snapshot(
                    content=self.content,
                    filename="record.xlsx",
                    title="สรุปผล",
                    effective_date=on or date(2023, 3, 31),
                ),
                attached=lambda record, item: setattr(record, "remembered", item),
                not_placed_message="ไม่ได้ผูกกับกิจกรรม",
            )
        )
        self.activity = Activity.objects.filter(assignments__unit=self.district_a).first()

    def test_the_installed_apps_register_their_sources_and_tracking_keeps_the_evidence(self):
        kinds = {source.kind for source in evidence.sources()}
        self.assertLessEqual({"survey-results", "memo"}, kinds)
        self.assertIsInstance(evidence.keeper(), AssignmentKeeper)

    def test_a_record_is_filed_on_its_assignment_with_the_snapshot_s_sha256(self):
        record = Record(self.district_a.pk, self.activity.pk)
        item = evidence.attach("test-record", record, acting_user=self.district_a_officer)
        assignment = Assignment.objects.get(activity=self.activity, unit=self.district_a)
        self.assertEqual(item.assignment, assignment)
        self.assertEqual(item.kind, EvidenceItem.Kind.FILE)
        self.assertEqual(item.sha256, hashlib.sha256(self.content).hexdigest())
        with item.file.open("rb") as stored:
            self.assertEqual(stored.read(), self.content)
        self.assertEqual((item.title, item.effective_date), ("สรุปผล", date(2023, 3, 31)))
        self.assertEqual(record.remembered, item)
        self.assertEqual(evidence.target_for("test-record", record), assignment)

    def test_a_record_about_no_activity_of_the_office_is_refused_and_nothing_is_filed(self):
        with self.assertRaisesMessage(ValidationError, "ไม่ได้ผูกกับกิจกรรม"):
            evidence.attach(
                "test-record", Record(self.district_a.pk, None), acting_user=self.approver
            )
        other = Record(self.other_province.pk, self.activity.pk)
        self.assertIsNone(evidence.target_for("test-record", other))
        with self.assertRaises(ValidationError):
            evidence.attach("test-record", other, acting_user=self.approver)
        self.assertFalse(EvidenceItem.objects.exists())
