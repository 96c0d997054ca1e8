"""The demo's 5S inspections: two quarters of FY2566, the trend rising, corrective actions."""

import json
from io import StringIO

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from saisaat.assessments import fives
from saisaat.assessments.models import CorrectiveAction, Round
from saisaat.orgs.models import User


class FivesDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", "--no-current-year", "--quiet-logins", stdout=StringIO())

    def test_two_published_quarters_of_the_province_and_its_nine_districts(self):
        rounds = Round.objects.filter(framework__kind="5s", unit__code="43", fiscal_year=2566)
        self.assertEqual(sorted(r.quarter for r in rounds), [1, 2])
        self.assertTrue(all(r.status == Round.Status.PUBLISHED for r in rounds))
        self.assertTrue(all(r.assessed_units.count() == 10 for r in rounds))
        out = StringIO()
        call_command(
            "assessment_results", kind="5s", unit="43", year="2566", as_json=True, stdout=out
        )
        quarters = json.loads(out.getvalue())["quarters"]
        self.assertEqual([q["quarter"] for q in quarters], [1, 2])
        first = {o["unit"]: o["score"] for o in quarters[0]["offices"]}
        second = {o["unit"]: o["score"] for o in quarters[1]["offices"]}
        self.assertEqual(len(first), 10)
        self.assertGreater(sum(second.values()), sum(first.values()))

    def test_one_corrective_action_closed_and_one_carried_into_the_second_quarter(self):
        actions = list(CorrectiveAction.objects.order_by("unit__code"))
        self.assertEqual(len(actions), 2)
        self.assertEqual([a.is_open for a in actions], [False, True])
        carried = actions[1]
        second = Round.objects.get(framework__kind="5s", unit__code="43", quarter=2)
        self.client.force_login(User.objects.get(username="director"))
        page = self.client.get(
            reverse("assessments:fives-actions", args=[second.pk, carried.unit.code])
        )
        self.assertContains(page, carried.action)
        programme = self.client.get(
            reverse("assessments:fives-programme", args=["43"]) + "?year=2566"
        )
        self.assertContains(programme, "Big Cleaning Day")
        self.assertContains(programme, 'class="fives-working-group"')
        trend = self.client.get(reverse("assessments:fives-trend", args=["43"]) + "?year=2566")
        self.assertContains(trend, 'class="trend-row"', count=10)

    def test_each_action_is_on_the_criterion_it_is_about_and_closed_in_time(self):
        archive, rota = CorrectiveAction.objects.select_related(
            "criterion__work_area", "criterion__section", "round"
        ).order_by("unit__code")
        self.assertEqual(
            (archive.unit.code, archive.criterion.work_area.name, archive.criterion.section.code),
            ("4307", "ห้องเก็บเอกสาร", "ส1"),
        )
        self.assertEqual(
            (rota.unit.code, rota.criterion.work_area.name, rota.criterion.section.code),
            ("4316", "ห้องประชุม", "ส3"),
        )
        first, second = Round.objects.filter(framework__kind="5s", unit__code="43").order_by(
            "quarter"
        )
        # Both were open when the first quarter was published; only the rota still open
        # when the second was.
        self.assertLess(archive.created_at, first.published_at)
        self.assertLess(first.published_at, archive.closed_at)
        self.assertLess(archive.closed_at, second.published_at)
        self.assertEqual(
            set(fives.actions_as_of(first).values_list("unit__code", flat=True)),
            {"4307", "4316"},
        )
        self.assertEqual(list(fives.carried_actions(second, rota.unit)), [rota])
        self.assertEqual(list(fives.carried_actions(second, archive.unit)), [])
