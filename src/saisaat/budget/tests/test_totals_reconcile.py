"""Totals always reconcile: months to lines, lines to units, units to the province,
quarters to months; and no float ever carries an amount."""

from decimal import Decimal

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from saisaat.budget.models import BudgetLine, MonthlyAmount
from saisaat.budget.money import CENT, ZERO, percent, round_percent
from saisaat.budget.summary import build_overview, lines_with_totals, target_at
from saisaat.budget.tests.helpers import make_line
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase

money = st.decimals(min_value=0, max_value=Decimal("250000"), places=2)


def assert_reconciles(test, unit, year=2566):
    rolled = build_overview(unit, year, rolled_up=True, as_of=12)
    units = Unit.objects.within(unit)
    lines = lines_with_totals(units, year)
    stored = list(MonthlyAmount.objects.filter(line__unit__in=units, line__fiscal_year=year))
    exact_planned = sum((m.planned for m in stored), ZERO)
    exact_disbursed = sum((m.disbursed for m in stored), ZERO)
    # sum of months = line totals = unit totals = rolled-up total = sum of quarters
    test.assertEqual(sum((line.planned_total for line in lines), ZERO), exact_planned)
    test.assertEqual(sum((line.disbursed_total for line in lines), ZERO), exact_disbursed)
    test.assertEqual(rolled.total.planned, exact_planned)
    test.assertEqual(rolled.total.disbursed, exact_disbursed)
    test.assertEqual(sum((row.figures.planned for row in rolled.units), ZERO), exact_planned)
    test.assertEqual(sum((row.figures.disbursed for row in rolled.units), ZERO), exact_disbursed)
    test.assertEqual(sum((q.planned for q in rolled.quarters), ZERO), exact_planned)
    test.assertEqual(sum((q.disbursed for q in rolled.quarters), ZERO), exact_disbursed)
    test.assertEqual(sum((m.planned for m in rolled.months), ZERO), exact_planned)
    test.assertEqual(rolled.months[-1].cumulative_disbursed, exact_disbursed)
    for row in rolled.units:
        own = build_overview(row.unit, year, rolled_up=False, as_of=12)
        test.assertEqual(own.total.planned, row.figures.planned)
        test.assertEqual(own.total.disbursed, row.figures.disbursed)
    for value in (rolled.total.planned, rolled.total.disbursed):
        test.assertIsInstance(value, Decimal)
        test.assertEqual(value, value.quantize(CENT))
    return rolled


