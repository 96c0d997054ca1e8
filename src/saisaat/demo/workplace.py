"""The demo workplace-environment activities (the 5S plan's quarterly days, waste sorting
and No foam), publication channels and the register of awards and letters of thanks, so
that plan items 2.1.4, 2.2.1, 3.2.3 and 2.3.3 show records in the indicators and the
checklist."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from saisaat.demo.activities import _demo_creator
from saisaat.orgs.models import Unit
from saisaat.participation.models import EnvironmentActivity, PublicationChannel, Recognition
from saisaat.participation.services import recognitions, workplace
from saisaat.plans.checklist import RECOGNITION
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year_bounds

# (topic, title, month, day): the province and the first district keep every quarter and
# both named topics; the second misses a quarter and No foam; the others hold one 5S day.
_FULL = [
    ("five_s", "Big Cleaning Day ตามหลัก ๕ ส ไตรมาสที่ ๒", 1, 27),
    ("waste", "คัดแยกขยะมูลฝอยในสำนักงาน ธนาคารขยะ", 2, 10),
    ("no_foam", "รณรงค์ ลด ละ เลิก การใช้โฟมบรรจุอาหาร (No foam)", 3, 8),
    ("five_s", "Big Cleaning Day ตามหลัก ๕ ส ไตรมาสที่ ๓", 4, 28),
    ("five_s", "Big Cleaning Day ตามหลัก ๕ ส ไตรมาสที่ ๔", 7, 28),
]
_PARTLY = [
    ("five_s", "กิจกรรม ๕ ส ทำความสะอาดสำนักงาน", 1, 25),
    ("waste", "แยกขวดพลาสติกและกระดาษเพื่อรีไซเคิล", 2, 20),
    ("five_s", "กิจกรรม ๕ ส จัดเก็บเอกสาร", 5, 10),
]
_ONE = [("five_s", "กิจกรรม ๕ ส ประจำไตรมาส", 1, 30)]


def _plan_activity(province, fiscal_year, dimension, measure, position):
    return (
        Activity.objects.active()
        .common()
        .filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            measure__dimension__number=dimension,
            measure__number=measure,
            position=position,
        )
        .first()
    )


@transaction.atomic
def seed_workplace_demo(province: Unit, fiscal_year: int) -> dict:
    """Activities and channels up to today, through the services. Idempotent."""
    result = {"environment_activities": 0, "publication_channels": 0, "recognitions": 0}
    creator = _demo_creator(province)
    if creator is None:
        return result
    today = timezone.localdate()
    start = fiscal_year_bounds(fiscal_year)[0]

    def day(month, dom):
        return date(start.year if month >= 10 else start.year + 1, month, dom)

    five_s = _plan_activity(province, fiscal_year, 2, 1, 4)
    topics = _plan_activity(province, fiscal_year, 2, 2, 1)
    channels = _plan_activity(province, fiscal_year, 3, 2, 3)
    districts = list(province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"))
    plans = [(province, _FULL)] + [
        (district, _FULL if n == 0 else _PARTLY if n == 1 else _ONE)
        for n, district in enumerate(districts)
    ]
    for unit, spec in plans:
        for topic, title, month, dom in spec:
            held_on = day(month, dom)
            if held_on > today or EnvironmentActivity.objects.filter(
                unit=unit, title=title, held_on=held_on
            ):
                continue
            workplace.create_environment_activity(
                unit,
                topic=topic,
                title=title,
                held_on=held_on,
                participants=12 if unit.kind == Unit.Kind.DISTRICT else 45,
                plan_activity=five_s if topic == "five_s" else topics,
                acting_user=creator,
            )
            result["environment_activities"] += 1
    # Every office but the last district has a Facebook page; the province a website too.
    pages = [(province, "website", "เว็บไซต์สำนักงานพัฒนาชุมชนจังหวัด", day(10, 1))]
    pages += [
        (unit, "facebook", f"เพจเฟซบุ๊ก {unit.short_name_th or unit.name_th}", day(1, 10))
        for unit in [province, *districts[:-1]]
    ]
    for unit, medium, name, opened_on in pages:
        if opened_on > today or PublicationChannel.objects.filter(unit=unit, name=name):
            continue
        workplace.create_channel(
            unit,
            medium=medium,
            name=name,
            opened_on=opened_on,
            plan_activity=channels,
            acting_user=creator,
        )
        result["publication_channels"] += 1
    # Thanks for the office's service (2.3.3): the province and the first two districts.
    service_awards = (
        Activity.objects.active()
        .common()
        .filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            measure__dimension__number=2,
            requirements__kind=RECOGNITION,
        )
        .first()
    )
    letters = [
        (province, "award", "รางวัลหน่วยงานให้บริการประชาชนดีเด่น", "จังหวัดหนองคาย", day(3, 15)),
        (province, "thanks", "หนังสือขอบคุณการอำนวยความสะดวก", "ศาลากลางจังหวัดหนองคาย", day(2, 2)),
    ] + [
        (
            unit,
            "thanks",
            "หนังสือขอบคุณการให้บริการ",
            "ที่ว่าการอำเภอ" + unit.name_th.removeprefix("สำนักงานพัฒนาชุมชนอำเภอ"),
            day(4, 5),
        )
        for unit in districts[:2]
    ]
    for unit, kind, title, given_by, received_on in letters:
        if received_on > today or Recognition.objects.filter(unit=unit, title=title):
            continue
        recognitions.create_recognition(
            unit,
            kind=kind,
            title=title,
            given_by=given_by,
            received_on=received_on,
            plan_activity=service_awards,
            acting_user=creator,
        )
        result["recognitions"] += 1
    return result
