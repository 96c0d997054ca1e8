"""Whoever submits work, or supplies its evidence, never approves it (issue 12, item 2)."""

from datetime import date

from django.urls import reverse

from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase, make_user
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import TransitionError, add_evidence, review, submit_for_review

LIMIT = 20 * 1024 * 1024


class SeparationOfDutiesTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        # Provincial work of the informatics group: the provincial director reviews it, and
        # so does the group's director.
        self.assignment = (
            Assignment.objects.filter(unit=self.province, work_group=self.groups["informatics"])
            .order_by("pk")
            .first()
        )
        self.group_director = make_user(
            "informatics-director",
            self.province,
            role="approver",
            work_group=self.groups["informatics"],
        )

    def submit(self, user):
        add_evidence(
            self.assignment,
            acting_user=user,
            effective_date=date(2023, 1, 15),
            url="https://example.org/report",
            max_bytes=LIMIT,
        )
        submit_for_review(self.assignment, acting_user=user)

    def test_the_group_director_cannot_approve_their_own_submission(self):
        self.submit(self.group_director)
        with self.assertRaises(TransitionError):
            review(self.assignment, acting_user=self.group_director, approve=True)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.SUBMITTED)
        # The provincial director, who did not take part, approves it.
        review(self.assignment, acting_user=self.approver, approve=True)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.APPROVED)

    def test_supplying_evidence_is_taking_part_even_if_someone_else_submits(self):
        add_evidence(
            self.assignment,
            acting_user=self.approver,
            effective_date=date(2023, 1, 15),
            url="https://example.org/director-photos",
            max_bytes=LIMIT,
        )
        submit_for_review(self.assignment, acting_user=self.administrator)
        with self.assertRaises(TransitionError):
            review(self.assignment, acting_user=self.approver, approve=True)
        review(self.assignment, acting_user=self.group_director, approve=True)

    def test_the_submitter_is_not_asked_to_review(self):
        self.submit(self.group_director)
        told = set(
            Notice.objects.filter(kind=Notice.Kind.SUBMITTED).values_list(
                "recipient__username", flat=True
            )
        )
        self.assertEqual(told, {self.approver.username})

    def test_the_review_page_refuses_with_a_message_and_400(self):
        self.submit(self.approver)
        self.login(self.approver)
        response = self.client.post(
            reverse("tracking:assignment-review", args=[self.assignment.pk]),
            {"decision": "approve", "comment": ""},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ผู้อนุมัติคนอื่น", status_code=400)
