"""The numbers on the results page: mean, sample standard deviation, percent satisfied."""

from math import sqrt

from django.test import SimpleTestCase

from saisaat.surveys.results import compute_results, pooled_stats, scale_stats
from saisaat.surveys.tests.factories import answer, make_survey
from saisaat.testing.base import PersonaTestCase


class ScaleStatsTests(SimpleTestCase):
    def test_it_gives_nothing_but_a_zero_count_without_answers(self):
        stats = scale_stats({})
        self.assertEqual(
            (stats.n, stats.mean, stats.sd, stats.percent_satisfied), (0, None, None, None)
        )
        self.assertIsNone(stats.level)

    def test_it_has_no_standard_deviation_for_one_answer(self):
        stats = scale_stats({4: 1})
        self.assertEqual(stats.n, 1)
        self.assertEqual(stats.mean, 4.0)
        self.assertIsNone(stats.sd)
        self.assertEqual(stats.percent_satisfied, 100.0)

    def test_it_uses_the_sample_standard_deviation(self):
        # Scores 5, 4, 4, 3, 1: mean 3.4; squared deviations 2.56 + 0.36 + 0.36 + 0.16 + 5.76
        # = 9.2; divided by n - 1 = 4 gives 2.3.
        stats = scale_stats({5: 1, 4: 2, 3: 1, 1: 1})
        self.assertEqual(stats.n, 5)
        self.assertAlmostEqual(stats.mean, 3.4)
        self.assertAlmostEqual(stats.sd, sqrt(2.3))
        self.assertAlmostEqual(stats.percent_satisfied, 60.0)

    def test_it_gives_zero_spread_when_everyone_agrees(self):
        stats = scale_stats({5: 7})
        self.assertEqual(stats.sd, 0.0)
        self.assertEqual(stats.level, 5)

    def test_it_reads_the_mean_on_the_thai_report_scale(self):
        self.assertEqual(scale_stats({5: 1, 4: 1}).level, 4)  # 4.50 is still "high"
        self.assertEqual(scale_stats({5: 3, 4: 1}).level, 5)  # 4.75
        self.assertEqual(scale_stats({3: 1, 2: 1}).level, 2)  # 2.50
        self.assertEqual(scale_stats({1: 2}).level, 1)

    def test_it_pools_answers_of_several_questions(self):
        pooled = pooled_stats([scale_stats({5: 2}), scale_stats({3: 1, 4: 1})])
        self.assertEqual(pooled.counts, {5: 2, 4: 1, 3: 1, 2: 0, 1: 0})
        self.assertAlmostEqual(pooled.mean, 17 / 4)
        self.assertAlmostEqual(pooled.percent_satisfied, 75.0)

    def test_it_draws_bars_from_five_down_to_one(self):
        bars = scale_stats({5: 1, 4: 3}).bars
        self.assertEqual([value for value, *_ in bars], [5, 4, 3, 2, 1])
        self.assertEqual([percent for *_, percent in bars], [25.0, 75.0, 0.0, 0.0, 0.0])


class ComputeResultsTests(PersonaTestCase):
    load_plan = False

    def setUp(self):
        self.survey = make_survey(self.province)

    def by_text(self, results):
        return {r.question.text: r for r in results.questions}

    def test_it_reports_an_empty_survey(self):
        results = compute_results(self.survey)
        self.assertEqual(results.response_count, 0)
        self.assertEqual(results.overall.n, 0)
        self.assertIsNone(results.overall.mean)
        q = self.by_text(results)
        self.assertEqual(q["เพศ"].answered, 0)
        self.assertEqual([c.percent for c in q["เพศ"].choices], [0.0, 0.0])
        self.assertEqual(q["ข้อเสนอแนะ"].texts, [])

    def test_it_reports_one_response(self):
        answer(self.survey, speed=4, politeness=5, sex="หญิง", topics=["OTOP"], suggestion="ดี")
        results = compute_results(self.survey)
        q = self.by_text(results)
        self.assertEqual(results.response_count, 1)
        self.assertEqual(q["ความรวดเร็ว"].scale.mean, 4.0)
        self.assertIsNone(q["ความรวดเร็ว"].scale.sd)
        self.assertEqual(results.overall.n, 2)
        self.assertAlmostEqual(results.overall.mean, 4.5)
        self.assertAlmostEqual(results.overall.sd, sqrt(0.5))
        self.assertEqual(q["ข้อเสนอแนะ"].texts, ["ดี"])

    def test_it_counts_skipped_optional_questions_as_not_answered(self):
        answer(self.survey, speed=5, politeness=3, sex="ชาย", topics=["กองทุนสตรี", "OTOP"])
        answer(self.survey, speed=3, topics=["OTOP"])
        answer(self.survey, speed=1)
        results = compute_results(self.survey)
        q = self.by_text(results)
        self.assertEqual(results.response_count, 3)
        self.assertEqual(q["ความรวดเร็ว"].scale.n, 3)
        self.assertAlmostEqual(q["ความรวดเร็ว"].scale.mean, 3.0)
        self.assertAlmostEqual(q["ความรวดเร็ว"].scale.sd, 2.0)
        self.assertAlmostEqual(q["ความรวดเร็ว"].scale.percent_satisfied, 100 / 3)
        # The skipped politeness question has one answer, so no spread.
        self.assertEqual(q["ความสุภาพ"].scale.n, 1)
        self.assertIsNone(q["ความสุภาพ"].scale.sd)
        # Percentages of a choice are of those who answered that question.
        self.assertEqual(q["เพศ"].answered, 1)
        self.assertEqual(
            [(c.choice.text, c.percent) for c in q["เพศ"].choices], [("ชาย", 100.0), ("หญิง", 0.0)]
        )
        topics = {c.choice.text: (c.count, c.percent) for c in q["เรื่องที่มาติดต่อ"].choices}
        self.assertEqual(topics, {"กองทุนสตรี": (1, 50.0), "OTOP": (2, 100.0), "อื่น ๆ": (0, 0.0)})
        # Overall pools 5, 3, 3, 1 from both scale questions: mean 3, sample SD sqrt(8/3).
        self.assertEqual(results.overall.n, 4)
        self.assertAlmostEqual(results.overall.mean, 3.0)
        self.assertAlmostEqual(results.overall.sd, sqrt(8 / 3))
        self.assertAlmostEqual(results.overall.percent_satisfied, 25.0)
        self.assertEqual(results.sections[0].scale.n, 4)
