"""Importing disbursements from the spreadsheet: every row error shown, nothing written
until the file is clean, all rows written together."""

import io
from decimal import Decimal

import openpyxl
from django.urls import reverse

from saisaat.budget.importer import (
    ImportFileError,
    disbursed_state,
    load_signed,
    preview_import,
    sign_preview,
    template_workbook,
)
from saisaat.budget.models import MonthlyAmount
from saisaat.budget.services import record_disbursements
from saisaat.budget.summary import lines_with_totals, month_grid
from saisaat.budget.tests.helpers import InEnglish, make_line
from saisaat.orgs.models import Unit
from saisaat.testing.base import PersonaTestCase

HEADER_ROW = 4


def workbook_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class ImportTestCase(InEnglish, PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.travel = make_line(cls.province, "ค่าเดินทางไปราชการ", [Decimal("5000.00")] * 12)
        cls.training = make_line(
            cls.province, "โครงการอบรมคุณธรรม", [Decimal("12000.50")] + [Decimal(0)] * 11
        )

    def template(self):
        lines = lines_with_totals(Unit.objects.filter(pk=self.province.pk), 2566)
        data = template_workbook(self.province, 2566, lines, month_grid(lines))
        return openpyxl.load_workbook(io.BytesIO(data))

    def filled(self, edit=None) -> bytes:
        """The template with a few months filled and the totals typed in, as people do."""
        workbook = self.template()
        sheet = workbook.active
        sheet.cell(5, 5, 4999.5)  # travel, October
        sheet.cell(5, 6, "5,000.25")  # travel, November, typed as text
        sheet.cell(5, 17, 9999.75)
        sheet.cell(6, 5, 12000.5)  # training, October
        sheet.cell(6, 17, 12000.5)
        if edit:
            edit(sheet)
        return workbook_bytes(workbook)


class PreviewTests(ImportTestCase):
    def test_it_reads_the_template_it_ships(self):
        preview = preview_import(self.province, 2566, self.filled())
        self.assertTrue(preview.is_clean, [r.errors for r in preview.rows] + preview.file_errors)
        rows = {row.line: row for row in preview.rows}
        self.assertEqual(rows[self.travel].amounts[:3], [Decimal("4999.50"), Decimal("5000.25"), 0])
        self.assertEqual(rows[self.training].amounts[0], Decimal("12000.50"))
        self.assertEqual(preview.total, Decimal("22000.25"))

    def test_it_writes_nothing_while_previewing(self):
        preview_import(self.province, 2566, self.filled())
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exists())

    def test_it_reports_every_bad_row_with_its_reason(self):
        def spoil(sheet):
            sheet.cell(5, 7, "ยังไม่เบิก")  # text in a month column
            sheet.cell(6, 8, "12,34")  # a bad number
            sheet.cell(6, 9, 0.125)  # three decimal places
            sheet.cell(7, 1, 3)
            sheet.cell(7, 2, "โครงการที่ไม่มีในแผน")  # unknown line
            sheet.cell(8, 1, 4)
            sheet.cell(8, 2, "ค่าเดินทางไปราชการ")  # the same line twice
            sheet.cell(8, 5, -10)  # negative
            sheet.cell(8, 17, 1)  # total does not match the months

        preview = preview_import(self.province, 2566, self.filled(spoil))
        self.assertFalse(preview.is_clean)
        errors = {row.row_number: " | ".join(row.errors) for row in preview.rows}
        self.assertEqual(errors[5], "Column ธ.ค. holds text, not an amount: “ยังไม่เบิก”.")
        self.assertIn("Column ม.ค. holds text, not an amount: “12,34”", errors[6])
        self.assertIn("Column ก.พ.: Use at most two decimal places", errors[6])
        self.assertIn(
            "No budget line of this unit and year is called “โครงการที่ไม่มีในแผน”", errors[7]
        )
        self.assertIn("already appears in row 5", errors[8])
        self.assertIn("cannot be negative", errors[8])
        self.assertIn("does not match the sum of the months", errors[8])

    def test_it_checks_a_row_total_against_its_months(self):
        preview = preview_import(
            self.province, 2566, self.filled(lambda sheet: sheet.cell(5, 17, 9999.74))
        )
        (row,) = [r for r in preview.rows if r.line == self.travel]
        self.assertEqual(
            row.errors, ["The total 9,999.74 does not match the sum of the months 9,999.75."]
        )

    def test_it_skips_the_total_row_and_blank_rows(self):
        preview = preview_import(self.province, 2566, self.filled())
        self.assertEqual([row.row_number for row in preview.rows], [5, 6])

    def test_it_warns_when_the_allocation_differs_from_the_plan(self):
        preview = preview_import(
            self.province, 2566, self.filled(lambda sheet: sheet.cell(5, 4, 1000))
        )
        self.assertTrue(preview.is_clean)
        (row,) = [r for r in preview.rows if r.line == self.travel]
        self.assertIn("differs from the plan", row.warnings[0])

    def test_it_refuses_another_units_spreadsheet(self):
        lines = lines_with_totals(Unit.objects.filter(pk=self.province.pk), 2566)
        data = template_workbook(self.district_a, 2566, lines)
        preview = preview_import(self.province, 2566, data)
        self.assertIn("for unit 4301, not 43", preview.file_errors[0])

    def test_it_refuses_files_that_are_not_workbooks(self):
        for data in (b"", b"%PDF-1.4 not a sheet", b"PK\x03\x04 broken zip"):
            with self.subTest(data=data):
                preview = preview_import(self.province, 2566, data)
                self.assertFalse(preview.is_clean)
                self.assertTrue(preview.file_errors)

    def test_it_needs_the_header_and_every_month(self):
        workbook = openpyxl.Workbook()
        workbook.active.append(["ลำดับ", "รายการ/โครงการ", "ต.ค.", "พ.ย."])
        preview = preview_import(self.province, 2566, workbook_bytes(workbook))
        self.assertIn("Month columns are missing: ธ.ค.", preview.file_errors[0])
        preview = preview_import(self.province, 2566, workbook_bytes(openpyxl.Workbook()))
        self.assertIn("No header row", preview.file_errors[0])


