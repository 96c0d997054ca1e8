"""The demo moral-organisation activities and their attendance."""

from datetime import date

from django.db import transaction

from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.participation.services.activities import (
    _ordered_virtues,
    record_attendance,
)
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year_bounds

# (title, month, day, place, virtues, share of the staff attending, some by QR)
DEMO_PROVINCE_ACTIVITIES = [
    (
        "ทำบุญตักบาตรเนื่องในวันพ่อแห่งชาติ",
        12,
        5,
        "ลานหน้าศาลากลางจังหวัดหนองคาย",
        ["gratitude"],
        0.85,
        False,
    ),
    (
        "จิตอาสาพัฒนาวัดโพธิ์ชัย",
        1,
        21,
        "วัดโพธิ์ชัย พระอารามหลวง",
        ["volunteering", "gratitude"],
        0.8,
        True,
    ),
    (
        "ตลาดนัดชุมชนพอเพียง สินค้า OTOP",
        2,
        17,
        "ลานจอดรถสำนักงานพัฒนาชุมชนจังหวัด",
        ["sufficiency"],
        0.7,
        True,
    ),
    (
        "กิจกรรม 5ส ทำความสะอาดสำนักงาน (Big Cleaning Day)",
        3,
        3,
        "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        ["discipline"],
        0.9,
        False,
    ),
    (
        "เข้าแถวเคารพธงชาติและร้องเพลงชาติทุกวันจันทร์",
        3,
        13,
        "เสาธงศาลากลางจังหวัดหนองคาย",
        ["discipline"],
        0.75,
        True,
    ),
    (
        "อบรมนโยบายไม่รับของขวัญ (No Gift Policy) และการป้องกันผลประโยชน์ทับซ้อน",
        4,
        7,
        "ห้องประชุมสำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        ["integrity"],
        0.65,
        True,
    ),
]
DEMO_DISTRICT_ACTIVITIES = [
    ("จิตอาสาทำความสะอาดที่ว่าการอำเภอ", 2, 10, ["volunteering"], 0.8),
    ("เข้าแถวเคารพธงชาติ", 3, 6, ["discipline"], 1.0),
    ("ออมวันละบาท สำนักงานพอเพียง", 4, 3, ["sufficiency"], 0.6),
]


def _demo_plan_activity(province: Unit, fiscal_year: int) -> Activity | None:
    """Dimension 4's "carry out the moral-organisation plan's activities" line."""
    return (
        Activity.objects.active()
        .filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            measure__dimension__number=4,
            measure__number=3,
            added_by_unit__isnull=True,
        )
        .order_by("position")
        .first()
    )


def _demo_creator(province: Unit) -> User | None:
    return (
        User.objects.filter(username="director").first()
        or User.objects.filter(unit=province, role=User.Role.APPROVER).order_by("pk").first()
        or User.objects.filter(unit=province).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


@transaction.atomic
def seed_activities_demo(province: Unit, fiscal_year: int) -> dict:
    """Six moral-organisation activities at the province across the five virtues, one or
    two at each district office, and attendance for most of the staff, some recorded
    from the list and some by QR. Idempotent."""
    result = {"activities_created": 0, "attendance_created": 0}
    creator = _demo_creator(province)
    if creator is None:
        return result
    plan_activity = _demo_plan_activity(province, fiscal_year)
    ce_start = fiscal_year_bounds(fiscal_year)[0].year  # Oct-Dec fall in this calendar year

    def day(month, dom):
        return date(ce_start if month >= 10 else ce_start + 1, month, dom)

    def ensure(unit, title, held_on, place, virtues, share, by_qr, linked):
        activity, created = OfficeActivity.objects.get_or_create(
            unit=unit,
            title=title,
            held_on=held_on,
            defaults={
                "fiscal_year": fiscal_year,
                "place": place,
                "virtues": _ordered_virtues(virtues),
                "is_moral_organisation": True,
                "plan_activity": linked,
                "checkin_open": False,
                "created_by": creator,
            },
        )
        result["activities_created"] += created
        staff = list(StaffMember.objects.active().filter(unit=unit).order_by("pk"))
        # Every seventh person is away all year, so the share is real rather than 100 %.
        staff = [person for n, person in enumerate(staff, start=1) if n % 7]
        # A different slice of people each time, so some staff attend nothing.
        count = round(len(staff) * share)
        offset = len(title) % max(len(staff), 1)
        chosen = (staff[offset:] + staff[:offset])[:count]
        if by_qr:
            half = len(chosen) * 2 // 3
            result["attendance_created"] += record_attendance(
                activity, chosen[:half], method=Attendance.Method.QR
            )
            chosen = chosen[half:]
        result["attendance_created"] += record_attendance(
            activity, chosen, method=Attendance.Method.LIST
        )
        return activity

    for title, month, dom, place, virtues, share, by_qr in DEMO_PROVINCE_ACTIVITIES:
        ensure(province, title, day(month, dom), place, virtues, share, by_qr, plan_activity)
    for index, district in enumerate(province.children.order_by("code")):
        picks = [DEMO_DISTRICT_ACTIVITIES[index % 3]]
        if index % 2 == 0:
            picks.append(DEMO_DISTRICT_ACTIVITIES[(index + 1) % 3])
        for title, month, dom, virtues, share in picks:
            place = district.name_th.replace("สำนักงานพัฒนาชุมชน", "ที่ว่าการ")
            ensure(
                district,
                title,
                day(month, dom + index),
                place,
                virtues,
                share,
                False,
                plan_activity,
            )
    result["activities"] = OfficeActivity.objects.filter(
        unit__in=Unit.objects.within(province), fiscal_year=fiscal_year
    ).count()
    return result
