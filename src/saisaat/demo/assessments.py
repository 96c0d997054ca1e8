"""The demo OSMKH evaluation: the five-pillar framework of the province's project (items
4.1, 4.4 and 4.5 of the plan) and its FY2566 round, in which a committee of three scored
the nine district offices; the round is closed and its results published. The Knowledge
pillar is fed by the knowledge test (KPI 9.1) and by the attendance of the workshop
(item 4.4, see ``demo.moral``)."""

from datetime import date

from django.db import transaction

from saisaat.assessments import services
from saisaat.assessments.models import Criterion, Framework, Level, Round, Section
from saisaat.orgs.models import Unit, User

FRAMEWORK_CODE = "osmkh-nongkhai"
ROUND_TITLE = "การติดตาม ประเมินผล และคัดเลือกสำนักงานพัฒนาชุมชนอำเภอต้นแบบ ตามแนวทาง OSMKH"
TIE_BREAK = (
    "เมื่อคะแนนรวมเท่ากัน สำนักงานที่ได้คะแนนด้านระเบียบครบ (O) สูงกว่าได้ลำดับก่อน "
    "หากยังเท่ากัน พิจารณาด้านระบบดี (S) มีคุณธรรม (M) นำความรู้ (K) และสู่ความสุข (H) "
    "ตามลำดับ หากเท่ากันทุกด้าน ได้ลำดับร่วมกัน"
)
# The committee: the evaluation committee login and two provincial officers.
COMMITTEE = ("committee", "p43-strategy-02", "p43-coordination-03")
PASS_LEVELS = [("ยังไม่ดำเนินการ", 0), ("ดำเนินการบางขั้นตอน", 3), ("ครบทุกขั้นตอน", 5)]

