"""Innovation comparisons, the chart geometry, figure parsing and the demo."""

from datetime import date
from decimal import Decimal

from django.test import SimpleTestCase
from django.utils import translation

from saisaat.demo.innovation import seed_innovation_demo
from saisaat.participation.forms.innovation import MeasurementForm, parse_decimal
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import InnovationMeasurement, InnovationProject
from saisaat.participation.services import innovation as services
from saisaat.plans.metrics import Scope
from saisaat.testing.base import PersonaTestCase


def figure(before, after, *, unit_label="", lower_is_better=True, metric="ตัวชี้วัด"):
    return InnovationMeasurement(
        metric=metric,
        unit_label=unit_label,
        before=Decimal(before),
        after=Decimal(after),
        lower_is_better=lower_is_better,
    )


class ComparisonTests(SimpleTestCase):
    def setUp(self):
        translation.activate("en")
        self.addCleanup(translation.deactivate)

    def test_it_reads_time_as_speed_and_says_how_much_faster(self):
        comparison = services.compare(figure("5", "1", unit_label="วัน"))
        self.assertEqual(comparison.aspect, services.SPEED)
        self.assertEqual(comparison.change, Decimal("-4"))
        self.assertEqual(comparison.percent_change, Decimal("-80.0"))
        self.assertTrue(comparison.improved)
        self.assertEqual(comparison.summary, "Faster by 80%")
        self.assertEqual((comparison.change_text, comparison.percent_text), ("−4", "−80%"))

    def test_it_reads_baht_as_economy_and_says_how_much_is_saved(self):
        comparison = services.compare(figure("3200", "450", unit_label="บาท"))
        self.assertEqual(comparison.aspect, services.ECONOMY)
        self.assertEqual(comparison.summary, "Saves 2,750 บาท (85.9%)")
        self.assertEqual(comparison.before_text, "3,200")

    def test_it_reads_other_figures_as_value(self):
        steps = services.compare(figure("9", "4", unit_label="ขั้นตอน"))
        self.assertEqual(steps.aspect, services.VALUE)
        self.assertEqual(steps.summary, "Down by 5 ขั้นตอน (55.6%)")

    def test_it_judges_higher_is_better_figures_the_other_way(self):
        satisfaction = figure("3.6", "4.4", unit_label="คะแนน", lower_is_better=False)
        comparison = services.compare(satisfaction)
        self.assertTrue(comparison.improved)
        self.assertEqual(comparison.aspect, services.VALUE)
        self.assertEqual(comparison.summary, "Up by 0.8 คะแนน (22.2%)")
        worse = services.compare(figure("4.4", "3.6", unit_label="คะแนน", lower_is_better=False))
        self.assertFalse(worse.improved)
        # Time going up is slower and not better.
        slower = services.compare(figure("2", "3", unit_label="นาที"))
        self.assertFalse(slower.improved)
        self.assertEqual(slower.summary, "Slower by 50%")

    def test_it_has_no_percentage_of_zero(self):
        comparison = services.compare(figure("0", "12", unit_label="เรื่อง", lower_is_better=False))
        self.assertIsNone(comparison.percent_change)
        self.assertEqual(comparison.percent_text, "")
        self.assertEqual(comparison.summary, "Up by 12 เรื่อง")
        from_zero_time = services.compare(figure("0", "5", unit_label="วัน"))
        self.assertEqual(from_zero_time.summary, "Up by 5 วัน")
        self.assertEqual(services.compare(figure("0", "0")).summary, "No change")

    def test_it_scales_each_pair_of_bars_to_the_larger_figure(self):
        comparisons = [
            services.compare(figure("5", "1", unit_label="วัน")),
            services.compare(figure("3.6", "4.4", lower_is_better=False)),
            services.compare(figure("0", "0")),
        ]
        chart = services.chart(comparisons)
        widths = [tuple(float(bar.width) for bar in row.bars) for row in chart.rows]
        self.assertEqual(widths[0], (services.BAR_MAX, services.BAR_MAX / 5))
        self.assertAlmostEqual(widths[1][0] / widths[1][1], 3.6 / 4.4, places=3)
        self.assertEqual(widths[1][1], services.BAR_MAX)
        self.assertEqual(widths[2], (0.0, 0.0))
        self.assertEqual(chart.height, 3 * services.ROW_HEIGHT)
        self.assertEqual(chart.rows[0].bars[0].value_text, "5 วัน")


