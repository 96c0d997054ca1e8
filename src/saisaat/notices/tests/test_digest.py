"""send_reminders: every app's reminders, then one e-mail digest per person."""

from datetime import date
from io import StringIO
from unittest import mock

from django.core import mail
from django.core.management import call_command

from saisaat.complaints.tests.helpers import ComplaintTestCase, aware
from saisaat.notices.digest import send_digest
from saisaat.notices.models import Notice


class DigestTests(ComplaintTestCase):
    load_plan = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.complaint = cls.make_complaint(
            description="ข้อความร้องเรียนลับ", received_at=aware(2023, 1, 2, 9)
        )
        cls.complaint_officer.work_group = cls.groups["coordination"]
        cls.complaint_officer.email = "co@example.org"
        cls.complaint_officer.save(update_fields=["work_group", "email"])

    def run_command(self, *args):
        out = StringIO()
        call_command("send_reminders", *args, stdout=out)
        return out.getvalue()

    def test_one_e_mail_tells_a_person_of_work_and_complaints_alike(self):
        self.run_command("--today", "2023-02-22")
        mails = [m for m in mail.outbox if m.to == ["co@example.org"]]
        self.assertEqual(len(mails), 1)
        self.assertIn("/assignments/", mails[0].body)
        self.assertIn(f"เรื่องร้องเรียนเลขที่ {self.complaint.pk} ", mails[0].body)
        self.assertNotIn(self.complaint.display_code, mails[0].body)
        self.assertIn(f"/complaints/{self.complaint.pk}/", mails[0].body)
        self.assertNotIn("ข้อความร้องเรียนลับ", mails[0].body)
        self.assertFalse(
            Notice.objects.filter(recipient=self.complaint_officer).pending_digest().exists()
        )
        # The next day: nothing new, nothing sent.
        self.assertIn("notifications: 0, e-mails: 0", self.run_command("--today", "2023-02-23"))
        self.assertEqual(len([m for m in mail.outbox if m.to == ["co@example.org"]]), 1)

    def test_what_the_mail_server_failed_to_send_goes_out_next_time(self):
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=ConnectionError("mail server down"),
        ):
            with self.assertRaises(ConnectionError):
                self.run_command("--today", "2023-02-22")
        waiting = Notice.objects.filter(recipient=self.complaint_officer).pending_digest()
        self.assertTrue(waiting.exists())
        self.assertEqual(send_digest(), 1)
        self.assertFalse(waiting.exists())
        self.assertEqual(len(mail.outbox), 1)

    def test_a_person_without_an_address_reads_them_in_the_app_only(self):
        self.run_command("--today", "2023-02-22")
        approver_notices = Notice.objects.filter(recipient=self.approver)
        self.assertTrue(approver_notices.exists())  # the director is told of the complaint
        self.assertFalse(approver_notices.pending_digest().exists())
        self.assertFalse(approver_notices.filter(emailed_at__isnull=False).exists())
        self.assertFalse([m for m in mail.outbox if m.to == [self.approver.email]])

    def test_the_digest_keeps_its_query_count_as_people_and_notices_grow(self):
        from saisaat.orgs.models import User

        self.run_command("--today", "2023-02-22")
        # pending notices with recipient and target type, marking the unmailable (and the
        # hidden), marking the e-mailed; and, for each person e-mailed with notices about
        # complaints, which of those they may still read (a daily batch, not a page).
        Notice.objects.update(in_digest=True, emailed_at=None)
        with self.assertNumQueries(3 + 1):  # the complaint officer alone has an address
            send_digest()
        User.objects.exclude(pk=self.complaint_officer.pk).update(email="x@example.org")
        Notice.objects.update(in_digest=True, emailed_at=None)
        told_of_complaints = (
            Notice.objects.about_model(type(self.complaint)).values("recipient").distinct().count()
        )
        self.assertLess(told_of_complaints, User.objects.count())
        with self.assertNumQueries(2 + told_of_complaints):
            self.assertGreater(send_digest(), 3)

    def test_the_old_complaint_command_runs_the_same_digest(self):
        err = StringIO()
        call_command("complaint_reminders", "--today", "2023-02-22", stdout=StringIO(), stderr=err)
        self.assertIn("deprecated", err.getvalue())
        kinds = set(Notice.objects.values_list("kind", flat=True))
        self.assertEqual(kinds, {"due_soon", "acknowledge"})
        self.assertEqual(len(mail.outbox), 1)

    def test_a_bad_day_is_refused(self):
        from django.core.management import CommandError

        with self.assertRaises(CommandError):
            self.run_command("--today", date(2023, 2, 22).strftime("%d/%m/%Y"))
