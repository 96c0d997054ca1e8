"""The plan-status workbook, the evidence bundle and the quarterly workbook."""

import csv
import hashlib
import io
import zipfile
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from saisaat.documents import exports
from saisaat.documents.quarterly import build_quarterly_report
from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.jobs.models import Job
from saisaat.tracking.models import Assignment, EvidenceItem


class PlanStatusWorkbookTest(DocumentsTestCase):
    def test_it_has_a_sheet_per_dimension_and_a_column_per_unit_with_thai_status(self):
        Assignment.objects.filter(pk=self.assignment.pk).update(status=Assignment.Status.APPROVED)
        units = exports.plan_units(self.plan)
        book = load_workbook(
            io.BytesIO(exports.plan_status_xlsx(self.plan, units, today=date(2023, 9, 1)))
        )
        dimensions = list(self.plan.dimensions.order_by("number").values_list("number", flat=True))
        self.assertEqual(book.sheetnames, [f"มิติที่ {n}" for n in dimensions])
        sheet = book["มิติที่ 1"]
        header = [cell.value for cell in sheet[4]]
        self.assertEqual(header[:4], ["มาตรการ", "ลำดับ", "กิจกรรม", "ระยะเวลา"])
        self.assertEqual(header[4:], [u.short_name_th or u.name_th for u in units])
        activity = self.assignment.activity
        row = next(
            r
            for r in sheet.iter_rows(min_row=5)
            if (r[0].value, r[1].value) == (activity.measure.number, activity.position)
        )
        district_a_cell = row[4 + units.index(self.district_a)]
        self.assertEqual(district_a_cell.value, "อนุมัติแล้ว")
        self.assertEqual(district_a_cell.fill.fgColor.rgb[-6:], exports.STATUS_FILLS["approved"])
        # Everything else of this unit is past due by September and not approved.
        other = [
            r[4 + units.index(self.district_b)]
            for r in sheet.iter_rows(min_row=5)
            if r[4 + units.index(self.district_b)].value not in (None, "—")
        ]
        self.assertTrue(other)
        overdue = [c for c in other if "เลยกำหนด" in c.value]
        self.assertTrue(overdue)
        self.assertEqual(overdue[0].fill.fgColor.rgb[-6:], exports.OVERDUE_FILL)
        activities = self.plan.dimensions.get(number=1).measures.values_list(
            "activities", flat=True
        )
        self.assertEqual(sheet.max_row - 4, len([a for a in activities if a is not None]))

    def test_it_shows_only_the_district_column_to_the_district(self):
        self.client.force_login(self.district_a_officer)
        response = self.client.get(reverse("documents:plan-status-xlsx", args=["4301"]))
        book = load_workbook(io.BytesIO(response.content))
        header = [cell.value for cell in book.worksheets[0][4]]
        self.assertEqual(header[4:], [self.district_a.name_th])


