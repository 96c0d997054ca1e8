"""The demo sub-plans: the province's three of 2566, issued, each under its plan activity,
with activities, people from the staff registry and budgets; seeding again adds nothing."""

from decimal import Decimal

from saisaat.demo.subplans import seed_subplans_demo
from saisaat.documents.models import SubPlan
from saisaat.orgs.models import StaffMember
from saisaat.testing.base import PersonaTestCase


class SubPlanDemoTests(PersonaTestCase):
    publish_plan = True

    def test_three_issued_sub_plans_under_3_1_1_4_1_1_and_5_1_1(self):
        for n in range(3):
            StaffMember.objects.create(unit=self.province, first_name=f"คน{n}", last_name="ดี")
        self.assertEqual(seed_subplans_demo(self.province, 2566), {"subplans": 3, "activities": 9})
        codes = {}
        for subplan in SubPlan.objects.filter(unit=self.province, fiscal_year=2566):
            self.assertFalse(subplan.is_draft)
            activity = subplan.plan_activity
            codes[subplan.kind] = (
                f"{activity.measure.dimension.number}.{activity.measure.number}.{activity.position}"
            )
            rows = list(subplan.activities.all())
            self.assertEqual(len(rows), 3)
            self.assertTrue(all(row.responsible.exists() for row in rows))
        self.assertEqual(codes, {"partners": "3.1.1", "moral": "4.1.1", "innovation": "5.1.1"})
        moral = SubPlan.objects.get(kind="moral")
        self.assertEqual(sum(row.budget for row in moral.activities.all()), Decimal("15000"))
        self.assertEqual(seed_subplans_demo(self.province, 2566), {"subplans": 0, "activities": 0})
