"""The demo OSMKH workshop (project item 4.4) with its attendance, and the FY2566
moral-organisation self-assessment of the province and its nine district offices.

Each office's committee (its head and one officer) took the suggestion of the live
figures on the items the records measure and judged the others on the office's evidence;
a fixed table of totals spreads the levels reached (some องค์กรส่งเสริมคุณธรรม, some
องค์กรคุณธรรม, one องค์กรคุณธรรมต้นแบบ), so every seed gives the same result."""

from datetime import date

from django.db import transaction

from saisaat.assessments import moral, services
from saisaat.assessments.models import Framework, Round
from saisaat.demo.activities import _demo_creator
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import Attendance, OfficeActivity
from saisaat.participation.services.activities import record_attendance

WORKSHOP_TITLE = (
    "ประชุมเชิงปฏิบัติการรวมพลังสร้างความโปร่งใส รวมใจสร้างความใสสะอาด ป้องกันการทุจริต ภายใต้โมเดล OSMKH"
)
WORKSHOP_DAY = date(2023, 1, 25)
# The share of each office's staff at the workshop (the rest were on duty).
WORKSHOP_SHARE = {"43": 0.9, "4305": 1.0, "4315": 0.5, "4316": 0.6}
WORKSHOP_DEFAULT_SHARE = 0.8

ROUND_TITLE = "การประเมินตนเององค์กรคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
# The total each office's committee arrived at (out of 22).
TOTALS = {
    "43": 18,
    "4301": 17,
    "4302": 15,
    "4305": 21,
    "4307": 13,
    "4308": 17,
    "4314": 12,
    "4315": 16,
    "4316": 11,
    "4317": 18,
}


@transaction.atomic
def seed_workshop_demo(province: Unit, fiscal_year: int) -> dict:
    """The province's OSMKH workshop for the staff of every office, with its attendance.
    Idempotent."""
    creator = _demo_creator(province)
    if creator is None:
        return {"workshops": 0, "attendance_created": 0}
    workshop, created = OfficeActivity.objects.get_or_create(
        unit=province,
        title=WORKSHOP_TITLE,
        held_on=WORKSHOP_DAY,
        defaults={
            "fiscal_year": fiscal_year,
            "place": "ห้องประชุมศาลากลางจังหวัดหนองคาย",
            "is_moral_organisation": False,
            "is_osmkh_workshop": True,
            "checkin_open": False,
            "created_by": creator,
        },
    )
    added = 0
    for office in [province, *province.children.order_by("code")]:
        staff = list(StaffMember.objects.active().filter(unit=office).order_by("pk"))
        share = WORKSHOP_SHARE.get(office.code, WORKSHOP_DEFAULT_SHARE)
        added += record_attendance(
            workshop, staff[: round(len(staff) * share)], method=Attendance.Method.LIST
        )
    return {"workshops": int(created), "attendance_created": added}


def _committee(office: Unit) -> list[User]:
    head = (
        User.objects.filter(
            unit=office, role=User.Role.APPROVER, work_group__isnull=True, is_active=True
        )
        .order_by("pk")
        .first()
    )
    officer = (
        User.objects.filter(unit=office, role=User.Role.OFFICER, is_active=True)
        .order_by("pk")
        .first()
    )
    return [user for user in (head, officer) if user is not None]


def _item_points(criteria, suggested: dict, total: int) -> dict:
    """Each item's points: the suggestion where there is one, then points added one at a
    time to the items judged on evidence (then to the measured ones) up to ``total``."""
    points = {c.pk: int(suggested[c.pk]) if suggested[c.pk] is not None else 0 for c in criteria}
    order = [c for c in criteria if suggested[c.pk] is None] + [
        c for c in criteria if suggested[c.pk] is not None
    ]
    while sum(points.values()) < total:
        room = [c for c in order if points[c.pk] < c.max_points]
        if not room:
            break
        # The item with the fewest points so far, in the form's order.
        chosen = min(room, key=lambda c: points[c.pk])
        points[chosen.pk] += 1
    return points


@transaction.atomic
def seed_moral_demo(province: Unit, fiscal_year: int) -> dict:
    """The FY2566 self-assessment of every office, scored, closed and published.
    Idempotent."""
    framework = moral.ensure_moral_framework()
    result = {"self_assessments": 0, "scores": 0}
    criteria = services.criteria_of(framework)
    for office in [province, *province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code")]:
        taken = Round.objects.filter(
            framework__kind=Framework.Kind.MORAL, unit=office, fiscal_year=fiscal_year
        ).exists()
        committee = _committee(office)
        if taken or not committee:
            continue
        round_ = services.create_round(
            framework,
            office,
            fiscal_year=fiscal_year,
            title=ROUND_TITLE,
            opens_on=date(2023, 7, 1),
            closes_on=date(2023, 7, 31),
            assessed_units=[office],
            assessors=committee,
        )
        services.open_round(round_)
        suggested = {c.pk: services.suggested_points(c, office, fiscal_year) for c in criteria}
        points = _item_points(criteria, suggested, TOTALS.get(office.code, 14))
        for criterion in criteria:
            level = next(lv for lv in criterion.levels.all() if lv.points == points[criterion.pk])
            for assessor in committee:
                services.record_score(
                    round_,
                    office,
                    criterion,
                    assessor=assessor,
                    level=level,
                    comment="" if suggested[criterion.pk] is None else "ตามข้อมูลในระบบ",
                )
                result["scores"] += 1
        services.close_round(round_)
        services.publish_round(round_)
        result["self_assessments"] += 1
    return result
