"""Innovation pages: recording a project, its figures, the comparison and the chart."""

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from saisaat.participation.models import InnovationMeasurement, InnovationProject
from saisaat.participation.services import innovation as services
from saisaat.testing.base import PersonaTestCase


class InnovationViewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = services.create_project(
            cls.province, title="ระบบติดตามหลักฐานออนไลน์", started_on=date(2022, 11, 10)
        )

    def setUp(self):
        self.login(self.administrator)

    def detail(self):
        return self.client.get(reverse("participation:innovation-detail", args=[self.project.pk]))

    def add_figure(self, **data):
        return self.client.post(
            reverse("participation:innovation-measurement-add", args=[self.project.pk]), data
        )

    def test_it_records_a_project_linked_to_a_dimension_5_activity(self):
        activity = services.dimension_5_activities(self.province, 2566).first()
        response = self.client.post(
            reverse("participation:innovation-add", args=["43"]) + "?year=2566",
            {
                "title": "ตู้รับเรื่องร้องเรียน QR",
                "description": "สแกนแล้วแจ้งได้ทันที",
                "started_on": "2023-01-15",
                "plan_activity": activity.pk,
            },
        )
        project = InnovationProject.objects.get(title="ตู้รับเรื่องร้องเรียน QR")
        self.assertRedirects(
            response, reverse("participation:innovation-detail", args=[project.pk])
        )
        self.assertEqual((project.unit, project.fiscal_year), (self.province, 2566))
        self.assertEqual(project.plan_activity, activity)
        listing = self.client.get(reverse("participation:innovation-list", args=["43"]))
        self.assertContains(listing, "ตู้รับเรื่องร้องเรียน QR")
        self.assertContains(listing, "15 ม.ค. 2566")

    def test_it_refuses_an_activity_outside_dimension_5(self):
        other = self.plan.dimensions.get(number=1).measures.first().activities.first()
        response = self.client.post(
            reverse("participation:innovation-add", args=["43"]),
            {"title": "นวัตกรรม", "started_on": "2023-01-15", "plan_activity": other.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("plan_activity", response.context["form"].errors)

    def test_it_refuses_an_activity_of_another_fiscal_year_than_the_start(self):
        activity = services.dimension_5_activities(self.province, 2566).first()
        response = self.client.post(
            reverse("participation:innovation-add", args=["43"]) + "?year=2566",
            {"title": "นวัตกรรมปีหน้า", "started_on": "2023-10-02", "plan_activity": activity.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("2567", response.context["form"].errors["plan_activity"][0])
        self.assertContains(response, "นวัตกรรมปีหน้า", status_code=400)
        self.assertFalse(InnovationProject.objects.filter(title="นวัตกรรมปีหน้า").exists())
        response = self.client.post(
            reverse("participation:innovation-edit", args=[self.project.pk]),
            {"title": self.project.title, "started_on": "2024-01-05", "plan_activity": activity.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.project.refresh_from_db()
        self.assertEqual((self.project.fiscal_year, self.project.plan_activity), (2566, None))

    def test_it_takes_thai_digits_and_commas_and_shows_the_comparison(self):
        response = self.add_figure(
            metric="ค่ากระดาษ", unit_label="บาท", before="๓,๒๐๐", after="450", lower_is_better="on"
        )
        self.assertEqual(response.status_code, 302)
        figure = InnovationMeasurement.objects.get()
        self.assertEqual((figure.before, figure.after), (Decimal("3200"), Decimal("450")))
        page = self.detail()
        row = re.search(r'data-measurement="\d+">(.*?)</tr>', page.content.decode(), re.S).group(1)
        self.assertIn("3,200", row)
        self.assertIn("−2,750", row)
        self.assertIn("−85.9%", row)
        self.assertIn("status-approved", row)
        self.assertContains(page, "2,750 บาท (85.9%)")

    def test_it_keeps_what_was_typed_when_a_figure_is_not_a_number(self):
        response = self.add_figure(metric="เวลา", unit_label="วัน", before="ห้า", after="1")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ห้า", status_code=400)
        self.assertIn("before", response.context["form"].errors)
        self.assertFalse(InnovationMeasurement.objects.exists())

    def test_it_marks_a_figure_that_got_worse(self):
        self.add_figure(metric="ความพึงพอใจ", before="4.5", after="4.0")  # box left clear
        page = self.detail()
        self.assertContains(page, "status-returned")
        self.assertContains(page, "−11.1%")

    def test_it_draws_paired_bars_with_widths_in_proportion(self):
        self.add_figure(metric="เวลา", unit_label="วัน", before="5", after="1", lower_is_better="on")
        self.add_figure(metric="คะแนน", before="3", after="4")
        html = self.detail().content.decode()
        svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.S).group(0)
        self.assertIn('role="img"', svg)
        self.assertRegex(svg, r"<title id=\"innovation-chart-title\">")
        self.assertIn("<desc", svg)
        before = [float(w) for w in re.findall(r'class="bar bar-before"[^>]*width="([\d.]+)"', svg)]
        after = [float(w) for w in re.findall(r'class="bar bar-after"[^>]*width="([\d.]+)"', svg)]
        self.assertEqual(len(before), 2)
        self.assertAlmostEqual(after[0] / before[0], 1 / 5)
        self.assertAlmostEqual(before[1] / after[1], 3 / 4)
        self.assertEqual(max(before[0], after[1]), services.BAR_MAX)
        self.assertIn("5 วัน", svg)

    def test_it_shows_thai_digits_in_the_chart_when_chosen(self):
        self.add_figure(metric="เวลา", unit_label="วัน", before="5", after="1", lower_is_better="on")
        session = self.client.session
        session["thai_digits"] = True
        session.save()
        svg = re.search(
            r"<svg[^>]*role=\"img\".*?</svg>", self.detail().content.decode(), re.S
        ).group(0)
        self.assertIn("๕ วัน", svg)
        # Geometry stays in Arabic digits.
        self.assertRegex(svg, r'width="440\.0"')

    def test_it_edits_and_removes_a_figure(self):
        figure = services.add_measurement(
            self.project, metric="ขั้นตอน", before=Decimal(9), after=Decimal(4)
        )
        url = reverse("participation:innovation-measurement-edit", args=[figure.pk])
        self.assertContains(self.client.get(url), 'value="9"')
        response = self.client.post(
            url,
            {
                "metric": "ขั้นตอน",
                "unit_label": "ขั้นตอน",
                "before": "9",
                "after": "3",
                "lower_is_better": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        figure.refresh_from_db()
        self.assertEqual(figure.after, Decimal("3"))
        bad = self.client.post(url, {"metric": "ขั้นตอน", "before": "9", "after": "x"})
        self.assertEqual(bad.status_code, 400)
        self.client.post(reverse("participation:innovation-measurement-delete", args=[figure.pk]))
        self.assertFalse(InnovationMeasurement.objects.exists())

    def test_it_edits_the_project(self):
        url = reverse("participation:innovation-edit", args=[self.project.pk])
        self.assertContains(self.client.get(url), "ระบบติดตามหลักฐานออนไลน์")
        response = self.client.post(url, {"title": "ระบบใสสะอาด", "started_on": "2022-11-11"})
        self.assertEqual(response.status_code, 302)
        self.project.refresh_from_db()
        self.assertEqual(self.project.title, "ระบบใสสะอาด")
        self.assertEqual(self.client.post(url, {"title": " ", "started_on": "x"}).status_code, 400)

    def test_it_lists_district_innovations_for_the_province(self):
        services.create_project(self.district_a, title="นวัตกรรมอำเภอ", started_on=date(2023, 2, 1))
        services.create_project(self.district_b, title="ปีหน้า", started_on=date(2023, 11, 1))
        page = self.client.get(
            reverse("participation:innovation-list", args=["43"]), {"year": 2566}
        )
        self.assertEqual([p.title for p in page.context["district_projects"]], ["นวัตกรรมอำเภอ"])
