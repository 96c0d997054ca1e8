"""The moral-organisation self-assessment (dimension 4 of the plan) on the rubric engine.

The Moral Center (ศูนย์คุณธรรม) judges an organisation by its own assessment: every item
scores 2 (done in full), 1 (in part) or 0 (not done), and the total reaches a level,
องค์กรส่งเสริมคุณธรรม, then องค์กรคุณธรรม, then องค์กรคุณธรรมต้นแบบ. The items below follow
the plan's text for dimension 4; the framework says that they, and the thresholds, must be
checked against the Moral Center's current form, and the office edits them on the admin
site (until a round of the framework opens).

An office assesses itself: a round of a moral framework assesses only the office running
it, scored by its own committee, once per fiscal year (:func:`self_assessment_problem`).
The items measured by the participation records get a suggestion from a live metric,
never a ticked answer (see ``services.suggested_points``).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from saisaat.assessments import aggregation
from saisaat.assessments.models import (
    Criterion,
    Framework,
    Level,
    OrganisationLevel,
    Round,
    Score,
    Section,
)

FRAMEWORK_CODE = "moral-organisation"
TITLE = "แบบประเมินตนเององค์กรคุณธรรม (มิติที่ ๔ การเสริมสร้างองค์กรคุณธรรม)"
# (label, the total of points from which it is reached), out of 22 (11 items × 2 points).
LEVELS = [
    ("องค์กรส่งเสริมคุณธรรม", 11),
    ("องค์กรคุณธรรม", 17),
    ("องค์กรคุณธรรมต้นแบบ", 20),
]
ITEM_LEVELS = [("ยังไม่ได้ดำเนินการ", 0), ("ดำเนินการบางส่วน", 1), ("ดำเนินการครบถ้วน", 2)]
ITEM_POINTS = 2
DESCRIPTION = (
    "ประเมินตนเองตามเกณฑ์องค์กรคุณธรรมของศูนย์คุณธรรม ทุกข้อให้คะแนน ๒ (ดำเนินการครบถ้วน) "
    "๑ (ดำเนินการบางส่วน) หรือ ๐ (ยังไม่ได้ดำเนินการ) พร้อมแนบหลักฐานของสำนักงาน "
    "คะแนนรวมตั้งแต่ ๑๑ คะแนน เป็นองค์กรส่งเสริมคุณธรรม ตั้งแต่ ๑๗ คะแนน เป็นองค์กรคุณธรรม "
    "และตั้งแต่ ๒๐ คะแนน (จากเต็ม ๒๒) เป็นองค์กรคุณธรรมต้นแบบ "
    "รายการประเมินและเกณฑ์คะแนนนี้จัดทำตามข้อความในแผนปฏิบัติการ มิติที่ ๔ "
    "ต้องตรวจสอบกับแบบประเมินฉบับปัจจุบันของศูนย์คุณธรรมก่อนใช้ "
    "และสำนักงานแก้ไขได้ในหน้าผู้ดูแลระบบ (ก่อนเปิดรอบประเมินแรก)"
)
TIE_BREAK = "ประเมินตนเองสำนักงานเดียว ไม่มีการจัดลำดับ"

# (code, title, [(code, title, guidance, metric key, metric parameters)])
SECTIONS = [
    (
        "1",
        "การขับเคลื่อนองค์กรคุณธรรม",
        [
            (
                "1.1",
                "จัดทำแผนการขับเคลื่อนองค์กรคุณธรรมแบบมีส่วนร่วมของบุคลากร",
                "แผนที่ประกอบด้วยกิจกรรม งบประมาณ ตัวชี้วัด ผู้รับผิดชอบ และระยะเวลาดำเนินการ",
                "",
                {},
            ),
            (
                "1.2",
                "สื่อสารแผนการขับเคลื่อนองค์กรคุณธรรมให้บุคลากรทราบ",
                "เอกสาร รูปภาพ หรือหลักฐานการสื่อสารแก่เจ้าหน้าที่",
                "",
                {},
            ),
            (
                "1.3",
                "มอบหมายภารกิจ แต่งตั้งเจ้าหน้าที่ผู้รับผิดชอบ",
                "คำสั่งแต่งตั้งคณะกรรมการ",
                "",
                {},
            ),
        ],
    ),
    (
        "2",
        "การประกาศข้อตกลง (เจตนารมณ์/ธรรมนูญ/ปฏิญญา) ตามคุณธรรมเป้าหมาย ๕ ประการ",
        [
            (
                "2.1",
                "ประกาศเจตนารมณ์องค์กรคุณธรรม และบุคลากรลงนามรับทราบ ร้อยละ ๘๐",
                "ประกาศเจตนารมณ์และแบบลงนามรับทราบ ข้อเสนอจากร้อยละของบุคลากรที่ลงนามรับทราบในระบบ "
                "(ร้อยละ ๘๐ ได้ ๒ คะแนน)",
                "declaration_acknowledged",
                {"kind": "moral_declaration", "target": 80},
            ),
            (
                "2.2",
                "กำหนดคุณธรรมเป้าหมาย “ปัญหาที่อยากแก้” และ “ความดีที่อยากทำ” อย่างน้อย ๔ เรื่อง",
                "เอกสารสรุปคุณธรรมเป้าหมาย ข้อเสนอจากจำนวนคุณธรรมเป้าหมายที่สำนักงานรับรองในระบบ "
                "(๔ ประการได้ ๒ คะแนน)",
                "adopted_goal_virtues",
                {"target": 4},
            ),
        ],
    ),
    (
        "3",
        "การดำเนินกิจกรรมตามแผนการขับเคลื่อนองค์กรคุณธรรม",
        [
            (
                "3.1",
                "ดำเนินกิจกรรมอย่างน้อย ๔ กิจกรรม จากคุณธรรมเป้าหมาย ๕ ประการ",
                "ข้อเสนอจากคุณธรรมเป้าหมายที่กิจกรรมขององค์กรคุณธรรมในระบบครอบคลุม (๔ ประการได้ ๒ คะแนน)",
                "moral_activity_virtues",
                {"target": 4},
            ),
            (
                "3.2",
                "บุคลากรเข้าร่วมกิจกรรมตามแผนอย่างน้อยร้อยละ ๘๐",
                "ข้อเสนอจากร้อยละของบุคลากรที่ลงชื่อเข้าร่วมกิจกรรมในระบบ (ร้อยละ ๘๐ ได้ ๒ คะแนน)",
                "moral_activity_attendance",
                {"target": 80},
            ),
        ],
    ),
    (
        "4",
        "ผลการดำเนินกิจกรรม",
        [
            (
                "4.1",
                "ได้รับรางวัล การชื่นชม หรือคำขอบคุณจากหน่วยงานภายนอก",
                "หลักฐานการได้รับรางวัล การชื่นชม หรือขอบคุณจากหน่วยงานภายนอก",
                "",
                {},
            ),
            (
                "4.2",
                "ประเมินความพึงพอใจของบุคลากรต่อกิจกรรมตามแผน",
                "ผลการประเมินความพึงพอใจของบุคลากร",
                "",
                {},
            ),
            (
                "4.3",
                "สรุปและรายงานผลการดำเนินการให้ผู้บังคับบัญชาทราบ",
                "บันทึกสรุปผลและรายงานผลการดำเนินการ",
                "",
                {},
            ),
            (
                "4.4",
                "บุคลากรประพฤติตนตามคุณธรรมเป้าหมายเป็นแบบอย่างที่ดี",
                "ตัวอย่างบุคคลหรือพฤติกรรมที่เป็นแบบอย่าง",
                "",
                {},
            ),
        ],
    ),
]

# What an office may attach as its own evidence of an item: a photo or a PDF.
EVIDENCE_TYPES = frozenset({"jpg", "png", "webp", "heic", "gif", "pdf"})


def build_framework(framework_model, section_model, criterion_model, level_model, org_model):
    """The moral-organisation framework with its items and levels, if there is none with
    its code (the models are passed so that a migration can use its historical ones)."""
    framework, created = framework_model.objects.get_or_create(
        code=FRAMEWORK_CODE,
        defaults={
            "kind": "moral",
            "title": TITLE,
            "description": DESCRIPTION,
            "rule": "sum",
            "tie_break": TIE_BREAK,
        },
    )
    if not created:
        return framework
    for position, (code, title, items) in enumerate(SECTIONS, start=1):
        section = section_model.objects.create(
            framework=framework, position=position, code=code, title=title
        )
        for number, (c_code, c_title, guidance, key, params) in enumerate(items, start=1):
            criterion = criterion_model.objects.create(
                section=section,
                position=number,
                code=c_code,
                title=c_title,
                guidance=guidance,
                scale="levels",
                max_points=ITEM_POINTS,
                metric_key=key,
                metric_params=params,
            )
            for index, (label, points) in enumerate(ITEM_LEVELS):
                level_model.objects.create(
                    criterion=criterion, position=index, label=label, points=points
                )
    for position, (label, minimum) in enumerate(LEVELS, start=1):
        org_model.objects.create(
            framework=framework, position=position, label=label, minimum_points=minimum
        )
    return framework


def ensure_moral_framework() -> Framework:
    return build_framework(Framework, Section, Criterion, Level, OrganisationLevel)


def self_assessment_problem(framework, unit, fiscal_year, assessed_units, assessors) -> str:
    """Why a round of ``framework`` cannot be created as asked ("" when it can): a moral
    self-assessment assesses only the office running it, by its own staff, once a year."""
    if framework.kind != Framework.Kind.MORAL:
        return ""
    if [u.pk for u in assessed_units] != [unit.pk]:
        return _("A self-assessment assesses only the office itself.")
    if any(user.unit_id != unit.pk for user in assessors):
        return _("The office's own staff make up its self-assessment committee.")
    taken = Round.objects.filter(
        framework__kind=Framework.Kind.MORAL, unit=unit, fiscal_year=fiscal_year
    ).exists()
    if taken:
        return _("The office already has a self-assessment for fiscal year %(year)s.") % {
            "year": fiscal_year
        }
    return ""


# ---------------------------------------------------------------------------- standing


@dataclass
class ItemStanding:
    criterion: Criterion
    points: Decimal | None  # None: not scored

    @property
    def short_by(self) -> Decimal:
        return Decimal(self.criterion.max_points) - (self.points or 0)


@dataclass
class Standing:
    """Where an office stands: its points, the level reached and what the next needs.
    ``points`` is rounded for display; the levels compare the ``exact`` total (the
    points themselves when not given), so 16.996 shows as 17.00 yet stays below 17."""

    points: Decimal
    maximum: int
    levels: list[OrganisationLevel]
    items: list[ItemStanding] = field(default_factory=list)
    exact: Fraction | None = None

    @property
    def total(self) -> Fraction:
        return Fraction(self.points) if self.exact is None else self.exact

    @property
    def level(self) -> OrganisationLevel | None:
        return level_for(self.levels, self.total)

    @property
    def next_level(self) -> OrganisationLevel | None:
        return next((lv for lv in self.levels if lv.minimum_points > self.total), None)

    @property
    def points_to_next(self) -> Decimal | None:
        """What the next level still needs, rounded up to the hundredth (never 0.00)."""
        following = self.next_level
        if following is None:
            return None
        short = (following.minimum_points - self.total) * 100
        return Decimal(math.ceil(short)) / 100

    @property
    def missing(self) -> list[ItemStanding]:
        """The items not yet at full points: where the points for the next level are."""
        return [item for item in self.items if item.short_by > 0]

    @property
    def complete(self) -> bool:
        return all(item.points is not None for item in self.items)


def level_for(levels, points) -> OrganisationLevel | None:
    """The highest level whose minimum ``points`` reaches (None below the first)."""
    reached = [lv for lv in levels if points >= lv.minimum_points]
    return max(reached, key=lambda lv: lv.minimum_points, default=None)


def standing(round_: Round, scores=None) -> Standing:
    """The office's standing in its self-assessment from ``scores`` (all the round's by
    default; an assessor's own while it is open), in three queries: the items, the
    scores, the levels."""
    unit_id = round_.unit_id
    criteria = list(
        Criterion.objects.filter(section__framework_id=round_.framework_id)
        .select_related("section")
        .order_by("section__position", "position")
    )
    scores = Score.objects.filter(round=round_) if scores is None else scores
    points: dict[tuple[int, int], list] = {}
    for criterion_id, value in scores.filter(unit_id=unit_id).values_list("criterion_id", "points"):
        points.setdefault((unit_id, criterion_id), []).append(value)
    specs = [
        aggregation.CriterionSpec(c.pk, c.section.code, c.max_points, c.weight) for c in criteria
    ]
    means = aggregation.criterion_means(specs, points)
    (result,) = aggregation.aggregate(aggregation.SUM, [], specs, [unit_id], points)
    items = [
        ItemStanding(
            criterion,
            aggregation.as_decimal(means[unit_id, criterion.pk] * criterion.max_points)
            if (unit_id, criterion.pk) in means
            else None,
        )
        for criterion in criteria
    ]
    maximum = sum(Fraction(Decimal(str(c.weight))) * c.max_points for c in criteria)
    return Standing(
        points=result.score_display,
        exact=result.score,
        maximum=int(maximum),
        levels=list(round_.framework.organisation_levels.all()),
        items=items,
    )
