"""The demo declarations and their acknowledgements."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import Acknowledgement, Declaration, DeclarationVersion
from saisaat.participation.services.declarations import (
    _normalise,
    audience_of,
    current_version,
    publish_declaration,
)
from saisaat.thai.calendar import to_common_year

MORAL_DECLARATION_TEXT = """ประกาศเจตนารมณ์ องค์กรคุณธรรม
สำนักงานพัฒนาชุมชนจังหวัดหนองคาย

ข้าพเจ้า ผู้บริหารและบุคลากรสำนักงานพัฒนาชุมชนจังหวัดหนองคาย และสำนักงานพัฒนาชุมชนอำเภอทุกอำเภอ \
ขอประกาศเจตนารมณ์ร่วมกันว่าจะขับเคลื่อน "พช.หนองคาย มุ่งสู่องค์กรคุณธรรม" \
โดยยึดมั่นในคุณธรรมเป้าหมาย ๕ ประการ คือ พอเพียง วินัย สุจริต จิตอาสา และกตัญญู ดังนี้

๑. พอเพียง ดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง ใช้ทรัพยากรของทางราชการอย่างประหยัดและคุ้มค่า
๒. วินัย เคารพกฎระเบียบของทางราชการ ตรงต่อเวลา และรับผิดชอบต่อหน้าที่ที่ได้รับมอบหมาย
๓. สุจริต ปฏิบัติหน้าที่ด้วยความซื่อสัตย์ โปร่งใส ตรวจสอบได้ ไม่แสวงหาประโยชน์โดยมิชอบ
๔. จิตอาสา เสียสละ ร่วมกิจกรรมสาธารณประโยชน์เพื่อส่วนรวมและชุมชน
๕. กตัญญู ระลึกถึงพระมหากรุณาธิคุณ และตอบแทนคุณองค์กร ผู้บังคับบัญชา และผู้มีพระคุณ

ประกาศ ณ วันที่ ๒๐ มกราคม พ.ศ. ๒๕๖๖
พัฒนาการจังหวัดหนองคาย"""

OSMKH_PLEDGE_TEXT = """พันธสัญญานโยบายการทำงานของพัฒนาการจังหวัดหนองคาย
"พช.หนองคาย มุ่งสู่องค์กรคุณธรรม นำความรู้ สู่ความสุข"
ภายใต้โมเดล "ระเบียบครบ ระบบดี มีคุณธรรม นำความรู้ สู่ความสุข" \
(Order System Moral Knowledge And Happiness : OSMKH)

ข้าพเจ้าในฐานะผู้อำนวยการกลุ่มงาน/พัฒนาการอำเภอ ขอตั้งสัตย์ปฏิญาณว่า
๑. จะยึดมั่นหลักการปฏิบัติงานตามนโยบายของพัฒนาการจังหวัดหนองคาย
๒. จะปฏิบัติงานให้ถูกต้องตามระเบียบ (Order) และมีระบบงานที่ดี (System)
๓. จะเป็นแบบอย่างที่ดีด้านคุณธรรมจริยธรรม (Moral) แก่บุคลากรในสังกัด
๔. จะแสวงหาและถ่ายทอดความรู้ (Knowledge) เพื่อพัฒนางานและชุมชน
๕. จะสร้างบรรยากาศการทำงานที่มีความสุข (Happiness) ในหน่วยงาน"""

NO_GIFT_TEXT_V1 = """ประกาศสำนักงานพัฒนาชุมชนจังหวัดหนองคาย
เรื่อง นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)

สำนักงานพัฒนาชุมชนจังหวัดหนองคายประกาศนโยบาย "งดรับ งดให้" ดังนี้
๑. ผู้บริหารและบุคลากรทุกคนจะไม่รับของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ
๒. ขอความร่วมมือผู้มีส่วนได้ส่วนเสียงดการให้ของขวัญแก่บุคลากรในทุกเทศกาล"""

NO_GIFT_TEXT_V2 = """ประกาศสำนักงานพัฒนาชุมชนจังหวัดหนองคาย
เรื่อง นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy)

