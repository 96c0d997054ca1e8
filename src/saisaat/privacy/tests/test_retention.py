"""purge_personal_data: what is past its retention period goes (complaint identities,
survey metadata, sign-in records), what is not stays; --dry-run changes nothing; the
worker's daily schedule runs the same purge."""

import ast
from datetime import timedelta
from io import StringIO

from axes.models import AccessLog
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.tasks import async_task

from saisaat.audit.models import Entry
from saisaat.complaints import services as complaints
from saisaat.complaints.models import Complainant, Complaint
from saisaat.jobs.schedules import ensure_schedules
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Response
from saisaat.surveys.tests.factories import make_survey, questions_of
from saisaat.testing.base import PersonaTestCase

PERSON = complaints.Identity(name="นายเก่า มากแล้ว", phone="0833333333")


@override_settings(
    SAISAAT_RETAIN_COMPLAINT_IDENTITY_DAYS=100,
    SAISAAT_RETAIN_SURVEY_METADATA_DAYS=30,
    SAISAAT_RETAIN_SIGN_IN_DAYS=10,
)
class RetentionTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        complaints.ensure_standard_channels(cls.province)
        now = timezone.now()
        cls.old_closed = cls.closed_complaint(now - timedelta(days=101))
        cls.recent_closed = cls.closed_complaint(now - timedelta(days=5))
        cls.old_open = complaints.submit_complaint(
            category="service",
            description="ยังไม่ปิด",
            reported_unit=cls.province,
            identity=PERSON,
            received_at=now - timedelta(days=400),
        )
        survey = make_survey(cls.province)
        answers = {questions_of(survey)["ความรวดเร็ว"].pk: 4}
        cls.old_response = surveys.submit_response(survey, answers, address="192.0.2.5")
        cls.new_response = surveys.submit_response(survey, answers, address="192.0.2.6")
        Response.objects.filter(pk=cls.old_response.pk).update(
            submitted_at=now - timedelta(days=31)
        )
        old_log = AccessLog.objects.create(username="x", ip_address="192.0.2.7", user_agent="t")
        AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=now - timedelta(days=11))
        AccessLog.objects.create(username="y", ip_address="192.0.2.8", user_agent="t")

    @classmethod
    def closed_complaint(cls, closed_at):
        complaint = complaints.submit_complaint(
            category="service",
            description="เรื่องเก่า",
            reported_unit=cls.province,
            identity=PERSON,
        )
        Complaint.objects.filter(pk=complaint.pk).update(status="resolved", closed_at=closed_at)
        return complaint

    def purge(self, *args):
        out = StringIO()
        call_command("purge_personal_data", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_counts_and_changes_nothing(self):
        out = self.purge("--dry-run")
        self.assertIn("complaint identities: 1 would be removed", out)
        self.assertIn("survey metadata: 1 would be removed", out)
        self.assertIn("sign in records: 1 would be removed", out)
        self.assertEqual(Complainant.objects.filter(erased_at__isnull=False).count(), 0)
        self.assertEqual(AccessLog.objects.count(), 2)
        self.assertFalse(Entry.objects.filter(action="privacy.personal_data_purged").exists())

    def test_it_removes_only_what_is_past_its_period_and_audits_the_counts(self):
        out = self.purge()
        self.assertIn("complaint identities: 1 removed", out)
        old = Complainant.objects.get(complaint=self.old_closed)
        self.assertEqual((old.name, old.phone, old.phone_digest), ("", "", ""))
        self.assertTrue(Complaint.objects.filter(pk=self.old_closed.pk).exists())
        for kept in (self.recent_closed, self.old_open):
            self.assertEqual(Complainant.objects.get(complaint=kept).name, PERSON.name)
        old_response = Response.objects.get(pk=self.old_response.pk)
        self.assertEqual(old_response.address_digest, "")
        self.assertNotEqual(old_response.key, self.old_response.key)
        self.assertEqual(old_response.answers.count(), 1)
        self.assertNotEqual(Response.objects.get(pk=self.new_response.pk).address_digest, "")
        self.assertEqual(list(AccessLog.objects.values_list("username", flat=True)), ["y"])
        entry = Entry.objects.get(action="privacy.personal_data_purged")
        self.assertEqual(
            entry.changes,
            {
                "complaint_identities": [None, 1],
                "survey_metadata": [None, 1],
                "sign_in_records": [None, 1],
            },
        )
        # A second run finds nothing more.
        self.assertIn("complaint identities: 0 removed", self.purge())

    def test_the_workers_daily_schedule_purges_what_is_past_its_period(self):
        ensure_schedules()
        purge = Schedule.objects.get(name="saisaat-purge-personal-data")
        # What the worker does with the schedule: call its function with its arguments.
        task_id = async_task(purge.func, *ast.literal_eval(f"({purge.args},)"), sync=True)
        self.assertTrue(Task.objects.get(id=task_id).success)
        self.assertIsNotNone(Complainant.objects.get(complaint=self.old_closed).erased_at)
        self.assertEqual(Complainant.objects.get(complaint=self.recent_closed).name, PERSON.name)
        self.assertEqual(Response.objects.get(pk=self.old_response.pk).address_digest, "")
        self.assertEqual(list(AccessLog.objects.values_list("username", flat=True)), ["y"])
        entry = Entry.objects.get(action="privacy.personal_data_purged")
        self.assertEqual(entry.changes["complaint_identities"], [None, 1])

    def test_running_the_purge_twice_in_a_day_removes_nothing_more(self):
        """Cron and the worker may both run it: the second run only audits zeros."""
        self.purge()
        removed_at = Complainant.objects.get(complaint=self.old_closed).erased_at
        self.assertIn("complaint identities: 0 removed", self.purge())
        self.assertEqual(Complainant.objects.get(complaint=self.old_closed).erased_at, removed_at)
        self.assertEqual(Complainant.objects.get(complaint=self.recent_closed).name, PERSON.name)
        self.assertEqual(
            Entry.objects.filter(action="complaints.identities_removed_after_retention").count(),
            1,
        )
        last = Entry.objects.filter(action="privacy.personal_data_purged").order_by("sequence")
        self.assertEqual(
            last.last().changes,
            {
                "complaint_identities": [None, 0],
                "survey_metadata": [None, 0],
                "sign_in_records": [None, 0],
            },
        )
