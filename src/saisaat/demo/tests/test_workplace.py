"""The demo's workplace-environment activities and channels show in the indicators; its
awards and letters of thanks are linked to the plan's service-award activity."""

from saisaat.demo.workplace import seed_workplace_demo
from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import FULL, evaluate
from saisaat.participation.models import EnvironmentActivity, Recognition
from saisaat.testing.base import PersonaTestCase


class WorkplaceDemoTests(PersonaTestCase):
    publish_plan = True

    def test_it_seeds_records_the_indicators_count_and_runs_again_unchanged(self):
        bind_plan_targets(self.plan)
        first = seed_workplace_demo(self.province, 2566)
        self.assertGreater(first["environment_activities"], 0)
        self.assertGreater(first["publication_channels"], 0)
        # The province and both districts of the test province have their letters.
        self.assertEqual(first["recognitions"], 4)
        self.assertEqual(
            seed_workplace_demo(self.province, 2566),
            {"environment_activities": 0, "publication_channels": 0, "recognitions": 0},
        )
        self.assertEqual(
            set(
                Recognition.objects.values_list(
                    "plan_activity__measure__dimension__number", flat=True
                )
            ),
            {2},
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
