"""My work at volume: grouped by due state, filtered and sorted by GET (with htmx or
without), the review queue grouped by activity with counts per office, and "approve and
next" through the audited review (issue 16, item 5)."""

from datetime import date, timedelta
from unittest import mock

from django.urls import reverse
from django.utils import timezone

from saisaat.audit.models import Entry
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking import worklist
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence, submit_for_review

Status = Assignment.Status
MY_WORK = reverse("tracking:my-work")


def number(assignment) -> tuple[int, int, int]:
    return (
        assignment.dimension_number,
        assignment.activity.measure.number,
        assignment.activity.position,
    )


class MyWorkTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        today = timezone.localdate()
        owed = Assignment.objects.filter(unit=self.district_a).order_by("pk")
        # Everything else falls due later; six rows, one per due state.
        owed.update(status=Status.NOT_STARTED, due_date=today + timedelta(days=100))
        rows = list(owed[:6])
        plan = [
            ("returned", Status.RETURNED, -5),
            ("overdue", Status.NOT_STARTED, -1),
            ("due-soon", Status.IN_PROGRESS, 10),
            ("waiting", Status.SUBMITTED, -20),
            ("later", Status.NOT_STARTED, 31),
            ("done", Status.APPROVED, -40),
        ]
        self.rows = {}
        for row, (state, status, days) in zip(rows, plan, strict=True):
            Assignment.objects.filter(pk=row.pk).update(
                status=status, due_date=today + timedelta(days=days)
            )
            self.rows[state] = row.pk
        self.later_count = owed.count() - 5

    def page(self, user=None, **query):
        self.client.force_login(user or self.district_a_officer)
        response = self.client.get(MY_WORK, query)
        return response

    def listed(self, response) -> dict[str, list[int]]:
        return {g.state.value: [a.pk for a in g.items] for g in response.context["groups"]}

    def test_work_is_grouped_by_due_state_in_order(self):
        response = self.page()
        self.assertEqual(response.status_code, 200)
        groups = response.context["groups"]
        self.assertEqual(
            [g.state.value for g in groups],
            ["returned", "overdue", "due-soon", "waiting", "later", "done"],
        )
        listed = self.listed(response)
        for state in ("returned", "overdue", "due-soon", "waiting", "done"):
            self.assertEqual(listed[state], [self.rows[state]], state)
        self.assertEqual(listed["later"][0], self.rows["later"])
        # Returned work past its date is marked overdue on its card; waiting work is not.
        returned = groups[0].items[0]
        self.assertTrue(returned.is_overdue())
        self.assertFalse(groups[3].items[0].is_overdue())
        html = response.content.decode()
        self.assertIn('class="work-card"', html)
        self.assertNotIn("<table", html)

    def test_the_whole_list_shows_ten_a_group_and_links_to_the_rest(self):
        response = self.page()
        later = next(g for g in response.context["groups"] if g.state == "later")
        self.assertEqual(later.count, self.later_count)
        self.assertEqual(len(later.items), worklist.OVERVIEW_LIMIT)
        self.assertEqual(later.more, self.later_count - worklist.OVERVIEW_LIMIT)
        self.assertContains(response, f'href="?{later.more_query}"')
        self.assertEqual(later.more_query, "due=later")

    def test_one_state_is_listed_page_by_page(self):
        with mock.patch.object(worklist, "PAGE_LIMIT", 4):
            first = self.page(due="later")
            second = self.page(due="later", page=2)
        self.assertEqual([g.state.value for g in first.context["groups"]], ["later"])
        self.assertIsNone(first.context["review"])
        first_pks = self.listed(first)["later"]
        second_pks = self.listed(second)["later"]
        self.assertEqual(len(first_pks), 4)
        self.assertFalse(set(first_pks) & set(second_pks))
        self.assertEqual(first.context["next_query"], "due=later&page=2")
        self.assertEqual(second.context["previous_query"], "due=later&page=1")
        self.assertContains(first, 'href="?due=later&amp;page=2"')

    def test_the_dimension_filter(self):
        response = self.page(dimension=2)
        pks = [pk for pks in self.listed(response).values() for pk in pks]
        self.assertTrue(pks)
        self.assertEqual(
            set(Assignment.objects.filter(pk__in=pks).values_list("dimension_number", flat=True)),
            {2},
        )
        # The link to the rest keeps the filter.
        later = next(g for g in response.context["groups"] if g.state == "later")
        self.assertIn("dimension=2", later.more_query)

    def test_the_work_group_filter_at_the_provincial_office(self):
        informatics = self.groups["informatics"]
        response = self.page(self.approver, group=informatics.pk)
        self.assertEqual(response.status_code, 200)
        pks = {pk for pks in self.listed(response).values() for pk in pks}
        self.assertTrue(pks)
        shared = set(Assignment.objects.for_work_group(informatics.pk).values_list("pk", flat=True))
        self.assertLessEqual(pks, shared)
        everything = {pk for pks in self.listed(self.page(self.approver)).values() for pk in pks}
        self.assertNotEqual(pks, everything)
        # A district office has no work groups: no such filter.
        self.assertNotIn("group", self.page().context["form"].fields)

    def test_sorting_by_activity_number(self):
        response = self.page(due="later", sort="number")
        items = response.context["groups"][0].items
        self.assertEqual([number(a) for a in items], sorted(number(a) for a in items))
        by_due = self.page(due="later").context["groups"][0].items
        self.assertEqual([a.due_date for a in by_due], sorted(a.due_date for a in by_due))

    def test_a_filter_not_understood_is_a_400_in_thai_with_the_list(self):
        response = self.page(due="tomorrow", dimension="๒x", sort="random")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ระบบไม่เข้าใจ", status_code=400)
        self.assertEqual(len(response.context["groups"]), len(worklist.DueState))

    def test_the_filters_are_a_plain_get_form_and_htmx_gets_the_list_only(self):
        html = self.page().content.decode()
        self.assertIn('<form method="get"', html)
        for name in ("due", "dimension", "sort"):
            self.assertIn(f'name="{name}"', html)
        response = self.client.get(MY_WORK, {"due": "overdue"}, HTTP_HX_REQUEST="true")
        self.assertEqual(response.status_code, 200)
        body = response.content.decode()
        self.assertTrue(body.lstrip().startswith('<div id="work-list">'))
        self.assertNotIn("<html", body)
        self.assertEqual(self.listed(response), {"overdue": [self.rows["overdue"]]})


