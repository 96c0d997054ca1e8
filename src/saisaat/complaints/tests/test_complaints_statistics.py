"""Complaint statistics for a fiscal year or its first half; the public page and the
XLSX export."""

from io import BytesIO

from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from saisaat.complaints import services
from saisaat.complaints.statistics import complaint_statistics, period_bounds
from saisaat.complaints.tests.helpers import ComplaintTestCase, aware

SECRET_TEXT = "เรื่องลับมากของผู้ร้อง"


class StatisticsTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        phone = cls.province.complaint_channels.get(medium="phone")
        # Fiscal year 2566: October 2022 to September 2023. Bangkok midnight edges count.
        cls.first = cls.make_complaint(
            "misconduct",
            received_at=aware(2022, 10, 1, 0, 30),
            description=SECRET_TEXT,
            identity=services.Identity(name="ชื่อผู้ร้องลับ", phone="0811111111"),
        )
        cls.make_complaint("service", received_at=aware(2022, 10, 20, 10), channel=phone)
        done = cls.make_complaint("service", received_at=aware(2023, 3, 31, 23, 30))
        services.change_status(done, "forwarded", acting_user=cls.approver, forwarded_to="x")
        cls.make_complaint("general", received_at=aware(2023, 4, 1, 8), unit=cls.district_a)
        cls.make_complaint("general", received_at=aware(2023, 9, 30, 23))
        cls.make_complaint("general", received_at=aware(2023, 10, 1, 8))  # next year
        cls.make_complaint(
            "general", received_at=aware(2023, 1, 1, 8), reported_unit=cls.other_province
        )

    def test_the_first_half_ends_in_march(self):
        first, last = period_bounds(2566, first_half=True)
        self.assertEqual((first.isoformat(), last.isoformat()), ("2022-10-01", "2023-03-31"))

    def test_figures_for_the_whole_year(self):
        # The figures are labelled in the language of the request; read them in English.
        with translation.override("en"):
            stats = complaint_statistics(self.province, 2566)
            self.assertEqual((stats.total, stats.finished, stats.in_progress), (5, 1, 4))
            self.assertEqual(dict(stats.by_category)["Corruption or misconduct by staff"], 1)
            self.assertEqual([n for _m, n in stats.by_month], [2, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1])
            by_channel = {str(label): n for label, n in stats.by_channel}
            self.assertEqual((by_channel["Telephone"], by_channel["Online form"]), (1, 4))
            self.assertEqual(len(stats.by_month), 12)

    def test_figures_for_the_first_six_months(self):
        stats = complaint_statistics(self.province, 2566, first_half=True)
        self.assertEqual((stats.total, stats.finished, stats.in_progress), (3, 1, 2))
        self.assertEqual(len(stats.by_month), 6)

    def test_a_district_counts_only_what_it_handles(self):
        self.assertEqual(complaint_statistics(self.district_a, 2566).total, 1)

    def test_the_public_page_has_counts_and_no_personal_data_or_text(self):
        response = self.client.get(
            reverse("complaints:public-statistics", args=["43"]), {"year": "2566"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="stat-total">5<')
        for private in (SECRET_TEXT, "ชื่อผู้ร้องลับ", "0811111111", self.first.tracking_code):
            self.assertNotContains(response, private)
        self.assertContains(response, "ตุลาคม 2565")

    def test_a_bad_year_is_refused_with_a_thai_message_not_a_500(self):
        url = reverse("complaints:public-statistics", args=["43"])
        for year in ("abc", "99999999999999999999", "-1", "²", "25 66"):
            response = self.client.get(url, {"year": year})
            self.assertEqual(response.status_code, 400, year)
            self.assertContains(response, "ไม่ใช่ปีงบประมาณ", status_code=400)
            # The page still works: the default year's figures, its picker to choose again.
            self.assertContains(response, 'class="year-picker"', status_code=400)

    def test_a_christian_era_year_is_refused_naming_its_buddhist_year(self):
        self.login(self.approver)
        response = self.client.get(reverse("complaints:statistics", args=["43"]), {"year": "2023"})
        self.assertContains(response, "ปี 2023 เป็นปีคริสต์ศักราช", status_code=400)
        self.assertContains(response, "(2566)", status_code=400)
        export = self.client.get(
            reverse("complaints:statistics-xlsx", args=["43"]), {"year": "2023"}
        )
        self.assertContains(export, "ปี 2023 เป็นปีคริสต์ศักราช", status_code=400)

    def test_it_takes_a_buddhist_year_also_in_thai_digits_and_remembers_it(self):
        self.login(self.approver)
        url = reverse("complaints:statistics", args=["43"])
        response = self.client.get(url, {"year": "๒๕๖๖"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="stat-total">5<')
        # The year picker offers the year, marked as shown; the next page opens on it.
        self.assertRegex(response.content.decode(), r'year=2566[^"]*" aria-current="page"')
        again = self.client.get(url)
        self.assertEqual(again.context["year"], 2566)
        self.assertContains(again, 'id="stat-total">5<')

    def test_the_year_picker_offers_every_year_since_the_first_complaint(self):
        self.login(self.approver)
        response = self.client.get(reverse("complaints:statistics", args=["43"]))
        years = response.context["years"]
        self.assertEqual(years, sorted(years, reverse=True))
        self.assertIn(2566, years)
        self.assertIn(2567, years)
        self.assertNotIn(2565, years)

    def test_the_xlsx_has_thai_headers_and_the_figures(self):
        self.login(self.approver)
        response = self.client.get(
            reverse("complaints:statistics-xlsx", args=["43"]), {"year": "2566", "half": "1"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("complaints-43-2566-h1.xlsx", response["Content-Disposition"])
        sheet = load_workbook(BytesIO(response.content)).active
        rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        values = list(rows.values())
        self.assertIn(3, values)
        self.assertIn("ตุลาคม 2565", rows)
        self.assertIn("มีนาคม 2566", rows)
        self.assertIn("สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", rows.values())
        all_text = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c)
        self.assertNotIn(SECRET_TEXT, all_text)
