"""The national load-test data set: the right number of units, assignments and evidence,
and every status present."""

import shutil
import tempfile
from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import TestCase, override_settings

from saisaat.demo.national import district_counts
from saisaat.orgs.models import Unit, User
from saisaat.plans.models import Activity, Plan
from saisaat.tracking.models import Assignment, EvidenceItem

PROVINCE_ACTIVITIES = 52
DISTRICT_ACTIVITIES = 43


class GenerateNationalTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.media = tempfile.mkdtemp()
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media))
        cls.addClassCleanup(shutil.rmtree, cls.media, ignore_errors=True)

    def generate(self, **options):
        out = StringIO()
        options = {
            "provinces": 2,
            "districts_per_province": 1.5,
            "evidence_per_assignment": 3,
            **options,
        }
        call_command("generate_national", stdout=out, **options)
        return out.getvalue()

    def test_builds_units_assignments_evidence_and_statuses(self):
        output = self.generate()

        self.assertIn("Generated 2 provinces, 3 districts", output)
        self.assertEqual(Unit.objects.filter(code="00", kind="department").count(), 1)
        self.assertEqual(
            sorted(Unit.objects.provinces().values_list("code", flat=True)), ["901", "902"]
        )
        self.assertEqual(
            sorted(Unit.objects.districts().values_list("code", flat=True)),
            ["90101", "90102", "90201"],
        )
        self.assertEqual(Plan.objects.filter(fiscal_year=2566).count(), 2)
        self.assertEqual(
            Assignment.objects.count(), 2 * PROVINCE_ACTIVITIES + 3 * DISTRICT_ACTIVITIES
        )
        # Three officers per province and one per district upload; approvers exist too.
        self.assertEqual(User.objects.filter(username__startswith="nat-").count(), 1 + 2 * 3 + 3)

        statuses = dict(Assignment.objects.values_list("status").annotate(n=Count("pk")).order_by())
        self.assertEqual(set(statuses), set(Assignment.Status.values))
        started = Assignment.objects.exclude(status="not_started")
        self.assertFalse(EvidenceItem.objects.filter(assignment__status="not_started").exists())
        evidence = EvidenceItem.objects.count()
        self.assertGreater(evidence, 2.5 * started.count())
        self.assertLess(evidence, 3.5 * started.count())
        self.assertFalse(started.exclude(status="in_progress").filter(submitted_at=None).exists())
        self.assertFalse(
            Assignment.objects.filter(status="approved", approved_at__isnull=True).exists()
        )

        # Evidence is dated inside its activity's period and uploaded by someone of the unit.
        sample = EvidenceItem.objects.select_related("assignment__activity", "uploaded_by")[:200]
        for item in sample:
            activity = item.assignment.activity
            self.assertTrue(activity.period_start <= item.effective_date <= activity.period_end)
            self.assertEqual(item.uploaded_by.unit_id, item.assignment.unit_id)
        files = EvidenceItem.objects.filter(kind="file")
        self.assertEqual(files.values("file").distinct().count(), 1)

    def test_refuses_to_run_twice(self):
        self.generate()
        self.assertIn("Already generated", self.generate())
        self.assertEqual(Unit.objects.provinces().count(), 2)

    def test_districts_are_spread_evenly(self):
        self.assertEqual(sum(district_counts(76, 11.5)), 874)
        self.assertEqual(set(district_counts(76, 11.5)), {11, 12})
        self.assertEqual(district_counts(2, 1.5), [2, 1])
        self.assertEqual(district_counts(3, 0), [0, 0, 0])

    def test_several_fiscal_years_each_with_its_own_plan_and_periods(self):
        output = self.generate(provinces=1, districts_per_province=1, year=2569, years=3)

        self.assertIn("3 plans", output)
        self.assertEqual(
            sorted(Plan.objects.values_list("fiscal_year", flat=True)), [2567, 2568, 2569]
        )
        per_year = dict(
            Assignment.objects.values_list("plan__fiscal_year").annotate(n=Count("pk")).order_by()
        )
        self.assertEqual(
            per_year, {year: PROVINCE_ACTIVITIES + DISTRICT_ACTIVITIES for year in per_year}
        )
        # Each plan's periods lie inside its own fiscal year (October to September).
        for plan in Plan.objects.all():
            first_day = date(plan.fiscal_year - 544, 10, 1)
            last_day = date(plan.fiscal_year - 543, 9, 30)
            periods = Activity.objects.filter(measure__dimension__plan=plan).values_list(
                "period_start", "period_end"
            )
            self.assertTrue(all(first_day <= s and e <= last_day for s, e in periods))
        # Staff are created once per province, not once per year.
        self.assertEqual(User.objects.filter(username__startswith="nat-").count(), 1 + 3 + 1)

    def test_refuses_an_implausible_number_of_years(self):
        with self.assertRaisesMessage(CommandError, "years must be between 1 and"):
            self.generate(years=0)