class ReconcileTests(PersonaTestCase):
    load_plan = False

    def test_it_reconciles_many_lines_with_rounding_cases(self):
        third = (Decimal(100) / 3).quantize(CENT)  # 33.33: three of them are 99.99
        for n in range(60):
            unit = [self.province, self.district_a, self.district_b][n % 3]
            make_line(
                unit,
                f"รายการ {n}",
                [Decimal("0.01"), third, third, third, Decimal("0.29"), Decimal("0.1")] * 2,
                [Decimal("0.01"), third, Decimal("0.07"), ZERO, Decimal("0.29"), Decimal("0.1")],
            )
        rolled = assert_reconciles(self, self.province)
        per_line = Decimal("0.01") * 2 + third * 6 + Decimal("0.29") * 2 + Decimal("0.1") * 2
        self.assertEqual(rolled.total.planned, per_line * 60)
        self.assertEqual(rolled.total.planned, Decimal("12046.80"))
        self.assertEqual(rolled.quarters[0].planned, (Decimal("0.01") + third * 2) * 60)

    def test_it_sums_values_that_drift_in_floating_point_exactly(self):
        # As floats, ten 0.1s make 0.9999999999999999 and 0.29 * 100 is 28.999999999999996.
        self.assertNotEqual(sum([0.1] * 10), 1.0)
        line = make_line(self.district_a, "ค่าวัสดุ", [Decimal("0.1")] * 10 + [Decimal("0.29")] * 2)
        for n in range(9):
            make_line(self.district_a, f"ค่าวัสดุ {n}", [Decimal("0.1")] * 12)
        overview = build_overview(self.district_a, 2566, rolled_up=False, as_of=12)
        self.assertEqual(overview.total.planned, Decimal("1.58") + Decimal("1.2") * 9)
        self.assertEqual(str(overview.total.planned), "12.38")
        self.assertEqual(overview.quarters[3].planned, Decimal("3.38"))
        (line_with_totals,) = [x for x in lines_with_totals([self.district_a], 2566) if x == line]
        self.assertEqual(str(line_with_totals.planned_total), "1.58")

    def test_it_keeps_large_amounts_to_the_satang(self):
        make_line(self.province, "งบลงทุน", [Decimal("99999999999.99")] * 9 + [ZERO] * 3)
        make_line(self.province, "เศษสตางค์", [Decimal("0.01")] * 12)
        overview = build_overview(self.province, 2566, rolled_up=False, as_of=12)
        self.assertEqual(overview.total.planned, Decimal("899999999999.91") + Decimal("0.12"))

    def test_it_counts_a_unit_without_lines_as_zero_in_the_roll_up(self):
        make_line(self.district_a, "โครงการ", Decimal("1000.00"))
        rolled = assert_reconciles(self, self.province)
        rows = {row.unit.code: row.figures for row in rolled.units}
        self.assertEqual(rows["4302"].planned, ZERO)
        self.assertIsNone(rows["4302"].percent_of_year)
        self.assertEqual(set(rows), {"43", "4301", "4302"})

    def test_it_does_not_mix_fiscal_years_or_other_provinces(self):
        make_line(self.district_a, "ปีนี้", Decimal("100.00"))
        make_line(self.district_a, "ปีหน้า", Decimal("500.00"), year=2567)
        make_line(self.other_district, "จังหวัดอื่น", Decimal("700.00"))
        self.assertEqual(
            build_overview(self.province, 2566, rolled_up=True).total.planned, Decimal("100.00")
        )

    def test_it_measures_percentages_against_plan_and_target(self):
        planned = [Decimal("1000.00")] * 12  # 12,000 for the year
        disbursed = [Decimal("1000.00")] * 3 + [Decimal("400.00")] * 3
        make_line(self.district_a, "โครงการ", planned, disbursed)
        overview = build_overview(self.district_a, 2566, rolled_up=False, as_of=6)
        # 4,200 of 6,000 planned so far, 35% of the year's budget against a target of 52%.
        self.assertEqual(overview.total.percent_of_plan, Decimal(70))
        self.assertEqual(overview.total.percent_of_year, Decimal(35))
        self.assertEqual(overview.total.target, Decimal(52))
        self.assertFalse(overview.total.meets_target)
        # Quarter 1: 3,000 of 12,000 is 25%, below its 30%; quarter 3 has not ended.
        self.assertEqual(overview.quarters[0].disbursed_percent, Decimal(25))
        self.assertFalse(overview.quarters[0].meets_target)
        self.assertIsNone(overview.quarters[2].meets_target)

    def test_it_rounds_percentages_only_for_display(self):
        make_line(self.district_a, "หนึ่งในสาม", [Decimal("3.00")] + [ZERO] * 11, [Decimal("1.00")])
        overview = build_overview(self.district_a, 2566, rolled_up=False, as_of=1)
        self.assertNotEqual(overview.total.percent_of_year, Decimal("33.33"))
        self.assertEqual(round_percent(overview.total.percent_of_year), Decimal("33.33"))
        self.assertEqual(round_percent(percent(Decimal("1"), Decimal("8")) / 10), Decimal("1.25"))
        self.assertEqual(round_percent(percent(Decimal("2.345"), Decimal(100))), Decimal("2.35"))


class TargetTests(PersonaTestCase):
    load_plan = False

    def test_it_takes_quarter_targets_from_settings(self):
        self.assertEqual(target_at(3), Decimal(30))
        self.assertEqual(target_at(6), Decimal(52))
        self.assertEqual(target_at(12), Decimal(100))
        self.assertEqual(target_at(0), Decimal(0))

    def test_it_grows_the_target_evenly_within_a_quarter(self):
        self.assertEqual(target_at(1), Decimal(10))
        self.assertEqual(target_at(4), Decimal(30) + Decimal(22) / 3)
        self.assertEqual(round_percent(target_at(4)), Decimal("37.33"))

    @override_settings(SAISAAT_DISBURSEMENT_TARGETS=(20, 45, 70, 95))
    def test_it_follows_configured_targets(self):
        self.assertEqual(target_at(9), Decimal(70))
        self.assertEqual(target_at(12), Decimal(95))


class PropertyTests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        cls.province = Unit.objects.create(
            code="43", kind="province", name_th="หนองคาย", parent=department
        )
        cls.districts = [
            Unit.objects.create(
                code=f"430{n}", kind="district", name_th=f"อ.{n}", parent=cls.province
            )
            for n in (1, 2)
        ]

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=2),
                st.lists(money, min_size=12, max_size=12),
                st.lists(money, min_size=12, max_size=12),
            ),
            min_size=1,
            max_size=8,
        ),
        st.integers(min_value=0, max_value=12),
    )
    def test_totals_reconcile_for_any_set_of_lines(self, specs, as_of):
        BudgetLine.objects.all().delete()
        units = [self.province, *self.districts]
        for n, (which, planned, disbursed) in enumerate(specs):
            make_line(units[which], f"line {n}", planned, disbursed)
        assert_reconciles(self, self.province)
        overview = build_overview(self.province, 2566, rolled_up=True, as_of=as_of)
        expected_to_date = sum((sum(d[:as_of], ZERO) for _w, _p, d in specs), ZERO)
        self.assertEqual(overview.total.disbursed_to_date, expected_to_date)
        self.assertEqual(
            sum((row.figures.disbursed_to_date for row in overview.units), ZERO),
            expected_to_date,
        )
