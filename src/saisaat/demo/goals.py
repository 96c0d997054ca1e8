"""The demo moral goals and the votes that chose them."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import MoralGoal, MoralGoalVote
from saisaat.participation.services.goals import (
    VOTES_PER_KIND,
)
from saisaat.thai.calendar import fiscal_year_bounds

DEMO_PROVINCE_GOALS = [
    # (kind, virtue, text, adopted)
    ("problem", "discipline", "มาประชุมและเข้าแถวเคารพธงชาติไม่ตรงเวลา", True),
    ("problem", "integrity", "การรับของขวัญจากผู้มาติดต่อราชการในช่วงเทศกาล", True),
    ("problem", "sufficiency", "ใช้ไฟฟ้าและกระดาษในสำนักงานสิ้นเปลือง", True),
    ("problem", "discipline", "ส่งรายงานผลการดำเนินงานล่าช้ากว่ากำหนด", False),
    ("problem", "integrity", "ใช้รถราชการไปทำธุระส่วนตัว", False),
    ("good_deed", "volunteering", "จิตอาสาพัฒนาวัดและชุมชนรอบสำนักงานทุกไตรมาส", True),
    ("good_deed", "gratitude", "ทำบุญตักบาตรและแสดงมุทิตาจิตต่อผู้เกษียณอายุราชการ", True),
    ("good_deed", "sufficiency", "ปลูกผักสวนครัวปลอดสารพิษในพื้นที่สำนักงาน", False),
    ("good_deed", "volunteering", "ช่วยเหลือผู้ประสบภัยน้ำท่วมริมโขง", False),
    ("good_deed", "gratitude", "กล่าวขอบคุณผู้นำชุมชนที่ร่วมงานตลอดปี", False),
]
DEMO_DISTRICT_GOALS = [
    ("problem", "discipline", "ลงเวลาปฏิบัติราชการไม่ครบถ้วน"),
    ("good_deed", "volunteering", "จิตอาสาทำความสะอาดที่ว่าการอำเภอ"),
    ("good_deed", "sufficiency", "ออมเงินวันละบาทเพื่อกองทุนสวัสดิการสำนักงาน"),
    ("problem", "integrity", "เปิดเผยข้อมูลการจัดซื้อจัดจ้างไม่ครบถ้วน"),
    ("good_deed", "gratitude", "เยี่ยมบ้านพัฒนากรอาวุโสที่เกษียณแล้ว"),
]


@transaction.atomic
def seed_goals_demo(province: Unit, fiscal_year: int) -> dict:
    """Fifteen proposals at the province and its districts, votes from about three in
    four provincial staff and five adopted goals across four virtues. Idempotent."""
    ce_year = fiscal_year_bounds(fiscal_year)[0].year  # Nov-Dec: the year it starts

    def when(day, month, hour=10):
        return timezone.make_aware(datetime(ce_year, month, day, hour))

    staff = list(StaffMember.objects.active().filter(unit=province).order_by("pk"))
    result = {"goals_created": 0, "votes_created": 0, "adopted": 0}
    if not staff:
        return result
    voters = staff[: round(len(staff) * 0.75)]
    goals = []
    for index, (kind, virtue, text, adopted) in enumerate(DEMO_PROVINCE_GOALS):
        author = voters[(index * 2) % len(voters)] if index < 9 else staff[-1]
        goal, created = MoralGoal.objects.get_or_create(
            unit=province,
            fiscal_year=fiscal_year,
            text=text,
            defaults={"kind": kind, "virtue": virtue, "proposed_by": author},
        )
        if created:
            MoralGoal.objects.filter(pk=goal.pk).update(proposed_at=when(7 + index, 11))
            result["goals_created"] += 1
        goals.append((goal, adopted))

    by_kind = {
        kind: [goal for goal, _adopted in goals if goal.kind == kind]
        for kind in MoralGoal.Kind.values
    }
    for n, person in enumerate(voters):
        for candidates in by_kind.values():
            # Most people back the goals the office later adopts; a few spread out.
            picks = [candidates[(n + offset) % len(candidates)] for offset in range(2)]
            if n % 4 == 0:
                picks = [candidates[(n + 2) % len(candidates)]]
            for goal in picks[:VOTES_PER_KIND]:
                vote, created = MoralGoalVote.objects.get_or_create(goal=goal, staff=person)
                if created:
                    MoralGoalVote.objects.filter(pk=vote.pk).update(
                        voted_at=when(21 + n % 9, 11, 9 + n % 8)
                    )
                    result["votes_created"] += 1

    for number, (goal, adopted) in enumerate(goals):
        if adopted and goal.adopted_at is None:
            MoralGoal.objects.filter(pk=goal.pk).update(adopted_at=when(12 + number, 12, 14))
            result["adopted"] += 1

    districts = list(province.children.order_by("code"))
    for index, (kind, virtue, text) in enumerate(DEMO_DISTRICT_GOALS):
        if not districts:
            break
        district = districts[index % len(districts)]
        author = StaffMember.objects.active().filter(unit=district).order_by("pk").first()
        if author is None:
            continue
        goal, created = MoralGoal.objects.get_or_create(
            unit=district,
            fiscal_year=fiscal_year,
            text=text,
            defaults={"kind": kind, "virtue": virtue, "proposed_by": author},
        )
        if created:
            MoralGoal.objects.filter(pk=goal.pk).update(proposed_at=when(1 + index * 3, 12))
            result["goals_created"] += 1
    result["goals"] = MoralGoal.objects.filter(
        unit__in=Unit.objects.within(province), fiscal_year=fiscal_year
    ).count()
    return result