class EvidenceBundleTest(DocumentsTestCase):
    def _bundle(self, units, dimension):
        bundle = exports.build_evidence_bundle(units, self.plan, dimension, label="t")
        try:
            return zipfile.ZipFile(io.BytesIO(bundle.file.read())), bundle
        finally:
            bundle.close()

    def test_it_indexes_every_item_with_a_sha256_matching_the_stored_file(self):
        archive, bundle = self._bundle([self.district_a], 1)
        self.assertEqual(bundle.items, 3)
        index_text = archive.read("index.csv").decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(index_text)))
        self.assertEqual(len(rows), 3)
        files = [row for row in rows if row["ไฟล์ในชุดนี้"]]
        self.assertEqual(len(files), 2)
        for row in files:
            data = archive.read(row["ไฟล์ในชุดนี้"])
            self.assertEqual(hashlib.sha256(data).hexdigest(), row["SHA-256"])
            item = EvidenceItem.objects.get(sha256=row["SHA-256"])
            with item.file.open("rb") as stored:
                self.assertEqual(stored.read(), data)
            self.assertEqual(row["ตรงกับที่บันทึกไว้"], "ใช่")
            self.assertEqual(row["ผู้บันทึก"], "district-a")
        self.assertEqual(
            sorted(row["ลงวันที่"] for row in rows), ["2023-01-10", "2023-01-12", "2023-01-13"]
        )
        note = next(row for row in rows if not row["ไฟล์ในชุดนี้"])
        self.assertEqual(note["ลิงก์หรือข้อความ"], "ประชุมชี้แจงเจ้าหน้าที่ ๑๒ คน")
        self.assertEqual(set(archive.namelist()), {"index.csv", *(r["ไฟล์ในชุดนี้"] for r in files)})

    def test_it_flags_a_stored_file_that_no_longer_matches_its_recorded_hash(self):
        item = self.evidence[0]
        with item.file.open("rb") as stored:
            original = stored.read()
        # Files written in setUpTestData outlive each test's rollback: put it back after.
        self.addCleanup(lambda: item.file.open("wb").write(original) and item.file.close())
        with item.file.open("wb") as stored:
            stored.write(b"%PDF-1.4 tampered")
        archive, _ = self._bundle([self.district_a], 1)
        rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        flagged = [row for row in rows if row["ตรงกับที่บันทึกไว้"] == "ไม่ตรง"]
        self.assertEqual(len(flagged), 1)

    def test_the_index_names_each_file_s_checklist_item_retired_or_none(self):
        from django.utils import timezone

        from saisaat.plans.models import EvidenceRequirement

        first, second = self.evidence
        kept = EvidenceRequirement.objects.create(
            activity_id=first.assignment.activity_id, position=90, label="รูปภาพกิจกรรม"
        )
        retired = EvidenceRequirement.objects.create(
            activity_id=second.assignment.activity_id,
            position=91,
            label="ประกาศฉบับเดิม",
            retired_at=timezone.now(),
        )
        EvidenceItem.objects.filter(pk=first.pk).update(requirement=kept)
        EvidenceItem.objects.filter(pk=second.pk).update(requirement=retired)
        archive, _ = self._bundle([self.district_a], 1)
        rows = list(csv.DictReader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        by_date = {row["ลงวันที่"]: row["รายการหลักฐานที่ต้องมี"] for row in rows}
        self.assertEqual(
            [by_date[day] for day in ("2023-01-10", "2023-01-12", "2023-01-13")],
            ["90. รูปภาพกิจกรรม", "91. ประกาศฉบับเดิม (รายการที่ยกเลิกแล้ว)", "ไม่ระบุรายการ"],
        )

    def test_it_bundles_nothing_from_another_dimension_or_unit(self):
        archive, bundle = self._bundle([self.district_b], 1)
        self.assertEqual(bundle.items, 0)
        self.assertEqual(archive.namelist(), ["index.csv"])
        _, bundle = self._bundle([self.district_a], 2)
        self.assertEqual(bundle.items, 0)

    def test_the_view_starts_a_job_whose_file_is_the_zip_of_every_unit(self):
        self.client.force_login(self.provincial_officer)
        url = reverse("documents:evidence-bundle", args=["43"])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"year": "2566", "dimension": "0", "all": "1"})
        job = Job.objects.get(owner=self.provincial_officer)
        self.assertRedirects(response, job.get_absolute_url())
        self.assertEqual(job.state, Job.State.DONE)
        self.assertEqual(
            job.parameters, {"unit": "43", "plan": self.plan.pk, "dimension": None, "all": True}
        )
        download = self.client.get(reverse("jobs:download", args=[job.pk]))
        self.assertEqual(download["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
        self.assertEqual(len(archive.namelist()), 3)  # two files and the index

    def test_a_dimension_the_plan_lacks_is_404_and_starts_nothing(self):
        self.client.force_login(self.provincial_officer)
        url = reverse("documents:evidence-bundle", args=["43"])
        response = self.client.post(url, {"year": "2566", "dimension": "9"})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(url, {"year": "2566", "dimension": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Job.objects.exists())

    def test_it_reports_progress_item_by_item(self):
        seen = []
        bundle = exports.build_evidence_bundle(
            [self.district_a], self.plan, 1, label="t", progress=lambda d, t: seen.append((d, t))
        )
        bundle.close()
        self.assertEqual(seen, [(1, 3), (2, 3), (3, 3)])


class QuarterlyWorkbookTest(DocumentsTestCase):
    def test_it_has_progress_overdue_and_indicator_sheets(self):
        report = build_quarterly_report(self.province, 2566, 2, today=date(2023, 9, 1))
        book = load_workbook(io.BytesIO(exports.quarterly_xlsx(report)))
        self.assertEqual(book.sheetnames, ["ความก้าวหน้า", "เลยกำหนด", "ตัวชี้วัด"])
        progress = book["ความก้าวหน้า"]
        header = [cell.value for cell in progress[4]]
        self.assertEqual(header[2:5], [u.short_name_th or u.name_th for u in report.units])
        last = [cell.value for cell in progress[progress.max_row]]
        self.assertEqual(last[1], "รวม")
        self.assertEqual(last[-3], f"{report.grand.approved}/{report.grand.total}")
        self.assertEqual(book["เลยกำหนด"].max_row - 1, len(report.overdue))
        self.assertEqual(book["ตัวชี้วัด"].max_row - 1, len(report.indicators))

    def test_the_view_starts_a_job_that_makes_the_workbook(self):
        self.client.force_login(self.provincial_officer)
        url = reverse("documents:quarterly-xlsx", args=["43"])
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"year": "2566", "quarter": "2"})
        job = Job.objects.get(owner=self.provincial_officer)
        self.assertRedirects(response, job.get_absolute_url())
        download = self.client.get(reverse("jobs:download", args=[job.pk]))
        self.assertEqual(
            download["Content-Disposition"], 'attachment; filename="quarterly-43-2566-q2.xlsx"'
        )
        book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
        self.assertEqual(book.sheetnames, ["ความก้าวหน้า", "เลยกำหนด", "ตัวชี้วัด"])
        self.assertEqual(self.client.post(url, {"year": "2599", "quarter": "2"}).status_code, 404)
        self.assertEqual(self.client.post(url, {"year": "2566", "quarter": "5"}).status_code, 400)
