"""A second approver per office (issue 12): work the head made cannot be approved by the
head, so the province's deputy approver, set through a confirmed role change, approves it
and finds it in their review queue; the deputy reviews nothing else."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.notices.models import Notice
from saisaat.orgs import roles
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.access import can_review
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import TransitionError, add_evidence, review, submit_for_review

LIMIT = 20 * 1024 * 1024


class DeputyApproverTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        # Provincial work of the coordination group, which has no director of its own: the
        # head of the province is its only approver.
        self.assignment = (
            Assignment.objects.filter(unit=self.province, work_group=self.groups["coordination"])
            .order_by("pk")
            .first()
        )
        self.other = (
            Assignment.objects.filter(unit=self.province, work_group=self.groups["coordination"])
            .order_by("pk")[1:]
            .first()
        )
        change = roles.propose_role_change(
            self.province, self.provincial_officer, "deputy", acting_user=self.administrator
        )
        roles.confirm_role_change(change, acting_user=self.department_officer)
        self.deputy = self.provincial_officer
        self.province.refresh_from_db()

    def submit(self, assignment, user):
        add_evidence(
            assignment,
            acting_user=user,
            effective_date=date(2023, 1, 15),
            url="https://example.org/report",
            max_bytes=LIMIT,
        )
        submit_for_review(assignment, acting_user=user)

    def test_the_deputy_approves_what_the_head_submitted(self):
        self.submit(self.assignment, self.approver)
        with self.assertRaises(TransitionError):
            review(self.assignment, acting_user=self.approver, approve=True)
        self.assignment.refresh_from_db()
        self.assertTrue(can_review(self.deputy, self.assignment))
        self.login(self.deputy)
        queue = self.client.get(reverse("tracking:my-work"))
        self.assertIn(self.assignment, queue.context["review"].items)
        response = self.client.post(
            reverse("tracking:assignment-review", args=[self.assignment.pk]),
            {"decision": "approve", "comment": ""},
        )
        self.assertEqual(response.status_code, 302)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.APPROVED)

    def test_the_deputy_is_told_of_work_the_head_submitted_only(self):
        self.submit(self.other, self.administrator)
        self.assertFalse(Notice.objects.filter(recipient=self.deputy).exists())
        self.submit(self.assignment, self.approver)
        told = Notice.objects.filter(kind=Notice.Kind.SUBMITTED)
        self.assertEqual(
            set(
                told.about(Assignment.objects.filter(pk=self.assignment.pk)).values_list(
                    "recipient", flat=True
                )
            ),
            {self.deputy.pk},
        )

    def test_the_deputy_reviews_nothing_the_head_did_not_make(self):
        self.submit(self.other, self.administrator)
        self.other.refresh_from_db()
        self.assertFalse(can_review(self.deputy, self.other))
        self.login(self.deputy)
        self.assertNotIn(
            self.other, self.client.get(reverse("tracking:my-work")).context["review"].items
        )
        response = self.client.post(
            reverse("tracking:assignment-review", args=[self.other.pk]),
            {"decision": "approve", "comment": ""},
        )
        self.assertEqual(response.status_code, 403)
        # The head approves it as always.
        review(self.other, acting_user=self.approver, approve=True)

    def test_the_deputy_never_approves_what_they_supplied_evidence_for(self):
        add_evidence(
            self.assignment,
            acting_user=self.deputy,
            effective_date=date(2023, 1, 15),
            url="https://example.org/deputy",
            max_bytes=LIMIT,
        )
        self.submit(self.assignment, self.approver)
        with self.assertRaises(TransitionError):
            review(self.assignment, acting_user=self.deputy, approve=True)

    def test_the_deputy_is_set_only_with_a_second_persons_confirmation(self):
        change = roles.propose_role_change(
            self.province, self.administrator, "deputy", acting_user=self.approver
        )
        self.province.refresh_from_db()
        self.assertEqual(self.province.deputy_approver, self.deputy)
        with self.assertRaises(PermissionDenied):
            roles.confirm_role_change(change, acting_user=self.approver)
        roles.confirm_role_change(change, acting_user=self.department_officer)
        self.province.refresh_from_db()
        self.assertEqual(self.province.deputy_approver, self.administrator)
        self.assertEqual(Entry.objects.filter(action="orgs.deputy_approver_set").count(), 2)

    def test_ending_the_role_ends_the_reviewing(self):
        self.submit(self.assignment, self.approver)
        roles.end_approver_role(self.province, self.deputy, acting_user=self.administrator)
        self.province.refresh_from_db()
        self.assignment.refresh_from_db()
        self.assertIsNone(self.province.deputy_approver)
        self.assertFalse(can_review(self.deputy, self.assignment))
