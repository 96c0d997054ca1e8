"""The aggregation rules, section minimum and tie-break, with figures worked by hand."""

from decimal import Decimal
from fractions import Fraction

from django.test import SimpleTestCase

from saisaat.assessments.aggregation import (
    SUM,
    WEIGHTED_MEAN,
    CriterionSpec,
    SectionSpec,
    aggregate,
    criterion_means,
)

SECTIONS = [SectionSpec("O"), SectionSpec("S")]
# O1 out of 4 (weight 2), O2 pass/fail out of 1, S1 out of 5.
CRITERIA = [
    CriterionSpec(1, "O", 4, 2),
    CriterionSpec(2, "O", 1, 1),
    CriterionSpec(3, "S", 5, 1),
]


def ranks(results):
    return [(r.unit, r.rank) for r in results]


class CriterionMeanTests(SimpleTestCase):
    def test_it_averages_each_assessors_share_of_the_maximum(self):
        # (3/4 + 4/4) / 2 = 7/8
        means = criterion_means(CRITERIA, {("A", 1): [3, 4]})
        self.assertEqual(means["A", 1], Fraction(7, 8))


class WeightedMeanTests(SimpleTestCase):
    def test_it_weights_the_criteria_and_scales_to_100(self):
        points = {("A", 1): [3, 4], ("A", 2): [1, 0], ("A", 3): [5, 4]}
        (result,) = aggregate(WEIGHTED_MEAN, SECTIONS, CRITERIA, ["A"], points)
        # O1 7/8, O2 1/2, S1 9/10. Total (2·7/8 + 1/2 + 9/10) / 4 = 3.15 / 4 = 0.7875
        self.assertEqual(result.score_display, Decimal("78.75"))
        # O: (2·7/8 + 1/2) / 3 = 0.75 -> 75; S: 90
        self.assertEqual(result.section_display("O"), Decimal("75.00"))
        self.assertEqual(result.section_display("S"), Decimal("90.00"))
        self.assertEqual(result.shares["O"], Fraction(3, 4))
        self.assertTrue(result.complete)
        self.assertEqual(result.rank, 1)

    def test_a_criterion_nobody_scored_counts_as_zero_and_marks_the_office_incomplete(self):
        points = {("A", 1): [4], ("A", 2): [1]}
        (result,) = aggregate(WEIGHTED_MEAN, SECTIONS, CRITERIA, ["A"], points)
        self.assertEqual(result.score_display, Decimal("75.00"))  # 3 / 4
        self.assertEqual(result.sections["S"], 0)
        self.assertFalse(result.complete)


class SumTests(SimpleTestCase):
    def test_it_adds_the_weighted_mean_points(self):
        points = {("A", 1): [3, 4], ("A", 2): [1, 0], ("A", 3): [5, 4]}
        (result,) = aggregate(SUM, SECTIONS, CRITERIA, ["A"], points)
        # O1 2·3.5 = 7, O2 0.5, S1 4.5: 12 of 14 possible.
        self.assertEqual(result.score_display, Decimal("12.00"))
        self.assertEqual(result.section_display("O"), Decimal("7.50"))
        self.assertEqual(result.shares["S"], Fraction(9, 10))


class SectionMinimumTests(SimpleTestCase):
    def test_an_office_below_a_section_minimum_is_not_eligible_and_ranked_after(self):
        sections = [SectionSpec("O"), SectionSpec("S", minimum=Decimal("60"))]
        points = {
            # A: higher in total (O full, S 2/5 = 40 < 60): not eligible.
            ("A", 1): [4],
            ("A", 2): [1],
            ("A", 3): [2],
            # B: O 50, S 60: eligible.
            ("B", 1): [2],
            ("B", 2): [0.5],
            ("B", 3): [3],
        }
        results = aggregate(WEIGHTED_MEAN, sections, CRITERIA, ["A", "B"], points)
        self.assertEqual(ranks(results), [("B", 1), ("A", 2)])
        self.assertGreater(results[1].score, results[0].score)
        self.assertFalse(results[1].eligible)
        self.assertEqual(results[1].below_minimum, ["S"])


class TieBreakTests(SimpleTestCase):
    def test_equal_scores_go_to_the_higher_first_section(self):
        # Both 75 in total; A is 100 in O and 25 in S; B 50 and 100... weighted over 4:
        # A: O1 1, O2 1/2 -> (2 + 1/2) = 2.5, S1 1/2 -> total 3 / 4 = 75, O = 2.5/3
        # B: O1 1/2, O2 1 -> 2, S1 1 -> total 3 / 4 = 75, O = 2/3
        points = {
            ("A", 1): [4],
            ("A", 2): [0.5],
            ("A", 3): [2.5],
            ("B", 1): [2],
            ("B", 2): [1],
            ("B", 3): [5],
        }
        results = aggregate(WEIGHTED_MEAN, SECTIONS, CRITERIA, ["B", "A"], points)
        self.assertEqual(results[0].score, results[1].score)
        self.assertEqual(ranks(results), [("A", 1), ("B", 2)])

    def test_offices_equal_in_every_section_share_a_rank_and_the_next_rank_skips(self):
        same = {("X", 1): [4], ("X", 2): [1], ("X", 3): [5]}
        points = {
            **same,
            **{("Y", c): v for (_u, c), v in same.items()},
            ("Z", 1): [1],
            ("Z", 2): [1],
            ("Z", 3): [1],
        }
        results = aggregate(WEIGHTED_MEAN, SECTIONS, CRITERIA, ["Z", "X", "Y"], points)
        self.assertEqual(ranks(results), [("X", 1), ("Y", 1), ("Z", 3)])

    def test_it_refuses_an_unknown_rule(self):
        with self.assertRaises(ValueError):
            aggregate("median", SECTIONS, CRITERIA, ["A"], {("A", 1): [1]})
