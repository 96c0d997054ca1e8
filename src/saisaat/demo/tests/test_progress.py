import hashlib

from django.core.files.storage import default_storage
from django.test import TestCase

from saisaat.demo.progress import PROGRESS_AS_OF, seed_tracking_demo
from saisaat.demo.province import seed_demo_province
from saisaat.orgs.models import Unit
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem

Status = Assignment.Status


class TrackingDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.result = seed_demo_province()["areas"]["progress"]
        cls.province = Unit.objects.get(code="43")

    def test_most_work_due_by_the_end_of_june_is_approved(self):
        due = Assignment.objects.filter(due_date__lte=PROGRESS_AS_OF)
        approved = due.filter(status=Status.APPROVED).count()
        self.assertGreater(approved, due.count() / 2)
        self.assertFalse(
            Assignment.objects.filter(
                due_date__gt=PROGRESS_AS_OF,
                status__in=[Status.APPROVED, Status.SUBMITTED, Status.RETURNED],
            ).exists()
        )
        self.assertTrue(due.filter(status=Status.NOT_STARTED).exists())

    def test_the_lagging_district_lags(self):
        def share(unit_code):
            due = Assignment.objects.filter(unit__code=unit_code, due_date__lte=PROGRESS_AS_OF)
            return due.filter(status=Status.APPROVED).count() / due.count()

        self.assertLess(share("4315"), share("4301"))

    def test_every_item_is_dated_inside_its_period_and_every_file_is_stored(self):
        # The documents demo attaches one memo of its own; these are the progress demo's.
        items = EvidenceItem.objects.filter(title__startswith="หลักฐานการดำเนินงาน")
        items = items.select_related("assignment__activity")
        self.assertEqual(items.count(), self.result["evidence"])
        for item in items:
            activity = item.assignment.activity
            self.assertGreaterEqual(item.effective_date, activity.period_start)
            self.assertLessEqual(item.effective_date, PROGRESS_AS_OF)
        stored = items.filter(kind=EvidenceItem.Kind.FILE).first()
        with default_storage.open(stored.file.name) as handle:
            self.assertEqual(hashlib.sha256(handle.read()).hexdigest(), stored.sha256)

    def test_approved_work_has_its_review_in_the_history(self):
        approved = Assignment.objects.filter(status=Status.APPROVED)
        with_event = approved.filter(events__action=AssignmentEvent.Action.APPROVED).distinct()
        self.assertEqual(with_event.count(), approved.count())
        self.assertTrue(all(a.approved_at for a in approved))

    def test_a_second_run_changes_nothing(self):
        before = EvidenceItem.objects.count()
        self.assertEqual(seed_tracking_demo(self.province, 2566), {"assignments": 0, "evidence": 0})
        self.assertEqual(EvidenceItem.objects.count(), before)