class FigureParsingTests(SimpleTestCase):
    def test_it_accepts_thai_digits_and_thousands_separators(self):
        self.assertEqual(parse_decimal("๑,๒๕๐.๕"), Decimal("1250.5"))
        self.assertEqual(parse_decimal(" 3 200 "), Decimal("3200"))
        self.assertEqual(parse_decimal("๕"), Decimal("5"))

    def test_it_refuses_what_is_not_a_number(self):
        for text in ("ห้า", "1.2.3", "1e5", "NaN", "", "--1", "5 วัน"):
            with self.subTest(text=text), self.assertRaises(ValueError):
                parse_decimal(text)

    def test_the_form_explains_a_bad_figure(self):
        form = MeasurementForm(
            {"metric": "เวลา", "before": "ห้าวัน", "after": "-1", "lower_is_better": "on"}
        )
        self.assertFalse(form.is_valid())
        self.assertIn("ห้าวัน", form.errors["before"][0])
        self.assertEqual(form.errors.as_data()["after"][0].code, "negative")
        precise = MeasurementForm({"metric": "เวลา", "before": "1.005", "after": "1.50"})
        self.assertEqual(precise.errors.as_data()["before"][0].code, "decimal_places")
        self.assertNotIn("after", precise.errors)


class InnovationDemoTests(PersonaTestCase):
    def test_it_seeds_two_projects_once_and_the_indicator_counts_them(self):
        first = seed_innovation_demo(self.province, 2566)
        self.assertEqual(first, {"projects": 2, "measurements": 5})
        self.assertEqual(
            seed_innovation_demo(self.province, 2566), {"projects": 0, "measurements": 0}
        )
        project = InnovationProject.objects.get(unit=self.province)
        self.assertEqual(project.fiscal_year, 2566)
        self.assertEqual(project.plan_activity.measure.dimension.number, 5)
        comparisons = [services.compare(m) for m in project.measurements.order_by("pk")]
        self.assertEqual(
            [c.aspect for c in comparisons], [services.SPEED, services.ECONOMY, services.VALUE]
        )
        self.assertTrue(all(c.improved for c in comparisons))
        self.assertEqual(comparisons[0].percent_change, Decimal("-80.0"))
        scope = Scope(unit=self.province, unit_ids=(self.province.pk,), fiscal_year=2566)
        self.assertEqual(METRICS["innovation_projects"].compute(scope).value, 1)
        rolled = Scope(
            unit=self.province,
            unit_ids=(self.province.pk, self.district_a.pk, self.district_b.pk),
            fiscal_year=2566,
        )
        self.assertEqual(
            METRICS["innovation_projects"].compute(rolled, measured_only=True).value, 2
        )

    def test_it_links_only_dimension_5_activities_of_the_provinces_plan(self):
        activities = list(services.dimension_5_activities(self.district_a, 2566))
        self.assertTrue(activities)
        self.assertEqual({a.measure.dimension.number for a in activities}, {5})
        self.assertEqual(list(services.dimension_5_activities(self.other_province, 2566)), [])
        self.assertEqual(list(services.dimension_5_activities(self.province, 2567)), [])

    def test_it_sets_the_fiscal_year_from_the_start(self):
        project = services.create_project(
            self.province, title="นวัตกรรม", started_on=date(2023, 10, 1)
        )
        self.assertEqual(project.fiscal_year, 2567)
