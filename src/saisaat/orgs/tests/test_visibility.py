from saisaat.plans.models import Plan
from saisaat.testing.base import PersonaTestCase


class VisibilityTests(PersonaTestCase):
    load_plan = False

    def test_a_province_sees_itself_and_its_districts(self):
        codes = set(self.provincial_officer.visible_units().values_list("code", flat=True))
        self.assertEqual(codes, {"43", "4301", "4302"})

    def test_a_district_sees_only_itself(self):
        codes = set(self.district_a_officer.visible_units().values_list("code", flat=True))
        self.assertEqual(codes, {"4301"})

    def test_a_district_reads_the_plan_of_its_province_but_not_of_another(self):
        from saisaat.plans.importer import default_programme

        programme = default_programme()
        own = Plan.objects.create(
            programme=programme, fiscal_year=2566, owner_unit=self.province, title="A"
        )
        other = Plan.objects.create(
            programme=programme, fiscal_year=2566, owner_unit=self.other_province, title="B"
        )
        self.assertEqual(list(Plan.objects.visible_to(self.district_b_officer)), [own])
        self.assertEqual(list(Plan.objects.visible_to(self.other_province_officer)), [other])

    def test_a_user_without_a_unit_sees_nothing(self):
        from saisaat.orgs.models import User

        loose = User.objects.create_user("loose", password="x")
        self.assertFalse(loose.visible_units().exists())
        self.assertFalse(Plan.objects.visible_to(loose).exists())
