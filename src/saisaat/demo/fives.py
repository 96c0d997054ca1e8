"""The demo 5S inspections: the province's 5S checklist of three work areas and its FY2566
rounds of the first two quarters, in which two inspectors scored the province and its nine
district offices (the offices improving from one quarter to the next), with corrective
actions recorded on the first quarter's results before they were published: one (the
archive room of 4307) closed before the second quarter's results were published, one
(the meeting-room cleaning rota of 4316) still open and carried into it."""

from datetime import date

from django.db import transaction

from saisaat.assessments import fives, services
from saisaat.assessments.models import Criterion, Round
from saisaat.orgs.models import StaffMember, Unit, User

WORK_AREAS = ("ห้องทำงาน", "ห้องประชุม", "ห้องเก็บเอกสาร")
INSPECTORS = ("committee", "p43-strategy-02")
QUARTERS = (1, 2)
# Each office's points in the first quarter (0–5); the second adds one where it can.
BASE = {"43": 4, "4301": 4, "4302": 3, "4305": 4, "4307": 2, "4308": 3, "4316": 2}
SPREAD = (0, -1, 1, 0)
MEASURES = (
    "๑. ทุกคนสะสางโต๊ะทำงานและแฟ้มเอกสารของตนทุกวันศุกร์\n"
    "๒. ทำความสะอาดใหญ่ (Big Cleaning Day) ไตรมาสละ ๑ ครั้ง\n"
    "๓. คัดแยกขยะ ๔ ประเภท และงดใช้โฟมบรรจุอาหารในสำนักงาน\n"
    "๔. คณะทำงาน ๕ ส ตรวจประเมินทุกพื้นที่ไตรมาสละครั้ง และติดตามรายการปรับปรุงแก้ไข"
)


def _points(unit: Unit, quarter: int, k: int, a: int) -> int:
    base = BASE.get(unit.code, 3) + (quarter - 1)
    return min(max(base + SPREAD[(k + a + int(unit.code[-1])) % 4], 0), fives.MAX_POINTS)


@transaction.atomic
def seed_fives_demo(province: Unit, fiscal_year: int) -> dict:
    """Idempotent: nothing is added once the province has a 5S round of ``fiscal_year``."""
    if Round.objects.filter(framework__kind="5s", unit=province, fiscal_year=fiscal_year).exists():
        return {"rounds": 0, "scores": 0}
    if fives.checklist_of(province) is None:
        for name in WORK_AREAS:
            fives.add_work_area(province, name)
    inspectors = list(User.objects.filter(username__in=INSPECTORS).order_by("username"))
    rounds, scores, actions = [], 0, []
    for quarter in QUARTERS:
        round_ = fives.create_quarter_round(
            province, fiscal_year=fiscal_year, quarter=quarter, assessors=inspectors
        )
        services.open_round(round_)
        criteria = services.criteria_of(round_.framework)
        for unit in round_.assessed_units.order_by("code"):
            for k, criterion in enumerate(criteria):
                for a, inspector in enumerate(inspectors):
                    services.record_score(
                        round_,
                        unit,
                        criterion,
                        assessor=inspector,
                        points=_points(unit, quarter, k, a),
                    )
                    scores += 1
        services.close_round(round_)
        if quarter == 1:
            # The corrective actions on the first quarter's results, before publication.
            actions.extend(_record_actions(province, round_, inspectors[0]))
        services.publish_round(round_)
        if quarter == 1:
            for action, closed in actions:
                if closed:
                    fives.close_action(action, outcome="ดำเนินการแล้วเสร็จ")
        rounds.append(round_)
    members = list(StaffMember.objects.filter(unit=province, is_active=True).order_by("pk")[:5])
    if members:
        fives.save_programme(
            province,
            fiscal_year,
            measures=MEASURES,
            working_group=members,
            appointed_by="คำสั่งสำนักงานพัฒนาชุมชนจังหวัดหนองคาย ที่ ๑๕/๒๕๖๖",
        )
    return {"rounds": len(rounds), "scores": scores, "actions": len(actions)}


# Per district: the work area and the S the action is about, what is done, by whom, when,
# and whether it is closed before the second quarter's results.
ACTIONS = {
    "4307": (
        "ห้องเก็บเอกสาร",
        "ส1",
        "คัดแยกแฟ้มเอกสารที่หมดอายุการเก็บออกจากห้องเก็บเอกสาร และติดป้ายชั้นวาง",
        "เจ้าหน้าที่ธุรการ",
        date(2023, 1, 31),
        True,
    ),
    "4316": (
        "ห้องประชุม",
        "ส3",
        "จัดทำตารางเวรทำความสะอาดห้องประชุมและติดประกาศหน้าห้อง",
        "คณะทำงาน ๕ ส ของสำนักงาน",
        date(2023, 3, 15),
        False,
    ),
}


def _record_actions(province: Unit, round_: Round, inspector: User) -> list:
    """The demo's corrective actions on ``round_``, each on the criterion its text is about."""
    recorded = []
    for code, (area, s_code, text, who, due, closed) in ACTIONS.items():
        unit = Unit.objects.filter(code=code, parent=province).first()
        criterion = Criterion.objects.filter(
            section__framework_id=round_.framework_id,
            work_area__name=area,
            section__code=s_code,
        ).first()
        if unit is None or criterion is None:
            continue
        action = fives.record_action(
            round_,
            unit,
            criterion,
            action=text,
            responsible=who,
            due_on=due,
            acting_user=inspector,
        )
        recorded.append((action, closed))
    return recorded