class SignedPreviewTests(ImportTestCase):
    def test_it_only_confirms_what_was_checked_for_this_unit_and_year(self):
        preview = preview_import(self.province, 2566, self.filled())
        token = sign_preview(self.province, 2566, preview, self.approver)
        signed = load_signed(token, self.province, 2566, self.approver)
        self.assertEqual(signed.amounts, preview.amounts())
        self.assertEqual(signed.state, disbursed_state(self.province, 2566))
        with self.assertRaises(ImportFileError):
            load_signed(token, self.district_a, 2566, self.approver)
        with self.assertRaises(ImportFileError):
            load_signed(token, self.province, 2567, self.approver)
        with self.assertRaises(ImportFileError):
            load_signed(token[:-2] + "xx", self.province, 2566, self.approver)
        with self.assertRaisesMessage(ImportFileError, "made by another user"):
            load_signed(token, self.province, 2566, self.administrator)

    def test_it_digests_the_disbursed_amounts_of_the_unit_and_year(self):
        state = disbursed_state(self.province, 2566)
        make_line(self.district_a, "ค่าวัสดุ", "100", ["50"])
        self.assertEqual(disbursed_state(self.province, 2566), state)
        record_disbursements(
            self.province, 2566, {(self.travel.pk, 3): Decimal("1.00")}, acting_user=None
        )
        self.assertNotEqual(disbursed_state(self.province, 2566), state)


class ImportViewTests(ImportTestCase):
    def url(self):
        return reverse("budget:import", args=["43"]) + "?year=2566"

    def upload(self, data: bytes):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.login(self.approver)
        return self.client.post(self.url(), {"file": SimpleUploadedFile("budget.xlsx", data)})

    def test_it_previews_then_saves_on_confirmation(self):
        response = self.upload(self.filled())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Confirm")
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exists())
        token = response.context["token"]
        response = self.client.post(self.url(), {"token": token})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.travel.months.get(month=2).disbursed, Decimal("5000.25"))
        self.assertEqual(self.training.months.get(month=1).disbursed, Decimal("12000.50"))

    def test_it_confirms_only_for_who_previewed(self):
        token = self.upload(self.filled()).context["token"]
        self.login(self.administrator)
        response = self.client.post(self.url(), {"token": token})
        self.assertContains(response, "made by another user", status_code=400)
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exists())

    def test_it_refuses_a_confirmation_after_the_grid_changed(self):
        token = self.upload(self.filled()).context["token"]
        # Someone corrects the grid after the preview: the import would overwrite it.
        record_disbursements(
            self.province, 2566, {(self.travel.pk, 3): Decimal("700.00")}, acting_user=None
        )
        response = self.client.post(self.url(), {"token": token})
        self.assertContains(response, "changed since the preview", status_code=400)
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exclude(month=3).exists())
        self.assertEqual(self.travel.months.get(month=3).disbursed, Decimal("700.00"))

    def test_it_refuses_a_replayed_confirmation(self):
        token = self.upload(self.filled()).context["token"]
        self.assertEqual(self.client.post(self.url(), {"token": token}).status_code, 302)
        # A grid edit after the import; the old token must not bring the import back.
        record_disbursements(
            self.province, 2566, {(self.travel.pk, 1): Decimal("1.00")}, acting_user=None
        )
        response = self.client.post(self.url(), {"token": token})
        self.assertContains(response, "changed since the preview", status_code=400)
        self.assertEqual(self.travel.months.get(month=1).disbursed, Decimal("1.00"))

    def test_it_shows_errors_and_offers_no_confirmation(self):
        response = self.upload(self.filled(lambda sheet: sheet.cell(6, 7, "n/a")))
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("token", response.context)
        self.assertContains(response, "holds text, not an amount", status_code=400)
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exists())

    def test_it_writes_all_rows_or_none(self):
        response = self.upload(self.filled())
        token = response.context["token"]
        # A line deleted between the preview and the confirmation: nothing is written.
        self.training.delete()
        response = self.client.post(self.url(), {"token": token})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(MonthlyAmount.objects.filter(disbursed__gt=0).exists())

    def test_it_refuses_a_forged_confirmation(self):
        self.login(self.approver)
        response = self.client.post(self.url(), {"token": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "not valid", status_code=400)

    def test_it_refuses_a_program_dressed_as_a_workbook(self):
        response = self.upload(b"MZ\x90\x00 a windows program")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "not an Excel", status_code=400)
