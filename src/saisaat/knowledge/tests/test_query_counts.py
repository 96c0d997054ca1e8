"""The knowledge test's lists keep the same number of queries as offices, people and
attempts grow."""

from django.urls import reverse

from saisaat.knowledge.tests.helpers import link_staff, make_bank, make_test
from saisaat.knowledge.tests.test_kpi import sit
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase, make_user


class KnowledgeQueryCountTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_bank(cls.district_a)
        link_staff(cls.district_a_officer, cls.district_a)
        cls.test = make_test(cls.district_a, count=3)
        sit(cls.test, cls.district_a_officer, 3)

    def grow(self):
        """Two more district offices with staff who sat their office's pre- and
        post-tests, and a second test in district A."""
        for n in (3, 4):
            district = Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
            make_bank(district, 4)
            tests = [make_test(district, kind=kind, count=3) for kind in ("pre", "post")]
            for m in range(3):
                user = make_user(f"u{n}-{m}", district)
                link_staff(user, district, name=f"คน{n}{m}")
                for test in tests:
                    sit(test, user, m + 1)
        make_test(self.district_a, kind="post", count=3)

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_province_results(self):
        # session, user, the user's unit (navigation), the office, the offices above it
        # (oversees), the plan years and the years of the tests (the shared year picker:
        # the page opens on the same default year as the other pages), the offices within,
        # the tests with their counts, the KPI per office, the people passed and not yet
        # (2), the results per office and kind, the best scores per person and kind, the
        # active staff.
        self.assert_constant(self.approver, reverse("knowledge:office", args=["43"]), 15)

    def test_my_tests(self):
        # session, user, the staff record, the user's unit, the open tests, the person's
        # attempts, the office above the unit (whether the user manages it).
        self.assert_constant(self.district_a_officer, reverse("knowledge:my-tests"), 7)
