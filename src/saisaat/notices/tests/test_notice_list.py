"""The one notifications page: a person's own notices about assignments and complaints."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saisaat.complaints import services as complaints
from saisaat.complaints.models import ComplaintOfficer
from saisaat.complaints.reminders import create_reminders as complaint_reminders
from saisaat.complaints.tests.helpers import ComplaintTestCase, aware
from saisaat.notices.models import Notice
from saisaat.notices.services import notify
from saisaat.tracking.models import Assignment
from saisaat.tracking.reminders import create_reminders as assignment_reminders

COMPLAINANT = "นางสาวผู้ร้อง ลับเฉพาะ"
UNREAD_WORDS = "รายการที่ยังไม่ได้อ่าน"
DESCRIPTION = "เจ้าหน้าที่เรียกเงินใต้โต๊ะในการออกหนังสือรับรอง"


class NoticeListTests(ComplaintTestCase):
    load_plan = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.misconduct = cls.make_complaint(
            "misconduct",
            description=DESCRIPTION,
            identity=complaints.Identity(name=COMPLAINANT, phone="0812345678"),
            received_at=aware(2023, 1, 2, 9),
        )
        # The complaint officer works in the coordination group, so is also told of the
        # group's assignments falling due.
        cls.complaint_officer.work_group = cls.groups["coordination"]
        cls.complaint_officer.save(update_fields=["work_group"])

    def remind(self, day=date(2023, 2, 22)):
        return assignment_reminders(day) + complaint_reminders(day)

    def page(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("notices:list"))

    def test_it_shows_assignment_and_complaint_notices_on_one_page(self):
        self.remind()
        mine = Notice.objects.filter(recipient=self.complaint_officer)
        self.assertEqual(set(mine.values_list("kind", flat=True)), {"due_soon", "acknowledge"})
        page = self.page(self.complaint_officer)
        self.assertContains(page, f"เรื่องร้องเรียนเลขที่ {self.misconduct.pk} ")
        self.assertContains(page, reverse("complaints:detail", args=[self.misconduct.pk]))
        assignment = Assignment.objects.get(pk=mine.filter(kind="due_soon")[0].target_id)
        self.assertContains(page, assignment.get_absolute_url())

    def test_a_complaint_notice_names_no_complainant_and_quotes_nothing(self):
        self.remind()
        page = self.page(self.complaint_officer)
        for message in Notice.objects.about_model(type(self.misconduct)).values_list(
            "message", flat=True
        ):
            for secret in (COMPLAINANT, "0812345678", DESCRIPTION):
                self.assertNotIn(secret, message)
        for secret in (COMPLAINANT, "0812345678", DESCRIPTION):
            self.assertNotContains(page, secret)

    def test_a_notice_about_a_complaint_one_may_no_longer_read_is_hidden(self):
        self.remind()
        reference = f"เรื่องร้องเรียนเลขที่ {self.misconduct.pk} "
        self.assertContains(self.page(self.complaint_officer), reference)
        # The officer steps down: misconduct complaints are no longer theirs to read.
        ComplaintOfficer.objects.filter(user=self.complaint_officer).delete()
        page = self.page(self.complaint_officer)
        self.assertNotContains(page, reference)
        # Their assignment notices stay.
        self.assertContains(page, "/assignments/")
        unit_list = self.client.get(reverse("complaints:unit-list", args=["43"]))
        self.assertNotContains(unit_list, self.misconduct.display_code)

    def test_notices_are_private_and_marked_read_by_their_owner_only(self):
        self.remind()
        notify([self.district_b_officer], "submitted", self.misconduct, key="x", message="ของ ข")
        self.assertNotContains(self.page(self.complaint_officer), "ของ ข")
        self.client.post(reverse("notices:read"))
        self.assertFalse(Notice.objects.filter(recipient=self.complaint_officer).unread().exists())
        self.assertTrue(Notice.objects.filter(recipient=self.district_b_officer).unread().exists())

    def test_the_page_keeps_its_query_count_as_notices_grow(self):
        url = reverse("notices:list")
        self.page(self.complaint_officer)
        # session, user, the person's notices (with their target type; the complaints
        # they may read as a subquery), the person's unit (page header).
        with self.assertNumQueries(4):
            self.client.get(url)
        self.remind()
        for n in range(5):
            self.make_complaint(received_at=aware(2023, 1, 3 + n, 9))
        self.remind(date(2023, 3, 5))
        self.assertGreater(Notice.objects.filter(recipient=self.complaint_officer).count(), 10)
        # With unread notices, one more: the header counts those the person may still see.
        with self.assertNumQueries(5):
            self.client.get(url)

    def test_the_header_counts_unread_notices_in_one_query_and_none_when_there_are_none(self):
        self.remind()
        unread = Notice.objects.filter(recipient=self.complaint_officer).unread().count()
        self.assertGreater(unread, 1)
        self.client.force_login(self.complaint_officer)
        url = reverse("tracking:my-work")
        with CaptureQueriesContext(connection) as queries:
            page = self.client.get(url)
        # Once, on the header's own notifications link, which says it in words too.
        self.assertContains(
            page, f'<mark class="unread-count" aria-hidden="true">{unread}</mark>', count=1
        )
        self.assertContains(
            page, f'<span class="visually-hidden">{unread} {UNREAD_WORDS}</span>', count=1
        )
        # The plain count rides on the query that loads the user; with unread notices, one
        # more query counts those the person may still see.
        about_notices = [q["sql"] for q in queries if "notices_notice" in q["sql"]]
        self.assertEqual(len(about_notices), 2)
        self.assertIn('FROM "orgs_user"', about_notices[0])
        self.client.post(reverse("notices:read"))
        with CaptureQueriesContext(connection) as queries:
            self.assertNotContains(self.client.get(url), 'class="unread-count"')
        self.assertEqual(len([q for q in queries if "notices_notice" in q["sql"]]), 1)

    def test_the_header_does_not_count_a_complaint_one_may_no_longer_read(self):
        hidden = self.step_down()
        self.assertTrue(hidden.unread().exists())
        visible = (
            Notice.objects.filter(recipient=self.complaint_officer)
            .unread()
            .exclude(pk__in=hidden.values("pk"))
            .count()
        )
        self.client.force_login(self.complaint_officer)
        page = self.client.get(reverse("tracking:my-work"))
        if visible:
            self.assertContains(
                page, f'<mark class="unread-count" aria-hidden="true">{visible}</mark>', count=1
            )
        else:
            self.assertNotContains(page, 'class="unread-count"')
        self.assertNotContains(
            page,
            f'<mark class="unread-count" aria-hidden="true">'
            f"{visible + hidden.unread().count()}</mark>",
        )

    # What the list hides is neither e-mailed nor marked read with the rest.
    def step_down(self):
        self.remind()
        self.complaint_officer.email = "co@example.org"
        self.complaint_officer.save(update_fields=["email"])
        # The officer steps down: misconduct complaints are no longer theirs to read.
        ComplaintOfficer.objects.filter(user=self.complaint_officer).delete()
        return Notice.objects.about_model(type(self.misconduct)).filter(
            recipient=self.complaint_officer, target_id=self.misconduct.pk
        )

    def test_the_digest_leaves_out_a_complaint_one_may_no_longer_read(self):
        from django.core import mail

        from saisaat.notices.digest import send_digest

        hidden = self.step_down()
        self.assertTrue(hidden.pending_digest().exists())
        self.assertEqual(send_digest(), 1)
        body = mail.outbox[0].body
        self.assertIn("/assignments/", body)
        self.assertNotIn(f"/complaints/{self.misconduct.pk}/", body)
        # Not waiting for the next digest either, nor marked as e-mailed.
        self.assertFalse(hidden.pending_digest().exists())
        self.assertFalse(hidden.filter(emailed_at__isnull=False).exists())
        self.assertEqual(send_digest(), 0)

    def test_mark_all_read_leaves_hidden_notices_alone(self):
        hidden = self.step_down()
        self.client.force_login(self.complaint_officer)
        self.client.post(reverse("notices:read"))
        self.assertTrue(hidden.unread().exists())
        self.assertFalse(
            Notice.objects.filter(recipient=self.complaint_officer)
            .unread()
            .exclude(pk__in=hidden.values("pk"))
            .exists()
        )
