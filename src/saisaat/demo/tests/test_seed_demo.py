from datetime import date
from io import StringIO
from unittest import mock

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory, TestCase, override_settings

from saisaat.audit.models import Entry
from saisaat.demo.province import DEMO_LOGINS, DEMO_PASSWORD, DISTRICTS
from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.plans.models import Activity, Plan


class SeedDemoTests(TestCase):
    def seed(self, *options: str) -> str:
        out = StringIO()
        call_command("seed_demo", "--no-current-year", *options, stdout=out)
        return out.getvalue()

    def test_it_builds_the_nong_khai_office_with_nine_districts(self):
        self.seed()
        province = Unit.objects.get(code="43")
        self.assertEqual(province.kind, Unit.Kind.PROVINCE)
        self.assertEqual(province.name_th, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย")
        self.assertEqual(
            list(province.children.order_by("code").values_list("code", flat=True)),
            ["4301", "4302", "4305", "4307", "4308", "4314", "4315", "4316", "4317"],
        )
        self.assertEqual(Unit.objects.get(code="4316").name_th, "สำนักงานพัฒนาชุมชนอำเภอรัตนวาปี")
        self.assertEqual(len(DISTRICTS), 9)
        self.assertEqual(
            set(WorkGroup.objects.filter(unit=province).values_list("function", flat=True)),
            set(WorkGroup.Function.values),
        )

    def test_it_creates_71_staff_with_synthetic_names(self):
        self.seed()
        staff = User.objects.filter(unit__code__startswith="43")
        self.assertEqual(staff.count(), 71)
        self.assertTrue(all(u.last_name.startswith("สาธิต") for u in staff))

    def test_it_gives_each_demo_login_its_role(self):
        output = self.seed()
        for login in DEMO_LOGINS:
            self.assertIn(login.username, output)
            user = authenticate(
                RequestFactory().post("/accounts/login/"),
                username=login.username,
                password=DEMO_PASSWORD,
            )
            self.assertIsNotNone(user, login.username)
            self.assertEqual(user.role, login.role)
        self.assertEqual(User.objects.get(username="district4302").unit.code, "4302")
        self.assertFalse(User.objects.get(username="officer").is_staff)

    def test_it_makes_the_admin_login_a_superuser_only_with_debug_on(self):
        with override_settings(DEBUG=True):
            self.seed()
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        # The README's password must not open the admin site of a production server, even
        # when an earlier development run made the account.
        self.seed()
        admin = User.objects.get(username="admin")
        self.assertFalse(admin.is_superuser)
        self.assertFalse(admin.is_staff)
        self.assertEqual(admin.role, User.Role.ADMINISTRATOR)

    def test_it_imports_the_fy2566_plan(self):
        self.seed()
        plan = Plan.objects.get(owner_unit__code="43", fiscal_year=2566)
        self.assertEqual(Activity.objects.for_plan(plan).count(), 52)

    def test_it_publishes_the_plan_to_the_province_and_its_nine_districts(self):
        from saisaat.tracking.models import Assignment

        self.seed()
        self.assertEqual(Assignment.objects.filter(plan__fiscal_year=2566).count(), 52 + 9 * 43)
        self.assertEqual(Assignment.objects.filter(unit__code="4317").count(), 43)
        self.assertEqual(User.objects.get(username="department").unit.code, "00")

    def test_it_can_run_again_without_changing_anything(self):
        self.seed()
        snapshot = (
            Unit.objects.count(),
            User.objects.count(),
            list(User.objects.order_by("pk").values_list("pk", "password", "unit_id", "role")),
            Activity.objects.count(),
            Entry.objects.filter(object_type="plans.activity").count(),
        )
        output = self.seed()
        self.assertIn("new accounts: 0", output)
        self.assertEqual(
            snapshot,
            (
                Unit.objects.count(),
                User.objects.count(),
                list(User.objects.order_by("pk").values_list("pk", "password", "unit_id", "role")),
                Activity.objects.count(),
                Entry.objects.filter(object_type="plans.activity").count(),
            ),
        )


class SeedCurrentYearTests(TestCase):
    """``make run`` also shows the source plan re-based to today's fiscal year."""

    def test_it_rebases_the_plan_to_todays_fiscal_year_with_progress_as_of_today(self):
        from saisaat.tracking.models import Assignment

        today = date(2027, 3, 10)  # fiscal year 2570, in its second quarter
        with mock.patch("django.utils.timezone.localdate", return_value=today):
            output = StringIO()
            call_command("seed_demo", "--quiet-logins", stdout=output)
            again = StringIO()
            call_command("seed_demo", "--quiet-logins", stdout=again)
        self.assertIn("แผน 2570", output.getvalue())
        plan = Plan.objects.get(owner_unit__code="43", fiscal_year=2570)
        self.assertTrue(Plan.objects.filter(owner_unit__code="43", fiscal_year=2566).exists())
        activities = Activity.objects.for_plan(plan)
        self.assertEqual(activities.count(), 52)
        self.assertEqual(min(a.period_start for a in activities), date(2026, 10, 1))
        self.assertGreaterEqual(max(a.period_end for a in activities), date(2027, 9, 1))
        current = Assignment.objects.filter(plan=plan)
        self.assertEqual(current.count(), 52 + 9 * 43)
        approved = current.filter(status=Assignment.Status.APPROVED)
        overdue = current.filter(due_date__lt=today).exclude(status=Assignment.Status.APPROVED)
        later = current.filter(due_date__gte=today)
        this_month = current.filter(due_date__gte=today, due_date__lte=date(2027, 3, 31))
        self.assertGreater(this_month.count(), 0)
        self.assertGreater(approved.count(), 0)
        self.assertGreater(overdue.count(), 0)
        self.assertGreater(later.count(), 0)
        self.assertFalse(approved.filter(approved_at__date__gt=today).exists())
        # Nothing is done before its period begins, and a second run adds nothing.
        self.assertFalse(
            current.filter(activity__period_start__gt=today)
            .exclude(status=Assignment.Status.NOT_STARTED)
            .exists()
        )
        self.assertIn("new assignments: 0", again.getvalue())
        self.assertEqual(Assignment.objects.filter(plan=plan).count(), current.count())
