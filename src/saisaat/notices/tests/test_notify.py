"""notify / notify_many: each person is told of each event once."""

import threading
import unittest
from unittest import mock

from django.db import IntegrityError, connection, transaction
from django.test import TransactionTestCase

from saisaat.notices import services
from saisaat.notices.models import Notice
from saisaat.notices.services import Email, Tell, notify, notify_many
from saisaat.testing.base import PersonaTestCase, make_unit, make_user
from saisaat.tracking.models import Assignment


class ToldOnceTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.assignment = Assignment.objects.filter(unit=cls.district_a).order_by("pk")[0]
        cls.other = Assignment.objects.filter(unit=cls.district_a).order_by("pk")[1]

    def tell(self, people, *, key="2023-02-28", target=None, kind=Notice.Kind.DUE_SOON):
        return notify(people, kind, target or self.assignment, key=key, message="ครบกำหนด")

    def test_it_tells_each_person_once_of_the_same_event(self):
        self.assertEqual(len(self.tell([self.district_a_officer, self.approver])), 2)
        self.assertEqual(len(self.tell([self.district_a_officer, self.approver])), 0)
        self.assertEqual(Notice.objects.count(), 2)

    def test_another_key_kind_or_target_is_another_event(self):
        self.tell([self.district_a_officer])
        self.tell([self.district_a_officer], key="2023-03-31")
        self.tell([self.district_a_officer], kind=Notice.Kind.OVERDUE)
        self.tell([self.district_a_officer], target=self.other)
        self.assertEqual(Notice.objects.filter(recipient=self.district_a_officer).count(), 4)

    def test_the_same_event_twice_in_one_call_is_told_once(self):
        tell = Tell(self.district_a_officer, Notice.Kind.DUE_SOON, self.assignment, "k", "m")
        self.assertEqual(len(notify_many([tell, tell])), 1)
        self.assertEqual(Notice.objects.count(), 1)

    def test_the_database_refuses_a_second_copy(self):
        self.tell([self.district_a_officer])
        with self.assertRaises(IntegrityError), transaction.atomic():
            Notice.objects.create(
                recipient=self.district_a_officer,
                kind=Notice.Kind.DUE_SOON,
                target=self.assignment,
                key="2023-02-28",
                message="ซ้ำ",
            )

    def test_a_notice_links_to_its_target(self):
        self.tell([self.district_a_officer])
        notice = Notice.objects.get()
        self.assertEqual(notice.target, self.assignment)
        self.assertEqual(notice.get_target_url(), self.assignment.get_absolute_url())

    def test_digest_notices_wait_for_the_digest_and_immediate_ones_go_on_commit(self):
        from django.core import mail

        self.district_a_officer.email = "a@example.org"
        self.district_a_officer.save(update_fields=["email"])
        notify(
            [self.district_a_officer],
            "due_soon",
            self.assignment,
            key="d",
            message="m1",
            email=Email.DIGEST,
        )
        with self.captureOnCommitCallbacks(execute=True):
            notify(
                [self.district_a_officer],
                "approved",
                self.assignment,
                key="e",
                message="m2",
                email=Email.NOW,
            )
        self.assertEqual(
            {(n.message, n.in_digest, n.emailed_at is None) for n in Notice.objects.all()},
            {("m1", True, True), ("m2", False, False)},
        )
        self.assertEqual([m.to for m in mail.outbox], [["a@example.org"]])
        self.assertIn("m2", mail.outbox[0].subject)

    def test_deleting_the_target_deletes_its_notices(self):
        self.tell([self.district_a_officer])
        self.tell([self.district_a_officer], target=self.other)
        Assignment.objects.filter(pk=self.assignment.pk).delete()
        self.assertEqual(list(Notice.objects.values_list("target_id", flat=True)), [self.other.pk])


@unittest.skipUnless(connection.vendor == "postgresql", "needs concurrent transactions")
class ConcurrentToldOnceTests(TransactionTestCase):
    """Two runs that both find no notice yet and then both insert it: the constraint and
    ON CONFLICT DO NOTHING leave one row and no error."""

    def test_two_runs_at_once_create_one_notice(self):
        department = make_unit("00", "department", "กรม")
        province = make_unit("43", "province", "จังหวัด", department)
        person = make_user("someone", province)
        # Any saved row will do as the target: the unit.
        both_checked = threading.Barrier(2, timeout=10)
        real_existing = services._existing

        def existing_then_wait(*args):
            found = real_existing(*args)
            both_checked.wait()
            return found

        errors = []

        def run():
            try:
                notify([person], Notice.Kind.OVERDUE, province, key="k", message="m")
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connection.close()

        with mock.patch.object(services, "_existing", existing_then_wait):
            threads = [threading.Thread(target=run) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(Notice.objects.count(), 1)