# (code, title, description, [(code, title, guidance, scale, max, metric key, params)])
PILLARS = [
    (
        "O",
        "ระเบียบครบ (Order)",
        "ยึดระเบียบ คำสั่ง ข้อกฎหมาย แนวทางในการปฏิบัติงาน และทำงานด้วยความโปร่งใส สามารถตรวจสอบได้ทุกขั้นตอน",
        [
            (
                "O1",
                "ยึดระเบียบ คำสั่ง ข้อกฎหมาย และแนวทางในการปฏิบัติงาน",
                "ดูทะเบียนหนังสือสั่งการ แฟ้มระเบียบ และการปฏิบัติตามจริง",
                "points",
                5,
                "",
                {},
            ),
            (
                "O2",
                "ทำงานโปร่งใส ตรวจสอบได้ทุกขั้นตอน",
                "หลักฐานการปฏิบัติงานครบและค้นหาได้",
                "levels",
                5,
                "",
                {},
            ),
        ],
    ),
    (
        "S",
        "ระบบดี (System)",
        "วางแผนการดำเนินงาน ปฏิบัติงานตามแผน รายงานผลอย่างเป็นระบบ ติดตามและประเมินผล",
        [
            (
                "S1",
                "วางแผนการดำเนินงานและปฏิบัติงานตามแผน",
                "แผนปฏิบัติการของสำนักงานและความก้าวหน้าตามแผน",
                "points",
                5,
                "",
                {},
            ),
            (
                "S2",
                "รายงาน ติดตาม และประเมินผลการดำเนินงานอย่างเป็นระบบ",
                "รายงานผลตามรอบ และการนำผลการติดตามไปปรับปรุง",
                "points",
                5,
                "",
                {},
            ),
        ],
    ),
    (
        "M",
        "มีคุณธรรม (Moral)",
        "มีวินัย จรรยาข้าราชการ ซื่อสัตย์ สุจริต โปร่งใส ไม่เลือกปฏิบัติ ยึดค่านิยมองค์กร "
        "และหลักธรรมาภิบาล มุ่งสู่องค์กรคุณธรรม",
        [
            (
                "M1",
                "บุคลากรรับทราบประกาศเจตนารมณ์องค์กรคุณธรรม",
                "ข้อเสนอจากร้อยละของบุคลากรที่ลงนามรับทราบในระบบ",
                "points",
                5,
                "declaration_acknowledged",
                {"kind": "moral_declaration"},
            ),
            (
                "M2",
                "บุคลากรเข้าร่วมกิจกรรมส่งเสริมคุณธรรม",
                "ข้อเสนอจากร้อยละของบุคลากรที่ลงชื่อเข้าร่วมกิจกรรม",
                "points",
                5,
                "moral_activity_attendance",
                {},
            ),
            (
                "M3",
                "ซื่อสัตย์ สุจริต ไม่เลือกปฏิบัติ กล้ายืนหยัดในสิ่งที่ถูกต้อง",
                "สังเกตการให้บริการและข้อร้องเรียนของสำนักงาน",
                "points",
                5,
                "",
                {},
            ),
        ],
    ),
    (
        "K",
        "นำความรู้ (Knowledge)",
        "ศึกษาระเบียบ แนวทางการดำเนินงานพัฒนาชุมชน นำมาปรับใช้ ยึดหลักบูรณาการ "
        "และทำงานเป็นทีม มุ่งสู่องค์กรแห่งการเรียนรู้",
        [
            (
                "K1",
                "บุคลากรผ่านหลักสูตรต้านทุจริตศึกษา",
                "ข้อเสนอจากร้อยละของบุคลากรที่มีใบประกาศนียบัตรในปีงบประมาณ",
                "points",
                5,
                "staff_certified",
                {},
            ),
            (
                "K2",
                "นำความรู้ด้านระเบียบมาปรับใช้และทำงานเป็นทีม",
                "การแลกเปลี่ยนเรียนรู้ภายในสำนักงาน",
                "points",
                5,
                "",
                {},
            ),
            (
                "K3",
                "บุคลากรมีความรู้ความเข้าใจในระเบียบ ข้อกฎหมายและวิธีปฏิบัติ (ตัวชี้วัด ๙.๑)",
                "ข้อเสนอจากร้อยละของบุคลากรที่ผ่านแบบทดสอบความรู้ในปีงบประมาณ (ร้อยละ ๘๐ ได้คะแนนเต็ม)",
                "points",
                5,
                "knowledge_test_passed",
                {"target": 80},
            ),
            (
                "K4",
                "บุคลากรเข้าร่วมประชุมเชิงปฏิบัติการ OSMKH (ข้อ ๔.๔)",
                "ข้อเสนอจากร้อยละของบุคลากรที่ลงชื่อเข้าร่วมประชุมเชิงปฏิบัติการ (ร้อยละ ๘๐ ได้คะแนนเต็ม)",
                "points",
                5,
                "osmkh_workshop_attendance",
                {"target": 80},
            ),
        ],
    ),
    (
        "H",
        "สู่ความสุข (Happiness)",
        "สุขภาพดี มีน้ำใจ เคารพตนเอง เพื่อนร่วมงาน และองค์กร ดำรงชีวิตตามหลักปรัชญา"
        "ของเศรษฐกิจพอเพียง มุ่งสู่องค์กรแห่งความสุข",
        [
            (
                "H1",
                "สุขภาพดี มีน้ำใจ เคารพเพื่อนร่วมงานและองค์กร",
                "บรรยากาศการทำงานและกิจกรรมร่วมกันของสำนักงาน",
                "points",
                5,
                "",
                {},
            ),
            (
                "H2",
                "ดำรงชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง",
                "มีกิจกรรมตามหลักปรัชญาของเศรษฐกิจพอเพียงในสำนักงาน",
                "pass_fail",
                5,
                "",
                {},
            ),
        ],
    ),
]
SECTION_MINIMUM = 50

# Each district's strength (points out of 5 before the assessors' differences) and the
# pillars where it falls short; a fixed table, so every seed gives the same ranking.
STRENGTH = {
    "4301": 4,
    "4302": 3,
    "4305": 5,
    "4307": 3,
    "4308": 4,
    "4314": 3,
    "4315": 4,
    "4316": 2,
    "4317": 3,
}
SHORT_OF = {"4315": "H", "4316": "S"}
SPREAD = (0, -1, 1)


