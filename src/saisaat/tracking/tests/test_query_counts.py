"""Pages keep the same number of queries as units, assignments and evidence grow."""

from datetime import date

from django.urls import reverse

from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase, make_user
from saisaat.tracking.models import Assignment, EvidenceItem
from saisaat.tracking.services import publish_plan


class QueryCountTests(PersonaTestCase):
    publish_plan = True

    def grow(self):
        """Five more district offices, the plan published to them, evidence everywhere."""
        for n in range(3, 8):
            district = Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
            make_user(f"grown-{n}", district)
        publish_plan(self.plan)
        EvidenceItem.objects.bulk_create(
            EvidenceItem(
                assignment=a,
                kind="note",
                note="บันทึก",
                effective_date=date(2023, 1, 5),
                uploaded_by=self.approver,
            )
            for a in Assignment.objects.all()
        )
        Assignment.objects.filter(pk__in=Assignment.objects.values("pk")[:200]).update(
            status="approved"
        )

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_province_dashboard(self):
        # session, user, province, the user's unit, plans with their programme, districts,
        # dimension titles, the progress aggregate, due-this-month list, overdue list.
        self.assert_constant(self.approver, reverse("tracking:province-dashboard", args=["43"]), 10)

    def test_department_view(self):
        # session, user, unit, years, provinces, the aggregate, a plan, its dimension titles.
        self.assert_constant(self.department_officer, reverse("tracking:department"), 8)

    def test_my_work(self):
        # session, user, unit, the dimensions for the filter, the count of each due
        # state, the first items of every state (one windowed query).
        self.assert_constant(self.district_a_officer, reverse("tracking:my-work"), 6)

    def test_my_work_of_an_approver(self):
        # ... the province's work groups for the filter, and the review queue: its
        # activities, their items, the counts per office.
        def submit_some(count):
            waiting = Assignment.objects.exclude(status="approved").values("pk")[:count]
            Assignment.objects.filter(pk__in=waiting).update(status="submitted")

        url = reverse("tracking:my-work")
        self.client.force_login(self.approver)
        submit_some(5)
        self.client.get(url)
        with self.assertNumQueries(10):
            before = self.client.get(url)
        self.grow()
        submit_some(60)
        with self.assertNumQueries(10):
            after = self.client.get(url)
        self.assertGreater(after.context["review"].total, before.context["review"].total)
        self.assertGreater(len(after.context["review"].items), len(before.context["review"].items))

    def test_unit_page(self):
        # session, user, the user's unit, the unit with its parent, its plan with the
        # programme, assignments, measures for the form.
        self.assert_constant(
            self.district_a_officer, reverse("tracking:unit-detail", args=["4301"]), 7
        )

    def test_activity_page(self):
        activity = Assignment.objects.filter(unit=self.district_a).first().activity
        # session, user, the user's unit, the activity with its plan, assignments, their
        # current evidence, work groups, checklist items, targets.
        self.assert_constant(
            self.provincial_officer, reverse("tracking:activity-detail", args=[activity.pk]), 9
        )

    def test_assignment_page(self):
        assignment = Assignment.objects.filter(unit=self.district_a).first()
        # session, user, unit, assignment, evidence, events, checklist items, the office's
        # records of each of the seventeen kinds it could link (certificates, declarations,
        # moral goals, activities, MOUs, innovations, workplace-environment activities,
        # publication channels, awards and letters of thanks, complaint statistics,
        # surveys, memos, orders and announcements, sub-plans, budget, the 5S programme,
        # published 5S results), the unit's officers.
        url = assignment.get_absolute_url()
        self.client.force_login(self.district_a_officer)
        with self.assertNumQueries(25):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        # Growing approves work; this one stays open, so it still offers records to link.
        Assignment.objects.filter(pk=assignment.pk).update(status="in_progress")
        with self.assertNumQueries(25):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_assignment_page_of_the_reviewer(self):
        assignment = Assignment.objects.filter(unit=self.district_a).first()
        # session, user, unit, assignment, evidence, events, checklist items, the unit's
        # officers: the reviewer links nothing, so no records are listed.
        self.assert_constant(self.approver, assignment.get_absolute_url(), 8)

    def test_missing_evidence_page(self):
        # session, user, province, the user's unit, plans with their programme, the
        # province, its districts, items required per activity, items satisfied per
        # assignment, the assignments, their activities.
        self.assert_constant(self.approver, reverse("tracking:province-missing", args=["43"]), 11)
