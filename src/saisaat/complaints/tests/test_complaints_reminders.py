"""send_reminders (and its deprecated alias complaint_reminders): cron-safe reminders
about late complaints."""

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command

from saisaat.complaints import services
from saisaat.complaints.models import Complaint
from saisaat.complaints.tests.helpers import ComplaintTestCase, aware
from saisaat.notices.models import Notice

# Never evaluated itself: each use below is a fresh query.
COMPLAINT_NOTICES = Notice.objects.about_model(Complaint)


class ReminderTests(ComplaintTestCase):
    def run_command(self, *args):
        out = StringIO()
        call_command("send_reminders", *args, stdout=out)
        return out.getvalue()

    def test_it_reminds_officers_and_the_director_once_per_event(self):
        self.complaint_officer.email = "co@example.invalid"
        self.complaint_officer.save()
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        self.make_complaint(received_at=aware(2023, 3, 1, 9))  # not yet due
        output = self.run_command("--today", "2023-01-20")
        self.assertIn("notifications: 2", output)
        recipients = set(COMPLAINT_NOTICES.values_list("recipient__username", "kind", "target_id"))
        self.assertEqual(
            recipients,
            {
                ("complaint-officer", "acknowledge", complaint.pk),
                ("prov-director", "acknowledge", complaint.pk),
            },
        )
        self.assertEqual(len(mail.outbox), 1)
        # The internal number, never the tracking code (it opens the public status page).
        self.assertIn(f"เรื่องร้องเรียนเลขที่ {complaint.pk} ", mail.outbox[0].body)
        for code in (complaint.display_code, complaint.tracking_code):
            self.assertNotIn(code, mail.outbox[0].body)
            self.assertFalse(COMPLAINT_NOTICES.filter(message__contains=code).exists())
        self.assertNotIn(complaint.description, mail.outbox[0].body)
        # Again the same day: nothing new.
        self.assertIn("notifications: 0", self.run_command("--today", "2023-01-20"))
        self.assertEqual(len(mail.outbox), 1)

    def test_after_acknowledgement_it_reminds_of_the_finish_deadline(self):
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        services.change_status(complaint, "acknowledged", acting_user=self.approver)
        self.run_command("--today", "2023-03-01")
        self.assertEqual(set(COMPLAINT_NOTICES.values_list("kind", flat=True)), {"finish"})

    def test_a_person_named_in_the_complaint_is_not_reminded(self):
        from saisaat.complaints.models import ComplaintOfficer

        ComplaintOfficer.objects.create(unit=self.province, user=self.accused, status="confirmed")
        complaint = self.make_complaint("misconduct", received_at=aware(2023, 1, 2, 9))
        services.set_persons_concerned(complaint, [self.accused_staff], acting_user=self.approver)
        from saisaat.complaints.reminders import create_reminders

        create_reminders(date(2023, 2, 1))
        self.assertFalse(COMPLAINT_NOTICES.filter(recipient=self.accused).exists())
        self.assertTrue(COMPLAINT_NOTICES.filter(recipient=self.complaint_officer).exists())

    def test_closed_complaints_are_not_reminded(self):
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        services.change_status(complaint, "forwarded", acting_user=self.approver, forwarded_to="x")
        self.run_command("--today", "2023-06-01")
        self.assertFalse(COMPLAINT_NOTICES.exists())

    def test_reminders_show_on_the_complaint_list(self):
        complaint = self.make_complaint(received_at=aware(2023, 1, 2, 9))
        self.run_command("--today", "2023-01-20")
        self.login(self.complaint_officer)
        from django.urls import reverse

        response = self.client.get(reverse("complaints:unit-list", args=["43"]))
        self.assertContains(response, 'id="complaint-notices"')
        self.assertContains(response, complaint.display_code)

    def test_a_bad_date_is_refused(self):
        with self.assertRaises(CommandError):
            self.run_command("--today", "31/01/2566")
