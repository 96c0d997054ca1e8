"""A per-quarter or per-month target is owed for the quarters and months that have
begun: in February a quarterly activity is judged on Q1 and Q2, not missed in Q3."""

from datetime import date
from unittest import mock

from django.test import SimpleTestCase

from saisaat.plans.metrics import Scope, month_keys, quarter_keys

WHOLE_YEAR = (date(2022, 10, 1), date(2023, 9, 30))


def scope(**changes):
    return Scope(unit=None, unit_ids=(), fiscal_year=2566, period=WHOLE_YEAR, **changes)


class OwedSoFarTests(SimpleTestCase):
    def test_the_live_page_owes_the_quarters_and_months_begun_by_today(self):
        with mock.patch("saisaat.plans.metrics.timezone.localdate", return_value=date(2023, 2, 15)):
            self.assertEqual([q for q, _ in quarter_keys(scope(), activity_id=1)], [1, 2])
            self.assertEqual(len(month_keys(scope(), activity_id=1)), 5)  # Oct to Feb

    def test_a_past_year_owes_every_quarter(self):
        with mock.patch("saisaat.plans.metrics.timezone.localdate", return_value=date(2026, 12, 6)):
            self.assertEqual([q for q, _ in quarter_keys(scope(), activity_id=1)], [1, 2, 3, 4])

    def test_an_as_of_date_decides_whatever_today_is(self):
        with mock.patch("saisaat.plans.metrics.timezone.localdate", return_value=date(2026, 12, 6)):
            keys = quarter_keys(scope(as_of=date(2023, 4, 1)), activity_id=1)
        self.assertEqual([q for q, _ in keys], [1, 2, 3])
