from datetime import date

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem
from saisaat.tracking.services import (
    TransitionError,
    add_evidence,
    assign_officer,
    review,
    submit_for_review,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIMIT = 20 * 1024 * 1024


def pdf(name="report.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


class ReviewFlowTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        self.assignment = Assignment.objects.filter(unit=self.district_a).order_by("pk").first()

    def add_pdf(self, **kwargs):
        return add_evidence(
            self.assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2023, 1, 15),
            file=kwargs.pop("file", pdf()),
            max_bytes=LIMIT,
            **kwargs,
        )

    def test_it_stores_a_file_with_its_hash_and_starts_the_work(self):
        import hashlib

        item = self.add_pdf(title="ประกาศนโยบาย")
        self.assertEqual(item.kind, EvidenceItem.Kind.FILE)
        self.assertEqual(item.sha256, hashlib.sha256(PDF).hexdigest())
        self.assertEqual(item.content_type, "application/pdf")
        self.assertEqual(item.original_name, "report.pdf")
        self.assertNotIn("report", item.file.name)
        with item.file.open("rb") as stored:
            self.assertEqual(stored.read(), PDF)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.IN_PROGRESS)

    def test_it_refuses_a_renamed_executable_and_keeps_nothing(self):
        with self.assertRaises(ValidationError):
            self.add_pdf(file=pdf("report.pdf", b"MZ\x90\x00" + b"\x00" * 200))
        self.assertFalse(EvidenceItem.objects.exists())

    def test_it_cannot_submit_without_evidence(self):
        with self.assertRaises(TransitionError):
            submit_for_review(self.assignment, acting_user=self.district_a_officer)

    def test_the_whole_cycle_is_in_the_history(self):
        self.add_pdf()
        submit_for_review(self.assignment, acting_user=self.district_a_officer)
        review(self.assignment, acting_user=self.approver, approve=False, comment="ขอรูปภาพเพิ่ม")
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.RETURNED)
        add_evidence(
            self.assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2023, 1, 20),
            url="https://example.org/photos",
            max_bytes=LIMIT,
        )
        submit_for_review(self.assignment, acting_user=self.district_a_officer)
        review(self.assignment, acting_user=self.approver, approve=True)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.APPROVED)
        self.assertIsNotNone(self.assignment.approved_at)
        steps = list(self.assignment.events.values_list("action", "actor__username", "to_status"))
        self.assertEqual(
            [s for s in steps if s[0] != "published"],
            [
                ("evidence_added", "district-a", "in_progress"),
                ("submitted", "district-a", "submitted"),
                ("returned", "prov-director", "returned"),
                ("evidence_added", "district-a", "returned"),
                ("submitted", "district-a", "submitted"),
                ("approved", "prov-director", "approved"),
            ],
        )
        returned = AssignmentEvent.objects.get(action="returned")
        self.assertEqual(returned.comment, "ขอรูปภาพเพิ่ม")

    def test_returning_needs_a_comment(self):
        self.add_pdf()
        submit_for_review(self.assignment, acting_user=self.district_a_officer)
        with self.assertRaises(ValidationError):
            review(self.assignment, acting_user=self.approver, approve=False, comment="  ")

    def test_only_submitted_work_is_reviewed(self):
        with self.assertRaises(TransitionError):
            review(self.assignment, acting_user=self.approver, approve=True)

    def test_approved_evidence_cannot_be_added_to_but_can_be_corrected(self):
        item = self.add_pdf()
        submit_for_review(self.assignment, acting_user=self.district_a_officer)
        review(self.assignment, acting_user=self.approver, approve=True)
        with self.assertRaises(TransitionError):
            self.add_pdf()
        correction = self.add_pdf(file=pdf("fixed.pdf", PDF + b"%fixed\n"), supersedes=item)
        self.assertEqual(correction.supersedes, item)
        self.assertEqual(list(self.assignment.evidence.current()), [correction])
        self.assertEqual(self.assignment.evidence.count(), 2)
        self.assignment.refresh_from_db()
        # The corrected work needs approving again.
        self.assertEqual(self.assignment.status, Assignment.Status.IN_PROGRESS)
        with self.assertRaises(TransitionError):
            self.add_pdf(supersedes=item)

    def test_reviewers_and_officers_are_notified_once(self):
        self.add_pdf()
        submit_for_review(self.assignment, acting_user=self.district_a_officer)
        self.assertTrue(Notice.objects.filter(recipient=self.approver, kind="submitted").exists())
        with self.captureOnCommitCallbacks(execute=True):
            review(self.assignment, acting_user=self.approver, approve=False, comment="แก้ไขวันที่")
        notes = Notice.objects.filter(recipient=self.district_a_officer, kind="returned")
        self.assertEqual(notes.count(), 1)
        self.assertIn("แก้ไขวันที่", notes.get().message)
        self.assertFalse(Notice.objects.filter(recipient=self.district_b_officer).exists())
        self.assertEqual(len(mail.outbox), 0)  # personas have no e-mail address

    def test_an_officer_of_another_unit_cannot_be_named(self):
        with self.assertRaises(ValidationError):
            assign_officer(self.assignment, self.district_b_officer, acting_user=self.approver)
        assign_officer(self.assignment, self.district_a_officer, acting_user=self.approver)
        self.assertEqual(
            Assignment.objects.for_officer(self.district_a_officer)
            .filter(pk=self.assignment.pk)
            .count(),
            1,
        )
