"""Declaration pages keep the same number of queries as people, units and
acknowledgements grow."""

from django.urls import reverse

from saisaat.orgs.models import Unit
from saisaat.participation.services import declarations as services
from saisaat.participation.tests.test_declarations_services import (
    add_staff,
    publish,
    setup_declaration_people,
)
from saisaat.testing.base import PersonaTestCase


class DeclarationQueryCountTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_declaration_people(cls)
        cls.declaration = publish(cls.province, cls.administrator)
        cls.no_gift = publish(cls.province, cls.administrator, kind="no_gift")

    def grow(self):
        """Four more district offices with staff, more provincial staff, a second version
        and acknowledgements from most people."""
        for n in range(3, 7):
            district = Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
            add_staff(district, 6, prefix=f"อ{n}-")
        add_staff(self.province, 10, prefix="เพิ่ม")
        add_staff(self.district_a, 5, prefix="เอเพิ่ม")
        for declaration in (self.declaration, self.no_gift):
            version = services.current_version(declaration)
            for person in list(services.audience_of(declaration))[::2]:
                services.acknowledge(version, person, acting_user=self.administrator)
        services.edit_declaration(
            self.no_gift, title="t", audience="all_staff", text="ใหม่", acting_user=self.approver
        )
        version = services.current_version(self.no_gift)
        for person in list(services.audience_of(self.no_gift))[::3]:
            services.acknowledge(version, person, acting_user=self.administrator)

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_list(self):
        # session, user, the user's unit (navigation), the unit, the years, the
        # declarations with their current version, units, staff per unit,
        # acknowledgements per unit and version.
        self.assert_constant(
            self.provincial_officer, reverse("participation:declaration-list", args=["43"]), 9
        )

    def test_the_detail(self):
        # session, user, the user's unit, the unit, the declaration, versions, units,
        # staff per unit, acknowledgements per unit, the people, their acknowledgements.
        url = reverse("participation:declaration-detail", args=["43", self.declaration.pk])
        self.assert_constant(self.administrator, url, 11)

    def test_the_detail_seen_from_a_district(self):
        url = reverse("participation:declaration-detail", args=["4301", self.no_gift.pk])
        self.assert_constant(self.district_a_officer, url, 11)

    def test_the_sign_off_sheet(self):
        # session, user, the user's unit, the unit, the declaration, the current version,
        # the people, their acknowledgements.
        url = reverse("participation:declaration-sign-off", args=["43", self.declaration.pk])
        self.assert_constant(self.provincial_officer, url + "?below=1", 8)

    def test_my_declarations(self):
        # session, user, the staff record with its unit, whether a leader, the
        # declarations, the user's unit (navigation).
        self.assert_constant(self.district_a_officer, reverse("participation:my-declarations"), 6)
