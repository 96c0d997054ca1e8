"""Exports for auditors and assessors: the plan with every unit's status (XLSX), the evidence
bundle of a unit and dimension (ZIP with an index), and the quarterly report as XLSX.

Spreadsheets are in Thai whatever the user's language: they are handed on as documents.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from saisaat.core.spreadsheets import csv_text, workbook_bytes
from saisaat.documents.kinds import person_name
from saisaat.orgs.models import Unit
from saisaat.plans.models import Activity, Plan
from saisaat.thai.calendar import format_thai_date
from saisaat.tracking.models import Assignment, EvidenceItem

STATUS_FILLS = {
    Assignment.Status.NOT_STARTED: "E5E7EB",
    Assignment.Status.IN_PROGRESS: "FEF3C7",
    Assignment.Status.SUBMITTED: "DBEAFE",
    Assignment.Status.APPROVED: "BBF7D0",
    Assignment.Status.RETURNED: "FED7AA",
}
OVERDUE_FILL = "FECACA"
HEADER_FILL = "1F3A5F"
COPY_CHUNK = 1024 * 1024


def _header(sheet, row: int, values: list[str]):
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", text)[:31].strip() or "Sheet"
    base, number = title, 2
    while title in used:
        title = f"{base[:28]} {number}"
        number += 1
    used.add(title)
    return title


def _save(workbook: Workbook) -> bytes:
    return workbook_bytes(workbook)


def plan_units(plan: Plan) -> list[Unit]:
    province = plan.owner_unit
    return [province, *province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code")]


# -- plan status ----------------------------------------------------------------------------


def plan_status_xlsx(plan: Plan, units: list[Unit], *, today: date | None = None) -> bytes:
    """A sheet per dimension, a row per activity, a column per unit with the status text,
    coloured by status (red when overdue). Four queries whatever the plan's size."""
    today = today or timezone.localdate()
    activities = list(
        Activity.objects.filter(
            measure__dimension__plan=plan, is_active=True, added_by_unit__isnull=True
        )
        .select_related("measure__dimension")
        .order_by("measure__dimension__number", "measure__number", "position")
    )
    assignments = Assignment.objects.current().filter(plan=plan, unit__in=units)
    status = {
        (a["activity_id"], a["unit_id"]): a
        for a in assignments.with_overdue(today).values("activity_id", "unit_id", "status", "late")
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    with translation.override("th"):
        labels = {value: str(label) for value, label in Assignment.Status.choices}
        overdue_label = "เลยกำหนด"
        sheets = {}
        for dimension in plan.dimensions.order_by("number"):
            sheet = workbook.create_sheet(_sheet_title(f"มิติที่ {dimension.number}", used))
            sheet["A1"] = f"มิติที่ {dimension.number} {dimension.title}"
            sheet["A1"].font = Font(bold=True, size=13)
            sheet["A2"] = (
                f"{plan.title} ปีงบประมาณ พ.ศ. {plan.fiscal_year} "
                f"ข้อมูล ณ วันที่ {format_thai_date(today)}"
            )
            _header(
                sheet,
                4,
                ["มาตรการ", "ลำดับ", "กิจกรรม", "ระยะเวลา"]
                + [unit.short_name_th or unit.name_th for unit in units],
            )
            sheet.freeze_panes = "E5"
            sheet.column_dimensions["C"].width = 60
            sheet.column_dimensions["D"].width = 18
            for index in range(len(units)):
                sheet.column_dimensions[get_column_letter(5 + index)].width = 16
            sheets[dimension.number] = sheet
        for activity in activities:
            sheet = sheets.get(activity.measure.dimension.number)
            if sheet is None:
                continue
            row = sheet.max_row + 1
            sheet.cell(row=row, column=1, value=activity.measure.number)
            sheet.cell(row=row, column=2, value=activity.position)
            text_cell = sheet.cell(row=row, column=3, value=" ".join(activity.text.split()))
            text_cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.cell(row=row, column=4, value=activity.period_text)
            for index, unit in enumerate(units):
                found = status.get((activity.pk, unit.pk))
                cell = sheet.cell(row=row, column=5 + index)
                if found is None:
                    cell.value = "—"
                    continue
                late = found["late"]
                cell.value = labels[found["status"]] + (f" ({overdue_label})" if late else "")
                cell.fill = PatternFill(
                    "solid", fgColor=OVERDUE_FILL if late else STATUS_FILLS[found["status"]]
                )
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _save(workbook)


# -- evidence bundle ------------------------------------------------------------------------

INDEX_COLUMNS = [
    "ลำดับ",
    "หน่วยงาน",
    "มิติ",
    "มาตรการ",
    "กิจกรรมที่",
    "กิจกรรม",
    "รายการหลักฐานที่ต้องมี",
    "ประเภท",
    "ชื่อหลักฐาน",
    "ไฟล์ในชุดนี้",
    "ลงวันที่",
    "ผู้บันทึก",
    "บันทึกเมื่อ",
    "ขนาด (ไบต์)",
    "SHA-256",
    "ลิงก์หรือข้อความ",
]


@dataclass
class Bundle:
    file: tempfile.SpooledTemporaryFile
    filename: str
    items: int

    def close(self):
        self.file.close()


def evidence_for_bundle(units: list[Unit], plan: Plan, dimension: int | None):
    items = EvidenceItem.objects.current().filter(
        assignment__in=Assignment.objects.current().filter(plan=plan, unit__in=units)
    )
    if dimension is not None:
        items = items.filter(assignment__dimension_number=dimension)
    return items.select_related(
        "assignment__activity__measure", "assignment__unit", "uploaded_by", "requirement"
    ).order_by(
        "assignment__unit__code",
        "assignment__dimension_number",
        "assignment__activity__measure__number",
        "assignment__activity__position",
        "effective_date",
        "pk",
    )


_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE_NAME.sub("_", name).strip(" .") or "file"
    return cleaned[-120:]


def requirement_text(item: EvidenceItem) -> str:
    """The checklist item a piece of evidence satisfies, as the bundle's index names it."""
    requirement = item.requirement
    if requirement is None:
        return "ไม่ระบุรายการ"
    text = f"{requirement.position}. {requirement.label}"
    return f"{text} (รายการที่ยกเลิกแล้ว)" if requirement.is_retired else text


def build_evidence_bundle(
    units: list[Unit],
    plan: Plan,
    dimension: int | None,
    *,
    label: str,
    progress: Callable[[int, int], None] | None = None,
) -> Bundle:
    """Write the evidence files and an index (CSV, UTF-8 with BOM for Excel) into a ZIP in a
    temporary file (on disk past 8 MB), copying each file in 1 MB chunks and hashing it on
    the way, so memory stays small whatever the bundle's size. The index lists the SHA-256 of
    the bytes put in the bundle and whether it matches the one recorded at upload.
    ``progress(done, total)`` is told after each item (the background job's bar)."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    index = io.StringIO()
    writer = csv.writer(index)
    writer.writerow([*INDEX_COLUMNS, "ตรงกับที่บันทึกไว้"])
    count = 0
    items = evidence_for_bundle(units, plan, dimension)
    total = items.count() if progress is not None else 0
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for count, item in enumerate(items.iterator(), start=1):
            assignment = item.assignment
            activity = assignment.activity
            folder = (
                f"{assignment.unit.code}/มิติ{assignment.dimension_number}/"
                f"{activity.measure.number}.{activity.position}"
            )
            inside = ""
            digest = item.sha256
            if item.kind == EvidenceItem.Kind.FILE and item.file:
                name = item.original_name or item.file.name.rsplit("/", 1)[-1]
                inside = f"{folder}/{count:04d}-{_safe_name(name)}"
                hasher = hashlib.sha256()
                with (
                    item.file.open("rb") as source,
                    archive.open(inside, "w", force_zip64=True) as target,
                ):
                    while chunk := source.read(COPY_CHUNK):
                        hasher.update(chunk)
                        target.write(chunk)
                digest = hasher.hexdigest()
            writer.writerow(
                [
                    csv_text(value)
                    for value in [
                        count,
                        assignment.unit.name_th,
                        assignment.dimension_number,
                        activity.measure.number,
                        activity.position,
                        " ".join(activity.text.split()),
                        requirement_text(item),
                        item.get_kind_display(),
                        item.title or item.original_name,
                        inside,
                        item.effective_date.isoformat(),
                        person_name(item.uploaded_by),
                        timezone.localtime(item.uploaded_at).strftime("%Y-%m-%d %H:%M"),
                        item.size or "",
                        digest,
                        item.url or " ".join(item.note.split()),
                        ("ใช่" if digest == item.sha256 else "ไม่ตรง")
                        if item.kind == EvidenceItem.Kind.FILE
                        else "",
                    ]
                ]
            )
            if progress is not None:
                progress(count, total)
        archive.writestr("index.csv", "\ufeff" + index.getvalue())
    spool.seek(0)
    suffix = f"-d{dimension}" if dimension is not None else ""
    return Bundle(
        file=spool, filename=f"evidence-{label}{suffix}-{plan.fiscal_year}.zip", items=count
    )


# -- quarterly report -----------------------------------------------------------------------


def _percent(cell) -> str:
    return f"{cell.percent}%" if cell.percent is not None else "—"


def quarterly_xlsx(report) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = "ความก้าวหน้า"
    summary["A1"] = (
        f"รายงานความก้าวหน้า ไตรมาสที่ {report.quarter} ปีงบประมาณ พ.ศ. {report.fiscal_year} "
        f"{report.unit.name_th}"
    )
    summary["A1"].font = Font(bold=True, size=13)
    summary["A2"] = f"ข้อมูล ณ วันที่ {format_thai_date(report.as_of)}"
    units = report.units
    _header(
        summary,
        4,
        ["มิติ", "ชื่อมิติ"]
        + [u.short_name_th or u.name_th for u in units]
        + ["รวม", "ร้อยละ", "เลยกำหนด"],
    )
    summary.column_dimensions["B"].width = 50
    for row in report.rows:
        values = [row.number, row.title]
        values += [f"{cell.approved}/{cell.total}" for cell in row.cells]
        values += [
            f"{row.total.approved}/{row.total.total}",
            _percent(row.total),
            row.total.overdue,
        ]
        summary.append(values)
    summary.append(
        ["", "รวม"]
        + [f"{cell.approved}/{cell.total}" for cell in report.unit_totals]
        + [
            f"{report.grand.approved}/{report.grand.total}",
            _percent(report.grand),
            report.grand.overdue,
        ]
    )
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)

    overdue = workbook.create_sheet("เลยกำหนด")
    _header(overdue, 1, ["หน่วยงาน", "มิติ", "กิจกรรม", "กำหนดเสร็จ", "สถานะ", "ผู้รับผิดชอบ"])
    overdue.column_dimensions["C"].width = 60
    with translation.override("th"):
        for assignment in report.overdue:
            overdue.append(
                [
                    assignment.unit.name_th,
                    assignment.dimension_number,
                    " ".join(assignment.activity.text.split()),
                    format_thai_date(assignment.due_date),
                    str(assignment.get_status_display()),
                    assignment.officer.get_full_name() if assignment.officer_id else "",
                ]
            )
        indicators = workbook.create_sheet("ตัวชี้วัด")
        _header(indicators, 1, ["มิติ", "กิจกรรม", "เป้าหมาย", "ค่าที่วัดได้", "เกณฑ์", "คะแนน", "ผล"])
        indicators.column_dimensions["B"].width = 50
        indicators.column_dimensions["C"].width = 30
        for result in report.indicators:
            activity = result.target.activity
            indicators.append(
                [
                    activity.measure.dimension.number,
                    " ".join(activity.text.split()),
                    result.target.text,
                    float(result.value.value) if result.value else None,
                    float(result.threshold),
                    result.grade,
                    result.status_label,
                ]
            )
    return _save(workbook)
