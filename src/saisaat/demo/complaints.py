"""Demo complaints for the demo province: channels everywhere, a designated complaint
officer, and about 25 complaints over the fiscal year in every state."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from saisaat.complaints import services
from saisaat.complaints.models import Channel, Complaint, ComplaintOfficer
from saisaat.complaints.models.complaints import CODE_ALPHABET, CODE_LENGTH, DIRECTORS
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.thai.calendar import fiscal_year_bounds

DEMO_OFFICER = (
    "officer"  # the provincial coordination officer; the plan gives complaints to กลุ่มงานประสาน
)

PROVINCE_CONTACTS = {
    Channel.Medium.PHONE: "0 4241 1577 ในเวลาราชการ",
    Channel.Medium.LETTER: "ศาลากลางจังหวัดหนองคาย ชั้น 3 ถนนมีชัย อำเภอเมืองหนองคาย 43000",
    Channel.Medium.WALK_IN: "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย วันจันทร์–ศุกร์ 08.30–16.30 น.",
    Channel.Medium.BOX: "หน้าห้องประชาสัมพันธ์ สำนักงานพัฒนาชุมชนจังหวัด",
    Channel.Medium.EMAIL: "nongkhai@cdd.invalid",
    Channel.Medium.SOCIAL_MEDIA: "เพจ สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
}

# (category, medium, text, location, final status, routed to the n-th district or None)
STORIES = [
    (
        "service",
        "phone",
        "ขอทราบขั้นตอนการกู้ยืมเงินกองทุนพัฒนาบทบาทสตรี รอเจ้าหน้าที่ติดต่อกลับนานเกิน 2 สัปดาห์",
        "ตำบลหาดคำ",
        "resolved",
        None,
    ),
    (
        "service",
        "walk_in",
        "ได้รับแจ้งผลการคัดเลือกผลิตภัณฑ์ OTOP ล่าช้ากว่าที่ประกาศไว้",
        "อำเภอท่าบ่อ",
        "resolved",
        1,
    ),
    (
        "misconduct",
        "letter",
        "เจ้าหน้าที่เรียกรับเงินค่าดำเนินการจดทะเบียนกลุ่มอาชีพ ทั้งที่ไม่มีค่าธรรมเนียม",
        "อำเภอโพนพิสัย",
        "investigating",
        None,
    ),
    (
        "general",
        "social_media",
        "ขอให้ประชาสัมพันธ์กำหนดการอบรมอาชีพให้ทั่วถึงมากกว่านี้",
        "",
        "resolved",
        None,
    ),
    ("service", "website", "ระบบลงทะเบียนงานตลาดนัดชุมชนปิดก่อนเวลาที่ประกาศ", "", "resolved", None),
    (
        "general",
        "box",
        "ที่จอดรถหน้าสำนักงานไม่เพียงพอในวันประชุมกองทุนหมู่บ้าน",
        "สำนักงานพัฒนาชุมชนจังหวัด",
        "unsubstantiated",
        None,
    ),
    (
        "service",
        "email",
        "เอกสารรับรองผลการตรวจสุขภาพกองทุนหมู่บ้านสะกดชื่อกองทุนผิด",
        "อำเภอศรีเชียงใหม่",
        "resolved",
        3,
    ),
    (
        "misconduct",
        "website",
        "ผู้นำกลุ่มอ้างชื่อเจ้าหน้าที่พัฒนาชุมชนเพื่อเก็บเงินสมาชิก",
        "ตำบลโพธิ์ชัย",
        "forwarded",
        None,
    ),
    ("service", "phone", "โทรศัพท์ติดต่อสำนักงานช่วงพักเที่ยงไม่มีผู้รับสาย", "", "resolved", None),
    (
        "general",
        "walk_in",
        "ขอให้จัดอบรมการทำบัญชีครัวเรือนในหมู่บ้านที่ยังไม่เคยได้รับการอบรม",
        "อำเภอสังคม",
        "resolved",
        4,
    ),
    (
        "service",
        "letter",
        "การตรวจเยี่ยมกลุ่มออมทรัพย์เพื่อการผลิตไม่เป็นไปตามนัดหมาย",
        "อำเภอเฝ้าไร่",
        "acknowledged",
        5,
    ),
    (
        "service",
        "website",
        "ขอเอกสารหลักฐานการจ่ายเงินอุดหนุนโครงการแล้วยังไม่ได้รับ",
        "",
        "investigating",
        None,
    ),
    ("misconduct", "box", "เจ้าหน้าที่ใช้รถราชการไปธุระส่วนตัวในวันหยุด", "", "unsubstantiated", None),
    (
        "general",
        "social_media",
        "ขอบคุณและเสนอแนะให้มีการจัดงานแสดงสินค้าชุมชนบ่อยขึ้น",
        "",
        "resolved",
        None,
    ),
    (
        "service",
        "phone",
        "ผลการคัดเลือกหมู่บ้านเศรษฐกิจพอเพียงไม่ได้แจ้งให้หมู่บ้านทราบ",
        "อำเภอรัตนวาปี",
        "received",
        6,
    ),
    (
        "service",
        "walk_in",
        "ขั้นตอนการยื่นขอรับการสนับสนุนกองทุนชุมชนซับซ้อน ขอให้มีเอกสารแนะนำ",
        "",
        "resolved",
        None,
    ),
    ("general", "email", "เว็บไซต์สำนักงานแสดงข้อมูลเบอร์โทรศัพท์เก่า", "", "resolved", None),
    (
        "misconduct",
        "phone",
        "มีการจัดซื้อวัสดุอบรมจากร้านของญาติเจ้าหน้าที่",
        "อำเภอเมืองหนองคาย",
        "acknowledged",
        None,
    ),
    ("service", "website", "ไม่ได้รับใบประกาศนียบัตรหลังการอบรมอาชีพ", "อำเภอโพธิ์ตาก", "investigating", 7),
    ("general", "box", "ขอให้ติดป้ายบอกทางไปห้องประชุมให้ชัดเจน", "", "received", None),
    ("service", "letter", "การคืนเงินสัจจะสะสมของสมาชิกที่ลาออกล่าช้า", "อำเภอสระใคร", "received", 8),
    ("service", "social_media", "เจ้าหน้าที่ตอบข้อความในเพจช้า", "", "acknowledged", None),
    ("general", "walk_in", "ขอข้อมูลสถิติผู้ประกอบการ OTOP ของอำเภอเพื่อทำรายงาน", "", "forwarded", None),
    ("service", "website", "แบบฟอร์มสมัครเข้าร่วมโครงการดาวน์โหลดไม่ได้", "", "received", None),
    ("misconduct", "website", "เจ้าหน้าที่ไม่มาปฏิบัติงานแต่ลงชื่อครบ", "", "received", None),
]

# The path to each final status.
PATHS = {
    "received": [],
    "acknowledged": ["acknowledged"],
    "investigating": ["acknowledged", "investigating"],
    "resolved": ["acknowledged", "investigating", "resolved"],
    "unsubstantiated": ["acknowledged", "investigating", "unsubstantiated"],
    "forwarded": ["acknowledged", "forwarded"],
}

PUBLIC_MESSAGES = {
    "acknowledged": "สำนักงานได้รับเรื่องของท่านแล้ว และจะดำเนินการตรวจสอบ",
    "investigating": "อยู่ระหว่างตรวจสอบข้อเท็จจริง",
    "resolved": "ดำเนินการแก้ไขเรียบร้อยแล้ว ขอบคุณที่แจ้งให้ทราบ",
    "unsubstantiated": "ตรวจสอบแล้วไม่พบข้อเท็จจริงตามที่ร้องเรียน",
    "forwarded": "ส่งเรื่องให้หน่วยงานที่รับผิดชอบโดยตรงดำเนินการแล้ว",
}


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


@transaction.atomic
def seed_complaints_demo(province: Unit, fiscal_year: int) -> dict:
    """Idempotent: channels, officer and complaints are found again on a second run."""
    districts = list(Unit.objects.filter(parent=province).order_by("code"))
    channels_created = 0
    for unit in [province, *districts]:
        channels_created += len(services.ensure_standard_channels(unit))
    for medium, contact in PROVINCE_CONTACTS.items():
        province.complaint_channels.filter(medium=medium, how_to_reach="").update(
            how_to_reach=contact
        )

    # The offices set their channels up early in the demo year, so that the complaint
    # channels indicator (counted as on a date) finds them in the year's window.
    first_day, last_day = fiscal_year_bounds(fiscal_year)
    set_up_at = datetime.combine(
        first_day + timedelta(days=45), time(9), timezone.get_current_timezone()
    )
    Channel.objects.filter(unit__in=[province, *districts], created_at__gt=set_up_at).update(
        created_at=set_up_at
    )

    officer = _user(DEMO_OFFICER)
    director = _user("director") or User.objects.filter(DIRECTORS, unit=province).first()
    if officer and officer.unit_id == province.pk:
        ComplaintOfficer.objects.get_or_create(
            unit=province,
            user=officer,
            defaults={"designated_by": director, "status": ComplaintOfficer.Status.CONFIRMED},
        )
    handler = officer or director

    first_day, last_day = fiscal_year_bounds(fiscal_year)
    today = min(timezone.localdate(), last_day + timedelta(days=60))
    span = (min(last_day, today) - first_day).days
    channels = {
        (c.unit_id, c.medium): c for c in Channel.objects.filter(unit__in=[province, *districts])
    }
    # Only a staff record linked to an account can be named in a complaint.
    staff = list(
        StaffMember.objects.filter(unit=province, is_active=True, user__isnull=False).exclude(
            user=handler
        )
    )
    created = 0
    tz = timezone.get_current_timezone()
    for index, (category, medium, text, place, final, district_n) in enumerate(STORIES):
        # One generator per story, so a second run finds the same codes.
        story_rng = random.Random(f"complaint-{province.code}-{fiscal_year}-{index}")
        code = "".join(story_rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        day = first_day + timedelta(days=int(span * (index + 0.5) / len(STORIES)))
        received_at = datetime.combine(day, time(9 + index % 7, 10 * (index % 6)), tz)
        if Complaint.objects.filter(tracking_code=code).exists():
            continue
        identity = None
        if index % 3 == 1:
            identity = services.Identity(
                name=f"ผู้ร้องเรียนตัวอย่าง {index + 1}", phone=f"08{index:02d}000{index:03d}"
            )
        complaint = services.submit_complaint(
            category=category,
            description=text,
            reported_unit=province,
            channel=channels.get((province.pk, medium)),
            medium=medium,
            location=place,
            identity=identity,
            received_at=received_at,
            recorded_by=None if medium == "website" else handler,
            persons_concerned=[staff[index % len(staff)]]
            if category == "misconduct" and staff
            else (),
        )
        Complaint.objects.filter(pk=complaint.pk).update(tracking_code=code)
        complaint.tracking_code = code
        if district_n is not None and district_n <= len(districts) and handler:
            services.route_complaint(
                complaint,
                districts[district_n - 1],
                acting_user=handler,
                note="มอบสำนักงานพัฒนาชุมชนอำเภอดำเนินการ",
            )
        when = received_at
        for step in PATHS[final]:
            when += timedelta(days=story_rng.randint(2, 12), hours=story_rng.randint(0, 6))
            if when.date() > today:
                break
            services.change_status(
                complaint,
                step,
                acting_user=handler,
                note="บันทึกภายใน: ประสานผู้เกี่ยวข้องแล้ว" if step == "investigating" else "",
                public_message=PUBLIC_MESSAGES[step],
                forwarded_to="ศูนย์ดำรงธรรมจังหวัดหนองคาย" if step == "forwarded" else "",
                when=when,
            )
        created += 1
    return {
        "channels": channels_created,
        "complaints": created,
        "complaint_officer": officer.username if officer else None,
    }
