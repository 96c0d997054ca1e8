"""The demo's workplace-environment activities and channels show in the indicators."""

from saisaat.demo.workplace import seed_workplace_demo
from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import FULL, evaluate
from saisaat.participation.models import EnvironmentActivity
from saisaat.testing.base import PersonaTestCase


class WorkplaceDemoTests(PersonaTestCase):
    publish_plan = True

    def test_it_seeds_records_the_indicators_count_and_runs_again_unchanged(self):
        bind_plan_targets(self.plan)
        first = seed_workplace_demo(self.province, 2566)
        self.assertGreater(first["environment_activities"], 0)
        self.assertGreater(first["publication_channels"], 0)
        self.assertEqual(
            seed_workplace_demo(self.province, 2566),
            {"environment_activities": 0, "publication_channels": 0},
        )
        results = {
            r.metric.key: r
            for r in evaluate(self.plan, self.province, rolled_up=True)
            if r.metric
            and r.metric.key
            in ("environment_activities_by_quarter", "environment_topics", "publication_channels")
        }
        self.assertEqual(len(results), 3)
        for result in results.values():
            province = next(o for o in result.offices if o.office == self.province)
            self.assertEqual(province.grade, FULL, result.metric.key)
            # The last district office shows what a missing record looks like.
            self.assertTrue(result.offices_missing, result.metric.key)
        self.assertTrue(EnvironmentActivity.objects.filter(unit=self.district_b).exists())
