"""The demo sub-plans of fiscal year 2566: the province's network partner plan (3.1.1), its
moral-organisation plan (4.1.1) and its innovation project (5.1.1), each with activities,
the people responsible from the staff registry, budgets and indicators, issued."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from saisaat.documents import subplan_services as services
from saisaat.documents.models import SubPlan
from saisaat.orgs.models import StaffMember, Unit

# kind, title, objective, [(activity, start, end, budget, indicator, target)]
_SUBPLANS = [
    (
        SubPlan.Kind.PARTNERS,
        "แผนการแสวงหาความร่วมมือกับภาคีเครือข่ายในด้านการมีส่วนร่วมในการปฏิบัติราชการ",
        "เพื่อให้ภาคีเครือข่ายทั้ง 7 ประเภทมีส่วนร่วมในการปฏิบัติราชการอย่างโปร่งใส\n"
        "เพื่อขยายความร่วมมือในการป้องกันการทุจริตสู่ชุมชน",
        [
            (
                "ประชุมภาคีเครือข่ายเพื่อกำหนดแนวทางความร่วมมือ",
                (2022, 12, 1),
                (2022, 12, 31),
                "15000",
                "จำนวนประเภทภาคีเครือข่ายที่เข้าร่วม",
                "อย่างน้อย 4 ประเภท",
            ),
            (
                "ลงนามบันทึกข้อตกลงความร่วมมือ (MOU) กับภาคีเครือข่าย",
                (2023, 1, 1),
                (2023, 2, 28),
                "5000",
                "จำนวนบันทึกข้อตกลงความร่วมมือ",
                "อย่างน้อย 1 ฉบับ",
            ),
            (
                "กิจกรรมรณรงค์ต่อต้านการทุจริตร่วมกับภาคีเครือข่าย",
                (2023, 3, 1),
                (2023, 6, 30),
                "20000",
                "จำนวนกิจกรรมร่วมกับภาคีเครือข่าย",
                "อย่างน้อย 2 กิจกรรม",
            ),
        ],
    ),
    (
        SubPlan.Kind.MORAL,
        "แผนการขับเคลื่อนองค์กรคุณธรรม สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        "เพื่อส่งเสริมให้บุคลากรยึดมั่นในคุณธรรมเป้าหมาย พอเพียง วินัย สุจริต จิตอาสา กตัญญู\n"
        "เพื่อให้สำนักงานเป็นองค์กรคุณธรรมต้นแบบ",
        [
            (
                "ประชุมบุคลากรเพื่อกำหนดคุณธรรมเป้าหมาย",
                (2022, 11, 1),
                (2022, 11, 30),
                "3000",
                "ร้อยละของบุคลากรที่มีส่วนร่วม",
                "ร้อยละ 80",
            ),
            (
                "ทำบุญตักบาตรและจิตอาสาพัฒนาสถานที่ราชการ",
                (2022, 12, 1),
                (2023, 7, 31),
                "12000",
                "ร้อยละของบุคลากรที่เข้าร่วมกิจกรรม",
                "ร้อยละ 80",
            ),
            (
                "สรุปและรายงานผลการขับเคลื่อนองค์กรคุณธรรม",
                (2023, 8, 1),
                (2023, 9, 15),
                "0",
                "รายงานผลต่อผู้บังคับบัญชา",
                "1 ฉบับ",
            ),
        ],
    ),
    (
        SubPlan.Kind.INNOVATION,
        "ระบบติดตามหลักฐานเชิงประจักษ์ออนไลน์ “ใสสะอาด”",
        "เพื่อลดเวลาและค่าใช้จ่ายในการรวบรวมหลักฐานเชิงประจักษ์\n"
        "เพื่อให้การติดตามงานตามแผนปฏิบัติการโปร่งใส ตรวจสอบได้",
        [
            (
                "ออกแบบระบบและทดลองใช้กับกลุ่มงาน",
                (2023, 1, 1),
                (2023, 2, 28),
                "8000",
                "จำนวนกลุ่มงานที่ทดลองใช้",
                "4 กลุ่มงาน",
            ),
            (
                "ขยายผลการใช้งานสู่สำนักงานพัฒนาชุมชนอำเภอ",
                (2023, 3, 1),
                (2023, 6, 30),
                "10000",
                "ร้อยละของอำเภอที่ใช้งาน",
                "ร้อยละ 100",
            ),
            (
                "เปรียบเทียบผลก่อนและหลังใช้ระบบ",
                (2023, 7, 1),
                (2023, 8, 31),
                "2000",
                "ระยะเวลาจัดทำรายงานที่ลดลง",
                "ลดลงอย่างน้อยร้อยละ 50",
            ),
        ],
    ),
]


@transaction.atomic
def seed_subplans_demo(province: Unit, fiscal_year: int) -> dict:
    """The province's three sub-plans of the year, issued. Idempotent: a kind the province
    already has a sub-plan of that year is left alone."""
    counts = {"subplans": 0, "activities": 0}
    staff = list(StaffMember.objects.active().filter(unit=province).in_thai_order()[:6])
    for index, (kind, title, objective, activities) in enumerate(_SUBPLANS):
        if SubPlan.objects.filter(unit=province, fiscal_year=fiscal_year, kind=kind).exists():
            continue
        subplan = services.create_subplan(
            province,
            kind=kind,
            fiscal_year=fiscal_year,
            title=title,
            objective=objective,
            acting_user=None,
        )
        counts["subplans"] += 1
        for number, (name, start, end, budget, indicator, target) in enumerate(activities):
            people = [staff[(index + number + k) % len(staff)] for k in range(2)] if staff else []
            services.add_activity(
                subplan,
                acting_user=None,
                name=name,
                period_start=date(*start),
                period_end=date(*end),
                responsible=list(dict.fromkeys(people)),
                budget=Decimal(budget),
                indicator=indicator,
                target=target,
                plan_activity=subplan.plan_activity,
            )
            counts["activities"] += 1
        services.issue(subplan, acting_user=None)
    return counts
