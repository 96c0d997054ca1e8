"""The budget overview keeps the same number of queries as lines and units grow."""

from decimal import Decimal

from django.urls import reverse

from saisaat.budget.tests.helpers import make_line
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase


class OverviewQueryCountTests(PersonaTestCase):
    load_plan = False

    def add_lines(self, units, count, prefix):
        for unit in units:
            for n in range(count):
                make_line(
                    unit,
                    f"{prefix} {n}",
                    [Decimal("1000.10")] * 12,
                    [Decimal("900.05")] * 6,
                    work_group=self.groups["promotion"] if unit == self.province else None,
                )

    def assert_constant(self, user, url, expected: int):
        units = [self.province, self.district_a, self.district_b]
        self.add_lines(units, 3, "ชุดแรก")
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        # Twice the lines, and two more districts with lines of their own.
        extra = [
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อ.{n}", parent=self.province
            )
            for n in (5, 6)
        ]
        self.add_lines(units, 3, "ชุดสอง")
        self.add_lines(extra, 6, "ใหม่")
        with self.assertNumQueries(expected):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
        return response

    def test_it_keeps_the_province_overview_constant(self):
        # session, user, the user's unit (navigation), the unit with its parent,
        # units in scope, monthly totals, totals per unit, years with budgets,
        # the unit's lines with their totals.
        response = self.assert_constant(
            self.approver, reverse("budget:overview", args=["43"]) + "?year=2566", 9
        )
        self.assertContains(response, 'data-unit="4306"')

    def test_it_keeps_a_district_overview_constant(self):
        # session, user, the user's unit, the unit with its parent, monthly totals,
        # years with budgets, the unit's lines with their totals.
        self.assert_constant(
            self.district_a_officer, reverse("budget:overview", args=["4301"]) + "?year=2566", 7
        )
