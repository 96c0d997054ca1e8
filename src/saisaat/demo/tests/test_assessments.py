"""The demo's OSMKH round: a committee of three scored the nine district offices; and
every office's FY2566 moral-organisation self-assessment."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from saisaat.assessments import moral, services
from saisaat.assessments.models import Criterion, Round, Score
from saisaat.audit.models import Entry
from saisaat.demo.assessments import seed_assessments_demo
from saisaat.demo.moral import seed_moral_demo
from saisaat.indicators.project import evaluate_project
from saisaat.orgs.models import Unit, User


class OsmkhDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", "--no-current-year", "--quiet-logins", stdout=StringIO())
        cls.round = Round.objects.get(framework__kind="osmkh", unit__code="43", fiscal_year=2566)

    def results(self) -> dict:
        out = StringIO()
        call_command(
            "assessment_results",
            "--kind",
            "osmkh",
            "--unit",
            "43",
            "--year",
            "2566",
            "--json",
            stdout=out,
        )
        return json.loads(out.getvalue())

    def test_a_committee_of_three_scored_every_district_on_every_criterion(self):
        self.assertEqual(self.round.status, Round.Status.PUBLISHED)
        self.assertEqual(self.round.assessors.count(), 3)
        self.assertEqual(self.round.assessed_units.count(), 9)
        self.assertEqual(Score.objects.filter(round=self.round).count(), 3 * 9 * 13)
        self.assertEqual(
            Entry.objects.filter(
                action="assessments.score_given",
                object_id__in=[
                    str(pk)
                    for pk in Score.objects.filter(round=self.round).values_list("pk", flat=True)
                ],
            ).count(),
            3 * 9 * 13,
        )

    def test_the_command_prints_the_ranking_of_the_nine_districts(self):
        ranking = self.results()["ranking"]
        self.assertEqual(len(ranking), 9)
        self.assertEqual(
            {row["unit"] for row in ranking},
            set(Unit.objects.filter(parent__code="43").values_list("code", flat=True)),
        )
        self.assertEqual((ranking[0]["unit"], ranking[0]["rank"]), ("4305", 1))
        # Equal totals, told apart by the pillars in order (here the Moral pillar).
        tied = [row for row in ranking if row["unit"] in ("4302", "4317")]
        self.assertEqual(tied[0]["score"], tied[1]["score"])
        self.assertEqual([row["rank"] for row in tied], [4, 5])
        # Below the minimum in a pillar: ranked after every eligible office.
        self.assertEqual([r["unit"] for r in ranking if not r["eligible"]], ["4315", "4316"])
        self.assertEqual([r["rank"] for r in ranking[-2:]], [8, 9])

    def test_seeding_again_changes_nothing(self):
        before = self.results()
        self.assertEqual(seed_assessments_demo(self.round.unit, 2566), {"rounds": 0, "scores": 0})
        self.assertEqual(self.results(), before)

    def test_a_district_officer_sees_the_ranking_and_a_radar_chart_per_office(self):
        self.client.force_login(User.objects.get(username="district4301"))
        page = self.client.get(reverse("assessments:round-results", args=[self.round.pk]))
        self.assertContains(page, 'class="radar"', count=9)
        self.assertContains(page, "สำนักงานพัฒนาชุมชนอำเภอโพนพิสัย")

    def test_the_knowledge_pillar_suggests_from_the_knowledge_test_and_the_workshop(self):
        knowledge = Criterion.objects.get(section__framework=self.round.framework, code="K3")
        workshop = Criterion.objects.get(section__framework=self.round.framework, code="K4")
        self.assertEqual(knowledge.metric_key, "knowledge_test_passed")
        self.assertEqual(workshop.metric_key, "osmkh_workshop_attendance")
        office = Unit.objects.get(code="4308")
        # The same figure per office as KPI 9.1 of the project indicators.
        (kpi,) = evaluate_project(office, 2566, rolled_up=False)
        found = services.suggestion(knowledge, office, 2566)
        self.assertEqual(found.value.value, kpi.value.value)
        self.assertEqual(found.points, 4)  # 60 % of the 80 % asked: 4 of 5 points
        self.assertEqual(services.suggestion(workshop, office, 2566).value.value, 80)
        self.client.force_login(User.objects.get(username="committee"))
        page = self.client.get(reverse("assessments:round-detail", args=[self.round.pk]))
        self.assertEqual(page.status_code, 200)

    def test_every_office_assessed_itself_and_the_levels_are_spread(self):
        rounds = Round.objects.filter(framework__kind="moral", fiscal_year=2566)
        self.assertEqual(rounds.count(), 10)
        levels = {}
        for round_ in rounds.select_related("unit", "framework"):
            self.assertEqual(round_.status, Round.Status.PUBLISHED)
            self.assertEqual(list(round_.assessed_units.all()), [round_.unit])
            standing = moral.standing(round_)
            self.assertTrue(standing.complete)
            levels.setdefault(standing.level.label, []).append(round_.unit.code)
        self.assertEqual(levels["องค์กรคุณธรรมต้นแบบ"], ["4305"])
        self.assertGreaterEqual(len(levels["องค์กรคุณธรรม"]), 2)
        self.assertGreaterEqual(len(levels["องค์กรส่งเสริมคุณธรรม"]), 2)
        self.assertEqual(seed_moral_demo(Unit.objects.get(code="43"), 2566)["scores"], 0)