สำนักงานพัฒนาชุมชนจังหวัดหนองคายประกาศนโยบาย "งดรับ งดให้" ดังนี้
๑. ผู้บริหารและบุคลากรทุกคนจะไม่รับของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากผู้มาติดต่อราชการ
๒. ขอความร่วมมือผู้มีส่วนได้ส่วนเสียงดการให้ของขวัญแก่บุคลากรในทุกเทศกาล
๓. หากมีความจำเป็นต้องรับตามธรรมจรรยา ให้รายงานผู้บังคับบัญชาตามระเบียบ ป.ป.ช. ว่าด้วยการรับทรัพย์สินฯ
ประกาศ ณ วันที่ ๑๙ ธันวาคม พ.ศ. ๒๕๖๕"""

# Share of each district office's staff who acknowledge the moral declaration, by the
# district's place in code order: all above 80 % but the sixth.
DISTRICT_ACK_SHARES = [1.0, 0.8, 1.0, 0.8, 1.0, 0.6, 0.8, 1.0, 0.8]
PROVINCIAL_ACK_SHARE = 0.85


def _moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _demo_declaration(province, fiscal_year, kind, title, audience, versions, admin):
    """The declaration with its versions [(text, published on)], created if missing."""
    declaration = Declaration.objects.filter(
        unit=province, fiscal_year=fiscal_year, kind=kind
    ).first()
    created = declaration is None
    if created:
        text, day = versions[0]
        declaration = publish_declaration(
            province,
            kind=kind,
            title=title,
            audience=audience,
            fiscal_year=fiscal_year,
            text=text,
            acting_user=admin,
            published_at=_moment(day, 9),
        )
    existing = set(declaration.versions.values_list("number", flat=True))
    for number, (text, day) in enumerate(versions, start=1):
        if number not in existing:
            DeclarationVersion.objects.create(
                declaration=declaration,
                number=number,
                text=_normalise(text),
                published_at=_moment(day, 9),
                published_by=admin,
            )
    return declaration, created


def _demo_acknowledge(version, people, admin, first_day) -> int:
    """Acknowledgements spread over the weeks after publication; every third person
    signed the paper sheet, which the administrator recorded."""
    made = 0
    for i, person in enumerate(people):
        in_app = person.user_id is not None and i % 3 != 2
        _, was_created = Acknowledgement.objects.get_or_create(
            version=version,
            staff=person,
            defaults={
                "acknowledged_at": _moment(first_day + timedelta(days=1 + i % 21), 9 + i % 7),
                "recorded_by_id": person.user_id if in_app else admin.pk,
            },
        )
        made += was_created
    return made


@transaction.atomic
def seed_declarations_demo(province: Unit, fiscal_year: int) -> dict:
    """The province's moral-organisation declaration (about 85 % of the provincial staff
    and most districts acknowledged, one district below 80 %), the OSMKH pledge of its
    leaders and the No Gift policy (two versions, about 60 % on the current one).
    Running it again changes nothing."""
    admin = (
        User.objects.filter(username="admin").first()
        or User.objects.filter(unit=province, role=User.Role.ADMINISTRATOR).first()
        or User.objects.filter(is_superuser=True).first()
    )
    if admin is None:
        raise ValueError("The demo needs an administrator account to publish declarations.")
    year = to_common_year(fiscal_year)  # the calendar year the fiscal year ends in
    moral, moral_new = _demo_declaration(
        province,
        fiscal_year,
        Declaration.Kind.MORAL_DECLARATION,
        "ประกาศเจตนารมณ์ องค์กรคุณธรรม สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
        Declaration.Audience.ALL_STAFF,
        [(MORAL_DECLARATION_TEXT, date(year, 1, 20))],
        admin,
    )
    osmkh, osmkh_new = _demo_declaration(
        province,
        fiscal_year,
        Declaration.Kind.OSMKH_PLEDGE,
        "พันธสัญญา OSMKH ของผู้อำนวยการกลุ่มงานและพัฒนาการอำเภอ",
        Declaration.Audience.LEADERS,
        [(OSMKH_PLEDGE_TEXT, date(year - 1, 11, 15))],
        admin,
    )
    no_gift, no_gift_new = _demo_declaration(
        province,
        fiscal_year,
        Declaration.Kind.NO_GIFT,
        'นโยบายไม่รับของขวัญและของกำนัลทุกชนิด "งดรับ งดให้" (No Gift Policy)',
        Declaration.Audience.ALL_STAFF,
        [(NO_GIFT_TEXT_V1, date(year - 1, 12, 1)), (NO_GIFT_TEXT_V2, date(year - 1, 12, 19))],
        admin,
    )

    made = 0
    staff = list(audience_of(moral).order_by("pk"))
    by_unit: dict[int, list[StaffMember]] = {}
    for person in staff:
        by_unit.setdefault(person.unit_id, []).append(person)
    districts = list(Unit.objects.filter(parent=province).order_by("code"))
    chosen = by_unit.get(province.pk, [])
    chosen = chosen[: round(len(chosen) * PROVINCIAL_ACK_SHARE)]
    for index, district in enumerate(districts):
        people = by_unit.get(district.pk, [])
        share = DISTRICT_ACK_SHARES[index % len(DISTRICT_ACK_SHARES)]
        chosen += people[: round(len(people) * share)]
    made += _demo_acknowledge(current_version(moral), chosen, admin, date(year, 1, 20))

    leaders = list(audience_of(osmkh).order_by("pk"))
    made += _demo_acknowledge(
        current_version(osmkh),
        [p for i, p in enumerate(leaders) if i % 7 != 3],
        admin,
        date(year - 1, 11, 15),
    )

    everyone = list(audience_of(no_gift).order_by("pk"))
    first, second = no_gift.versions.order_by("number")[:2]
    # A few acknowledged the first wording and have not yet read the second.
    made += _demo_acknowledge(
        first, [p for i, p in enumerate(everyone) if i % 5 == 3], admin, date(year - 1, 12, 1)
    )
    made += _demo_acknowledge(
        second, [p for i, p in enumerate(everyone) if i % 5 < 3], admin, date(year - 1, 12, 19)
    )
    return {
        "declarations_created": moral_new + osmkh_new + no_gift_new,
        "acknowledgements_created": made,
        "declarations": [moral, osmkh, no_gift],
    }
