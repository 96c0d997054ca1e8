from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment

# Never evaluated itself: each use below is a fresh query.
ASSIGNMENT_NOTICES = Notice.objects.about_model(Assignment)


class SendRemindersTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for user in (cls.district_a_officer, cls.district_b_officer, cls.provincial_officer):
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])

    def run_command(self, today: str) -> str:
        out = StringIO()
        call_command("send_reminders", "--today", today, stdout=out)
        return out.getvalue()

    def test_it_reminds_each_unit_of_what_falls_due_within_seven_days(self):
        # 2023-02-22: activities ending 28 Feb fall due; nothing is overdue yet.
        self.run_command("2023-02-22")
        due = Assignment.objects.due_within(7, date(2023, 2, 22))
        district_a_due = due.filter(unit=self.district_a).count()
        self.assertGreater(district_a_due, 0)
        notes = ASSIGNMENT_NOTICES.filter(recipient=self.district_a_officer)
        self.assertEqual(notes.count(), district_a_due)
        self.assertTrue(all(n.kind == "due_soon" for n in notes))
        self.assertIn("28 ก.พ. 2566", notes.first().message)
        # One digest e-mail per person, in Thai, with a link to each item.
        to_district_a = [m for m in mail.outbox if m.to == ["district-a@example.org"]]
        self.assertEqual(len(to_district_a), 1)
        self.assertIn("/assignments/", to_district_a[0].body)
        # At the provincial office only the responsible work group is reminded.
        coordination = due.filter(unit=self.province, work_group=self.groups["coordination"])
        self.assertEqual(
            ASSIGNMENT_NOTICES.filter(recipient=self.provincial_officer).count(),
            coordination.count(),
        )

    def test_it_never_sends_the_same_reminder_twice(self):
        self.run_command("2023-02-22")
        notes, mails = ASSIGNMENT_NOTICES.count(), len(mail.outbox)
        output = self.run_command("2023-02-23")
        self.assertIn("notifications: 0, e-mails: 0", output)
        self.assertEqual((ASSIGNMENT_NOTICES.count(), len(mail.outbox)), (notes, mails))

    def test_it_tells_of_overdue_work_once_and_not_of_approved_work(self):
        approved = Assignment.objects.filter(unit=self.district_a, due_date__lt=date(2023, 3, 1))
        approved_pk = approved.first().pk
        Assignment.objects.filter(pk=approved_pk).update(status="approved")
        self.run_command("2023-03-05")
        overdue = ASSIGNMENT_NOTICES.filter(recipient=self.district_a_officer, kind="overdue")
        self.assertEqual(overdue.count(), approved.count() - 1)
        self.assertFalse(overdue.filter(target_id=approved_pk).exists())
        self.run_command("2023-03-06")
        self.assertEqual(overdue.count(), approved.count() - 1)

    def test_it_refuses_a_bad_date(self):
        from django.core.management import CommandError

        with self.assertRaises(CommandError):
            self.run_command("31/02/2566")