@transaction.atomic
def ensure_osmkh_framework() -> Framework:
    framework, created = Framework.objects.get_or_create(
        code=FRAMEWORK_CODE,
        defaults={
            "kind": Framework.Kind.OSMKH,
            "title": "เกณฑ์การประเมินสำนักงานพัฒนาชุมชนอำเภอต้นแบบ ตามโมเดล OSMKH",
            "description": "ระเบียบครบ ระบบดี มีคุณธรรม นำความรู้ สู่ความสุข "
            "(Order System Moral Knowledge And Happiness) ตามโครงการ พช.หนองคาย "
            "มุ่งสู่องค์กรคุณธรรม นำความรู้ สู่ความสุข ข้อ ๔.๑ และ ๔.๕",
            "rule": Framework.Rule.WEIGHTED_MEAN,
            "tie_break": TIE_BREAK,
        },
    )
    if not created:
        return framework
    for position, (code, title, description, criteria) in enumerate(PILLARS, start=1):
        section = Section.objects.create(
            framework=framework,
            position=position,
            code=code,
            title=title,
            description=description,
            minimum=SECTION_MINIMUM,
        )
        for number, (c_code, c_title, guidance, scale, top, key, params) in enumerate(
            criteria, start=1
        ):
            criterion = Criterion.objects.create(
                section=section,
                position=number,
                code=c_code,
                title=c_title,
                guidance=guidance,
                scale=scale,
                max_points=top,
                metric_key=key,
                metric_params=params,
            )
            if scale == Criterion.Scale.LEVELS:
                Level.objects.bulk_create(
                    Level(criterion=criterion, position=i, label=label, points=points)
                    for i, (label, points) in enumerate(PASS_LEVELS)
                )
    return framework


def _score_of(criterion, unit, suggested, district, k, a):
    """The assessor's deterministic score: the live figure's suggestion where there is
    one, else the district's strength with the assessor's own difference."""
    if suggested is not None:
        base = int(suggested)
    else:
        base = STRENGTH[unit.code] + SPREAD[(district + k + a) % 3]
        if SHORT_OF.get(unit.code) == criterion.section.code:
            base = 1
    points = min(max(base, 0), criterion.max_points)
    if criterion.scale == Criterion.Scale.PASS_FAIL:
        return {"points": criterion.max_points if points >= 3 else 0}
    if criterion.scale == Criterion.Scale.LEVELS:
        level = max(
            (lv for lv in criterion.levels.all() if lv.points <= points), key=lambda lv: lv.points
        )
        return {"level": level}
    return {"points": points}


@transaction.atomic
def seed_assessments_demo(province: Unit, fiscal_year: int) -> dict:
    """The OSMKH framework and the FY2566 round, scored, closed and published. Idempotent."""
    framework = ensure_osmkh_framework()
    if Round.objects.filter(framework=framework, unit=province, fiscal_year=fiscal_year).exists():
        return {"rounds": 0, "scores": 0}
    districts = list(province.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"))
    committee = list(User.objects.filter(username__in=COMMITTEE).order_by("username"))
    round_ = services.create_round(
        framework,
        province,
        fiscal_year=fiscal_year,
        title=ROUND_TITLE,
        opens_on=date(2023, 5, 15),
        closes_on=date(2023, 6, 15),
        assessed_units=districts,
        assessors=committee,
    )
    services.open_round(round_)
    criteria = services.criteria_of(framework)
    scores = 0
    for d, unit in enumerate(districts):
        for k, criterion in enumerate(criteria):
            suggested = services.suggested_points(criterion, unit, fiscal_year)
            for a, assessor in enumerate(committee):
                services.record_score(
                    round_,
                    unit,
                    criterion,
                    assessor=assessor,
                    **_score_of(criterion, unit, suggested, d, k, a),
                )
                scores += 1
    services.close_round(round_)
    services.publish_round(round_)
    return {"rounds": 1, "scores": scores}