class ReviewQueueTests(PersonaTestCase):
    publish_plan = True
    more_personas = True

    def setUp(self):
        def owed(unit, dimension, measure, position):
            return Assignment.objects.select_related("activity__measure").get(
                unit=unit,
                activity__measure__dimension__number=dimension,
                activity__measure__number=measure,
                activity__position=position,
            )

        # 1.1.1 submitted by both districts and the provincial office, 1.1.2 by district B.
        self.first_a = owed(self.district_a, 1, 1, 1)
        self.first_b = owed(self.district_b, 1, 1, 1)
        self.first_province = owed(self.province, 1, 1, 1)
        self.second_b = owed(self.district_b, 1, 1, 2)
        for row in (self.first_a, self.first_b, self.first_province, self.second_b):
            add_evidence(
                row,
                acting_user=self.province_officer_of(row),
                effective_date=date(2023, 1, 10),
                url="https://example.org/evidence",
                max_bytes=1024,
            )
            submit_for_review(row, acting_user=self.province_officer_of(row))

    def province_officer_of(self, row):
        return {
            self.district_a.pk: self.district_a_officer,
            self.district_b.pk: self.district_b_officer,
            self.province.pk: self.provincial_officer,
        }[row.unit_id]

    def queue(self, user=None, **query):
        self.client.force_login(user or self.approver)
        response = self.client.get(MY_WORK, query)
        self.assertEqual(response.status_code, 200)
        return response.context["review"]

    def test_the_queue_is_grouped_by_activity_with_counts_per_office(self):
        review = self.queue()
        self.assertEqual(review.total, 4)
        self.assertEqual([(g.number, g.count) for g in review.groups], [("1.1.1", 3), ("1.1.2", 1)])
        self.assertEqual([a.unit.code for a in review.groups[0].items], ["43", "4301", "4302"])
        self.assertEqual(
            [(row["unit__code"], row["count"]) for row in review.by_unit],
            [("43", 1), ("4301", 1), ("4302", 2)],
        )
        self.assertEqual(review.start, self.first_province)

    def test_the_queue_alone_page_by_page(self):
        with mock.patch.object(worklist, "PAGE_LIMIT", 1):
            self.client.force_login(self.approver)
            response = self.client.get(MY_WORK, {"due": "to-review"})
        self.assertEqual(response.context["groups"], [])
        self.assertEqual([g.number for g in response.context["review"].groups], ["1.1.1"])
        self.assertEqual(response.context["next_query"], "due=to-review&page=2")

    def test_a_group_director_sees_the_groups_work_only(self):
        # 1.1.1 is led by coordination and shared with informatics: not strategy's.
        self.assertEqual(self.queue(self.group_director).total, 0)
        # Officers and district heads review nothing: no queue at all.
        self.client.force_login(self.district_a_head)
        self.assertIsNone(self.client.get(MY_WORK).context["review"])

    def test_next_is_another_office_of_the_same_activity_then_the_next_activity(self):
        following = worklist.next_to_review(self.approver, after=self.first_province)
        self.assertEqual(following, self.first_a)
        following = worklist.next_to_review(self.approver, after=self.first_b)
        self.assertEqual(following, self.first_province)
        Assignment.objects.filter(pk__in=[self.first_a.pk, self.first_province.pk]).update(
            status=Status.APPROVED
        )
        self.assertEqual(worklist.next_to_review(self.approver, after=self.first_b), self.second_b)
        # After the last activity, from the start again.
        self.assertEqual(worklist.next_to_review(self.approver, after=self.second_b), self.first_b)

    def test_next_skips_work_the_reviewer_made(self):
        add_evidence(
            self.first_province,
            acting_user=self.approver,
            effective_date=date(2023, 1, 12),
            note="รูปถ่ายการประชุม",
            max_bytes=1024,
        )
        self.assertNotEqual(
            worklist.next_to_review(self.approver, after=self.first_b), self.first_province
        )
        mine = [a for a in self.queue().items if a.made_by_me]
        self.assertEqual(mine, [self.first_province])
        self.assertEqual(self.queue().start, self.first_a)

    def test_approve_and_next_goes_through_the_audited_review(self):
        self.client.force_login(self.approver)
        url = reverse("tracking:assignment-review", args=[self.first_a.pk]) + "?then=next"
        response = self.client.post(url, {"decision": "approve", "comment": ""})
        self.assertRedirects(
            response, self.first_b.get_absolute_url(), fetch_redirect_response=False
        )
        self.first_a.refresh_from_db()
        self.assertEqual(self.first_a.status, Status.APPROVED)
        self.assertTrue(
            Entry.objects.filter(
                action="tracking.approved", object_id=str(self.first_a.pk)
            ).exists()
        )
        page = self.client.get(response.url)
        self.assertContains(page, "รายการถัดไปที่รอท่านตรวจ")
        self.assertContains(page, 'id="approve-and-next"')

    def test_after_the_last_one_the_reviewer_lands_on_my_work(self):
        Assignment.objects.filter(
            pk__in=[self.first_a.pk, self.first_b.pk, self.first_province.pk]
        ).update(status=Status.APPROVED)
        self.client.force_login(self.approver)
        url = reverse("tracking:assignment-review", args=[self.second_b.pk]) + "?then=next"
        response = self.client.post(url, {"decision": "approve", "comment": ""}, follow=True)
        self.assertRedirects(response, MY_WORK)
        self.assertContains(response, "ไม่มีงานอื่นรอท่านตรวจ")

    def test_approve_and_next_keeps_separation_of_duties(self):
        add_evidence(
            self.first_province,
            acting_user=self.approver,
            effective_date=date(2023, 1, 12),
            note="รูปถ่ายการประชุม",
            max_bytes=1024,
        )
        self.client.force_login(self.approver)
        url = reverse("tracking:assignment-review", args=[self.first_province.pk]) + "?then=next"
        response = self.client.post(url, {"decision": "approve", "comment": ""})
        self.assertEqual(response.status_code, 400)
        self.first_province.refresh_from_db()
        self.assertEqual(self.first_province.status, Status.SUBMITTED)
