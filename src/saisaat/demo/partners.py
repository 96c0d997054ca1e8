"""The demo network partners, MOUs and joint activities."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from saisaat.orgs.models import Unit
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

# (name, partner type code, contact)
_PROVINCE_PARTNERS = [
    ("ที่ทำการปกครองจังหวัดหนองคาย", "government", "ฝ่ายอำนวยการ โทร. 0 4241 1000"),
    ("องค์การบริหารส่วนตำบลหาดคำ", "government", "สำนักปลัด อบต."),
    ("สำนักงานพระพุทธศาสนาจังหวัดหนองคาย", "religious", "กลุ่มส่งเสริมพระพุทธศาสนา"),
    ("วัดโพธิ์ชัย พระอารามหลวง", "religious", ""),
    ("มหาวิทยาลัยขอนแก่น วิทยาเขตหนองคาย", "academic", "คณะบริหารธุรกิจและการบัญชี"),
    ("ชมรมผู้นำอาสาพัฒนาชุมชน (ผู้นำ อช.) จังหวัดหนองคาย", "community", "ประธานชมรม"),
    ("บริษัทประชารัฐรักสามัคคีหนองคาย (วิสาหกิจเพื่อสังคม) จำกัด", "private", ""),
    ("ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร สาขาหนองคาย", "private", ""),
]

# (title, days after the fiscal year starts, parties)
_PROVINCE_MOUS = [
    (
        "บันทึกข้อตกลงความร่วมมือขับเคลื่อนองค์กรคุณธรรมและความโปร่งใส",
        75,
        ["ที่ทำการปกครองจังหวัดหนองคาย", "สำนักงานพระพุทธศาสนาจังหวัดหนองคาย"],
    ),
    (
        "บันทึกข้อตกลงความร่วมมือทางวิชาการด้านการพัฒนาชุมชนอย่างโปร่งใส",
        128,
        ["มหาวิทยาลัยขอนแก่น วิทยาเขตหนองคาย"],
    ),
]

_PROVINCE_JOINT_ACTIVITIES = [
    (
        "จิตอาสาพัฒนาชุมชนคุณธรรม ร่วมกับผู้นำ อช. และ อบต.",
        160,
        [
            "ชมรมผู้นำอาสาพัฒนาชุมชน (ผู้นำ อช.) จังหวัดหนองคาย",
            "องค์การบริหารส่วนตำบลหาดคำ",
        ],
    ),
    (
        "ตลาดนัดผลิตภัณฑ์ชุมชนโปร่งใส ไร้ทุจริต",
        250,
        ["บริษัทประชารัฐรักสามัคคีหนองคาย (วิสาหกิจเพื่อสังคม) จำกัด"],
    ),
]

_DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _district_name(unit: Unit) -> str:
    return unit.name_th.removeprefix("สำนักงานพัฒนาชุมชน").removeprefix("อำเภอ")


def _partner(unit: Unit, name: str, type_code: str, contact: str = "") -> tuple[Partner, bool]:
    return Partner.objects.get_or_create(
        unit=unit,
        name=name,
        defaults={"partner_type": PartnerType.objects.get(code=type_code), "contact": contact},
    )


def _mou(unit, title, signed_on, partners) -> tuple[MemorandumOfUnderstanding, bool]:
    mou, created = MemorandumOfUnderstanding.objects.get_or_create(
        unit=unit,
        title=title,
        fiscal_year=fiscal_year_of(signed_on),
        defaults={"signed_on": signed_on},
    )
    if created:
        mou.partners.set(partners)
    return mou, created


def _joint(unit, title, held_on, partners) -> tuple[JointActivity, bool]:
    activity, created = JointActivity.objects.get_or_create(
        unit=unit, title=title, fiscal_year=fiscal_year_of(held_on), defaults={"held_on": held_on}
    )
    if created:
        activity.partners.set(partners)
    return activity, created


@transaction.atomic
def seed_partners_demo(province: Unit, fiscal_year: int) -> dict:
    """Partners of the province over five types, two MOUs covering three of them and two
    joint activities; each district office has two partners, and every other district
    engages only one type, below the target of two. Running it again changes nothing."""
    start = fiscal_year_bounds(fiscal_year)[0]
    counts = {"partners": 0, "mous": 0, "joint_activities": 0}

    by_name = {}
    for name, type_code, contact in _PROVINCE_PARTNERS:
        by_name[name], created = _partner(province, name, type_code, contact)
        counts["partners"] += created
    for index, (title, offset, names) in enumerate(_PROVINCE_MOUS):
        mou, created = _mou(
            province, title, start + timedelta(days=offset), [by_name[n] for n in names]
        )
        counts["mous"] += created
        if created and index == 0:
            mou.file.save("mou.pdf", ContentFile(_DEMO_PDF), save=True)
    for title, offset, names in _PROVINCE_JOINT_ACTIVITIES:
        created = _joint(
            province, title, start + timedelta(days=offset), [by_name[n] for n in names]
        )[1]
        counts["joint_activities"] += created

    districts = province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code")
    for index, district in enumerate(districts):
        place = _district_name(district)
        office, created_office = _partner(district, f"ที่ว่าการอำเภอ{place}", "government")
        network, created_network = _partner(
            district, f"เครือข่ายกลุ่มออมทรัพย์เพื่อการผลิตอำเภอ{place}", "community"
        )
        counts["partners"] += created_office + created_network
        partners = [office] if index % 2 else [office, network]
        created = _joint(
            district,
            f"ประชุมประชาคมโปร่งใสอำเภอ{place}",
            start + timedelta(days=100 + 7 * index),
            partners,
        )[1]
        counts["joint_activities"] += created
    return counts
