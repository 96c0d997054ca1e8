"""One overdue rule: work the unit still owes past its due date. What waits for review is
not overdue (it is shown apart as waiting for review), wherever overdue is counted: the
querysets, My work, the dashboards, the reminders, the plan export and the quarterly
report (issue 16, item 5)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

from saisaat.documents import exports
from saisaat.documents.quarterly import build_quarterly_report
from saisaat.notices.models import Notice
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking import dashboard
from saisaat.tracking.models import Assignment, overdue_on
from saisaat.tracking.reminders import create_reminders

Status = Assignment.Status
BANGKOK = ZoneInfo("Asia/Bangkok")
TODAY = date(2023, 9, 1)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=BANGKOK)


class OverdueRuleTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        # District A's work, all due before TODAY, one row per status.
        owed = Assignment.objects.filter(unit=self.district_a).order_by("pk")
        self.rows = dict(zip(Status.values, owed[: len(Status.values)], strict=True))
        self.retired = owed[len(Status.values)]
        for status, row in self.rows.items():
            row.status = status
            row.due_date = date(2023, 3, 31)
            row.submitted_at = at(date(2023, 3, 20)) if status != Status.NOT_STARTED else None
            row.approved_at = at(date(2023, 4, 10)) if status == Status.APPROVED else None
            row.save()
        Assignment.objects.filter(pk=self.retired.pk).update(
            is_retired=True, due_date=date(2023, 3, 31)
        )
        # Everything else of the plan falls due later: only the rows above count.
        Assignment.objects.exclude(pk__in=[r.pk for r in self.rows.values()]).exclude(
            pk=self.retired.pk
        ).update(due_date=date(2023, 12, 31), status=Status.NOT_STARTED)

    def overdue_pks(self, day=TODAY) -> set[int]:
        return set(Assignment.objects.overdue(day).values_list("pk", flat=True))

    def test_overdue_is_what_the_unit_still_owes_past_its_date(self):
        owed = {self.rows[s].pk for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED)}
        self.assertEqual(self.overdue_pks(), owed)
        # Not before the due date, nor on it.
        self.assertEqual(self.overdue_pks(date(2023, 3, 31)), set())

    def test_the_row_and_the_queryset_agree(self):
        overdue = self.overdue_pks()
        for row in [*self.rows.values(), Assignment.objects.get(pk=self.retired.pk)]:
            with self.subTest(status=row.status, retired=row.is_retired):
                self.assertEqual(row.is_overdue(TODAY), row.pk in overdue)

    def test_waiting_for_review_is_apart_and_never_due(self):
        waiting = Assignment.objects.waiting_for_review()
        self.assertEqual(set(waiting.values_list("pk", flat=True)), {self.rows["submitted"].pk})
        due_soon = Assignment.objects.due_within(30, date(2023, 3, 25))
        self.assertNotIn(self.rows["submitted"], due_soon)
        self.assertIn(self.rows["in_progress"], due_soon)

    def test_on_a_past_day_the_submission_and_approval_times_tell(self):
        approved = self.rows["approved"]
        # Submitted on 20 March, approved on 10 April: on 5 April it waited for review.
        self.assertNotIn(approved.pk, self.overdue_pks(date(2023, 4, 5)))
        # Submitted late, on 5 April: on 2 April it was still owed, so overdue.
        Assignment.objects.filter(pk=approved.pk).update(submitted_at=at(date(2023, 4, 5)))
        self.assertIn(approved.pk, self.overdue_pks(date(2023, 4, 2)))
        self.assertNotIn(approved.pk, self.overdue_pks(date(2023, 4, 11)))
        submitted = self.rows["submitted"]
        Assignment.objects.filter(pk=submitted.pk).update(submitted_at=at(date(2023, 4, 5)))
        self.assertIn(submitted.pk, self.overdue_pks(date(2023, 4, 2)))
        self.assertNotIn(submitted.pk, self.overdue_pks(date(2023, 4, 6)))
        # The rule as a condition is the same rule.
        self.assertEqual(
            set(Assignment.objects.filter(overdue_on(TODAY)).values_list("pk", flat=True)),
            self.overdue_pks(),
        )

    def test_the_province_dashboard_counts_waiting_apart(self):
        figures = dashboard.province_dashboard(self.plan, TODAY)
        self.assertEqual(figures["overdue_count"], 3)
        self.assertEqual(figures["waiting_count"], 1)
        self.assertNotIn(self.rows["submitted"], figures["overdue"])
        self.assertEqual(dashboard.department_rollup(2566, TODAY)["grand"].overdue, 3)

    def test_due_this_month_is_what_the_office_still_owes_this_month(self):
        # Every row of setUp falls due on 31 March; all but "not started" were sent on 20 March.
        march = date(2023, 3, 25)
        figures = dashboard.province_dashboard(self.plan, march)
        owed = {self.rows[s].pk for s in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED)}
        self.assertEqual({a.pk for a in figures["due_this_month"]}, owed)
        self.assertEqual(figures["due_this_month_count"], 3)

    def test_reminders_are_not_sent_for_work_waiting_for_review(self):
        create_reminders(TODAY, days=0)
        reminded = Notice.objects.filter(kind=Notice.Kind.OVERDUE)
        about = set(reminded.values_list("target_id", flat=True))
        self.assertIn(self.rows["returned"].pk, about)
        self.assertNotIn(self.rows["submitted"].pk, about)
        self.assertNotIn(self.rows["approved"].pk, about)

    def test_the_plan_export_marks_only_overdue_work(self):
        book = load_workbook(
            io.BytesIO(exports.plan_status_xlsx(self.plan, [self.district_a], today=TODAY))
        )
        cells = [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]
        late = sorted(value for value in cells if value and "(เลยกำหนด)" in str(value))
        with override("th"):
            owed = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED)
            expected = sorted(f"{status.label} (เลยกำหนด)" for status in owed)
        self.assertEqual(late, expected)

    def test_the_quarterly_report_counts_waiting_work_as_not_overdue(self):
        report = build_quarterly_report(self.district_a, 2566, 4, today=TODAY)
        self.assertEqual(report.overdue_count, 3)
        self.assertNotIn(self.rows["submitted"], report.overdue)
        # At the end of the second quarter (31 March) nothing was due before it yet.
        self.assertEqual(build_quarterly_report(self.district_a, 2566, 2).overdue_count, 0)

    def test_my_work_lists_waiting_work_apart_from_overdue(self):
        self.client.force_login(self.district_a_officer)
        response = self.client.get(reverse("tracking:my-work"))
        groups = {g.state: {a.pk for a in g.items} for g in response.context["groups"]}
        self.assertNotIn(self.rows["submitted"].pk, groups["overdue"])
        self.assertEqual(groups["waiting"], {self.rows["submitted"].pk})
