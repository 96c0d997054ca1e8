from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.models import IndicatorBinding
from saisaat.testing.base import PersonaTestCase


class BindingTests(PersonaTestCase):
    def bound(self):
        return {
            (
                b.target.activity.measure.dimension.number,
                b.target.activity.measure.number,
                b.target.activity.position,
                b.target.kind,
            ): b.metric
            for b in IndicatorBinding.objects.select_related("target__activity__measure__dimension")
        }

    def test_it_binds_every_target_of_the_source_plan(self):
        counts = bind_plan_targets(self.plan)
        self.assertEqual(counts, {"bound": 18, "unbound": 0, "kept": 0})
        self.assertEqual(
            self.bound(),
            {
                (1, 3, 2, "percent"): "staff_certified",
                # รายไตรมาส and ทุกเดือน are read as targets too.
                (1, 2, 3, "per_quarter"): "quarters_with_evidence",
                (1, 2, 3, "per_month"): "months_with_evidence",
                (1, 2, 4, "per_month"): "months_with_evidence",
                # The environment plan's activities are the office's own records.
                (2, 1, 4, "per_quarter"): "environment_activities_by_quarter",
                (2, 1, 6, "per_quarter"): "quarters_with_evidence",
                (2, 2, 2, "per_quarter"): "quarters_with_evidence",
                (2, 2, 1, "count"): "environment_topics",
                (3, 2, 3, "count"): "publication_channels",
                (3, 3, 1, "count"): "partner_types_engaged",
                (4, 2, 1, "percent"): "declaration_acknowledged",
                (4, 2, 2, "percent"): "moral_goal_participation",
                (4, 2, 2, "count"): "adopted_goal_virtues",
                (4, 3, 1, "count"): "moral_activity_virtues",
                (4, 3, 2, "percent"): "moral_activity_attendance",
                (5, 1, 1, "count"): "innovation_projects",
                (5, 3, 1, "count"): "innovation_projects",
                (1, 4, 2, "count"): "complaint_channels",
            },
        )

    def test_binding_again_keeps_what_is_there(self):
        bind_plan_targets(self.plan)
        self.assertEqual(bind_plan_targets(self.plan), {"bound": 0, "unbound": 0, "kept": 18})
