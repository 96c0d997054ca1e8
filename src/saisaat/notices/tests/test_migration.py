"""The move of the two old notice models into the one: every row comes over, and a
reminder told before the move is not told again after it."""

from datetime import timedelta

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

from saisaat.complaints import services as complaints
from saisaat.complaints.models import Complaint
from saisaat.complaints.reminders import create_reminders as complaint_reminders
from saisaat.notices.models import Notice
from saisaat.orgs.models import Unit
from saisaat.testing.base import load_source_plan, make_unit, make_user
from saisaat.tracking.models import Assignment
from saisaat.tracking.reminders import create_reminders as assignment_reminders
from saisaat.tracking.services import publish_plan

BEFORE = [("tracking", "0001_initial"), ("complaints", "0002_officer_confirmation")]


class NoticeMigrationTests(TransactionTestCase):
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def test_it_carries_every_old_notice_over(self):
        department = make_unit("00", Unit.Kind.DEPARTMENT, "กรม")
        province = make_unit("43", Unit.Kind.PROVINCE, "จังหวัด", department)
        district = make_unit("4301", Unit.Kind.DISTRICT, "อำเภอ", province)
        officer = make_user("officer", district)
        director = make_user("director", province, role="approver")
        publish_plan(load_source_plan(province))
        complaints.ensure_standard_channels(province)
        complaint = complaints.submit_complaint(
            category="service",
            description="ล่าช้า",
            reported_unit=province,
            received_at=timezone.make_aware(timezone.datetime(2023, 1, 2, 9)),
        )
        due = Assignment.objects.filter(unit=district).order_by("due_date", "pk")[0]
        other = Assignment.objects.filter(unit=district).order_by("due_date", "pk")[1]
        read = timezone.now() - timedelta(days=1)
        try:
            old = self.migrate(BEFORE)
            Notification = old.get_model("tracking", "Notification")
            ComplaintNotice = old.get_model("complaints", "ComplaintNotice")
            rows = [
                ("overdue", due.pk, f"overdue:{due.pk}:{due.due_date.isoformat()}", read),
                ("submitted", other.pk, f"submitted:{other.pk}:2023-01-05T10:00:00+00:00", None),
                ("returned", other.pk, "returned:77", None),
                ("due_soon", other.pk, "made-by-hand", None),
            ]
            for kind, assignment_id, key, read_at in rows:
                Notification.objects.create(
                    recipient_id=officer.pk,
                    assignment_id=assignment_id,
                    kind=kind,
                    event_key=key,
                    message=f"แจ้ง {kind}",
                    emailed_at=read,
                    read_at=read_at,
                )
            ComplaintNotice.objects.create(
                recipient_id=director.pk,
                complaint_id=complaint.pk,
                kind="acknowledge",
                event_key=f"complaint:acknowledge:{complaint.pk}:"
                f"{complaint.acknowledge_due.isoformat()}",
                message="เรื่องร้องเรียนเกินกำหนด",
            )
        finally:
            self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

        moved = {
            (n.recipient_id, n.kind, n.target_id, n.key, n.message, n.read_at is not None)
            for n in Notice.objects.all()
        }
        self.assertEqual(
            moved,
            {
                (officer.pk, "overdue", due.pk, due.due_date.isoformat(), "แจ้ง overdue", True),
                (
                    officer.pk,
                    "submitted",
                    other.pk,
                    "2023-01-05T10:00:00+00:00",
                    "แจ้ง submitted",
                    False,
                ),
                (officer.pk, "returned", other.pk, "event:77", "แจ้ง returned", False),
                (officer.pk, "due_soon", other.pk, "made-by-hand", "แจ้ง due_soon", False),
                (
                    director.pk,
                    "acknowledge",
                    complaint.pk,
                    complaint.acknowledge_due.isoformat(),
                    "เรื่องร้องเรียนเกินกำหนด",
                    False,
                ),
            },
        )
        self.assertEqual(
            set(Notice.objects.values_list("target_type__model", flat=True)),
            {"assignment", "complaint"},
        )
        self.assertFalse(Notice.objects.pending_digest().exists())
        # Told before the move, not again after it.
        after_due = due.due_date + timedelta(days=1)
        assignment_reminders(after_due, days=0)
        self.assertEqual(
            Notice.objects.filter(recipient=officer, kind="overdue", target_id=due.pk).count(), 1
        )
        complaint_reminders(complaint.acknowledge_due + timedelta(days=1))
        self.assertEqual(
            Notice.objects.about(Complaint.objects.all())
            .filter(recipient=director, kind="acknowledge")
            .count(),
            1,
        )
