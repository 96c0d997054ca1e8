"""The partners page keeps the same number of queries as partners and records grow."""

from datetime import date, timedelta

from django.urls import reverse

from saisaat.orgs.models import Unit
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.testing.base import PersonaTestCase


class PartnerQueryCountTests(PersonaTestCase):
    load_plan = False

    def setUp(self):
        for unit in Unit.objects.within(self.province):
            self.add_records(unit, partners=1, records=1, prefix="เดิม")

    def add_records(self, unit, *, partners, records, prefix=""):
        types = list(PartnerType.objects.all())
        partners = [
            Partner.objects.create(unit=unit, name=f"{prefix}ภาคี {n}", partner_type=types[n % 7])
            for n in range(partners)
        ]
        for n in range(records):
            mou = MemorandumOfUnderstanding.objects.create(
                unit=unit,
                fiscal_year=2566,
                title=f"MOU {n}",
                signed_on=date(2023, 1, 1) + timedelta(days=n),
            )
            mou.partners.set(partners[n : n + 3])
            activity = JointActivity.objects.create(
                unit=unit,
                fiscal_year=2566,
                title=f"กิจกรรม {n}",
                held_on=date(2023, 2, 1) + timedelta(days=n),
            )
            activity.partners.set(partners[-3:])

    def grow(self):
        """More district offices; partners of every type, MOUs and joint activities."""
        for n in range(3, 8):
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
        for unit in Unit.objects.within(self.province):
            self.add_records(unit, partners=10, records=4)

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_pins_the_province_page_for_a_manager(self):
        # session, user, the user's unit, the unit with its parent, plan years, partner
        # types, partners, engaged types, MOUs, their partners, joint activities, their
        # partners, districts, their MOU types, their activity types, engaged types with
        # the districts, the partner form's types (its first choice, then all of them),
        # the partners offered by the MOU form and by the joint activity form.
        url = reverse("participation:partner-list", args=["43"]) + "?year=2566"
        self.assert_constant(self.approver, url, 20)

    def test_it_pins_the_district_page_for_a_reader(self):
        # session, user, the user's unit, the unit with its parent, plan years, partner
        # types, partners, engaged types, MOUs, their partners, joint activities, their
        # partners.
        url = reverse("participation:partner-list", args=["4301"]) + "?year=2566"
        self.assert_constant(self.district_a_officer, url, 12)
