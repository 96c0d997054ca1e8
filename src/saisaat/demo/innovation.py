"""The demo innovation projects and their measurements."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from saisaat.orgs.models import Unit
from saisaat.participation.models import InnovationProject
from saisaat.participation.services.innovation import (
    add_measurement,
    dimension_5_activities,
)
from saisaat.plans.models import Plan
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

_PROVINCE_PROJECT = (
    "ระบบติดตามหลักฐานเชิงประจักษ์ออนไลน์ “ใสสะอาด”",
    "รวบรวมหลักฐานเชิงประจักษ์ของทุกกิจกรรมตามแผนปฏิบัติการในระบบเดียว "
    "ผู้รับผิดชอบแนบไฟล์ได้ทันที ผู้อำนวยการตรวจและส่งกลับได้ในระบบ "
    "แทนการรวบรวมเอกสารกระดาษจากทุกกลุ่มงานและทุกอำเภอ",
    40,
    [
        ("เวลาจัดทำรายงานหลักฐานเชิงประจักษ์", "วัน", "5", "1", True),
        ("ค่ากระดาษและถ่ายเอกสารต่อรอบรายงาน", "บาท", "3200", "450", True),
        ("ขั้นตอนการรวบรวมหลักฐาน", "ขั้นตอน", "9", "4", True),
    ],
)

_DISTRICT_PROJECT = (
    "รับเรื่องร้องเรียนผ่าน QR Code ณ จุดบริการ",
    "ผู้รับบริการสแกน QR Code เพื่อแจ้งเรื่องร้องเรียนหรือข้อเสนอแนะได้ทันที "
    "เจ้าหน้าที่ได้รับแจ้งเตือนและตอบกลับภายในวันทำการถัดไป",
    95,
    [
        ("เวลาตอบรับเรื่องร้องเรียน", "วัน", "7", "2", True),
        ("ความพึงพอใจของผู้รับบริการ", "คะแนน (เต็ม 5)", "3.6", "4.4", False),
    ],
)


def _seed_project(unit, spec, start, activity) -> tuple[bool, int]:
    title, description, offset, measurements = spec
    started_on = start + timedelta(days=offset)
    project, created = InnovationProject.objects.get_or_create(
        unit=unit,
        title=title,
        fiscal_year=fiscal_year_of(started_on),
        defaults={
            "description": description,
            "started_on": started_on,
            "plan_activity": activity,
        },
    )
    added = 0
    if created:
        for metric, unit_label, before, after, lower_is_better in measurements:
            add_measurement(
                project,
                metric=metric,
                unit_label=unit_label,
                before=Decimal(before),
                after=Decimal(after),
                lower_is_better=lower_is_better,
            )
            added += 1
    return created, added


@transaction.atomic
def seed_innovation_demo(province: Unit, fiscal_year: int) -> dict:
    """The province's evidence-tracking innovation with three before/after figures, and a
    QR-code complaints innovation at the first district office. Idempotent."""
    start = fiscal_year_bounds(fiscal_year)[0]
    counts = {"projects": 0, "measurements": 0}
    plan = Plan.objects.filter(owner_unit=province, fiscal_year=fiscal_year).first()
    activity = dimension_5_activities(province, fiscal_year).first() if plan else None
    seeds = [(province, _PROVINCE_PROJECT, activity)]
    district = province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code").first()
    if district is not None:
        seeds.append((district, _DISTRICT_PROJECT, None))
    for unit, spec, linked in seeds:
        created, added = _seed_project(unit, spec, start, linked)
        counts["projects"] += created
        counts["measurements"] += added
    return counts
