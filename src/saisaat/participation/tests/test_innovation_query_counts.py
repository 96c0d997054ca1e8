"""Innovation pages keep the same number of queries as projects and figures grow."""

from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from saisaat.orgs.models import Unit
from saisaat.participation.models import InnovationMeasurement, InnovationProject
from saisaat.testing.base import PersonaTestCase


class InnovationQueryCountTests(PersonaTestCase):
    def setUp(self):
        self.project = self.add_projects(self.province, 1, figures=1)[0]
        self.add_projects(self.district_a, 1, figures=1)

    def add_projects(self, unit, count, *, figures):
        projects = [
            InnovationProject.objects.create(
                unit=unit,
                fiscal_year=2566,
                title=f"นวัตกรรม {unit.code}-{n}",
                started_on=date(2022, 11, 1) + timedelta(days=n),
            )
            for n in range(count)
        ]
        for project in projects:
            self.add_figures(project, figures)
        return projects

    def add_figures(self, project, count):
        InnovationMeasurement.objects.bulk_create(
            InnovationMeasurement(
                project=project,
                metric=f"ตัวชี้วัด {n}",
                unit_label=["วัน", "บาท", "ขั้นตอน"][n % 3],
                before=Decimal(10 + n),
                after=Decimal(n),
                lower_is_better=n % 4 != 3,
            )
            for n in range(count)
        )

    def grow(self):
        for n in range(3, 8):
            Unit.objects.create(
                code=f"43{n:02d}", kind="district", name_th=f"อำเภอ {n}", parent=self.province
            )
        for unit in Unit.objects.within(self.province):
            self.add_projects(unit, 6, figures=4)
        self.add_figures(self.project, 12)

    def assert_constant(self, user, url, expected: int):
        self.client.force_login(user)
        self.client.get(url)
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)
        self.grow()
        with self.assertNumQueries(expected):
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_pins_the_province_list_for_a_manager(self):
        # session, user, the user's unit, the unit with its parent, plan years, the unit's
        # projects with their figure counts, the districts' projects, the dimension 5
        # activities offered by the form.
        url = reverse("participation:innovation-list", args=["43"]) + "?year=2566"
        self.assert_constant(self.approver, url, 8)

    def test_it_pins_the_district_list_for_a_reader(self):
        # session, user, the user's unit, the unit with its parent, plan years, projects.
        url = reverse("participation:innovation-list", args=["4301"]) + "?year=2566"
        self.assert_constant(self.district_a_officer, url, 6)

    def test_it_pins_the_innovation_page(self):
        # session, user, the user's unit, the project with its unit and plan activity,
        # its figures.
        url = reverse("participation:innovation-detail", args=[self.project.pk])
        self.assert_constant(self.approver, url, 5)
