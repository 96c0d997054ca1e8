"""The demo's OSMKH round: a committee of three scored the nine district offices."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from saisaat.assessments.models import Round, Score
from saisaat.audit.models import Entry
from saisaat.demo.assessments import seed_assessments_demo
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
        self.assertEqual(Score.objects.filter(round=self.round).count(), 3 * 9 * 11)
        self.assertEqual(
            Entry.objects.filter(
                action="assessments.score_given",
                unit_code="43",
                object_id__in=[
                    str(pk)
                    for pk in Score.objects.filter(round=self.round).values_list("pk", flat=True)
                ],
            ).count(),
            3 * 9 * 11,
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
