"""A small framework and rounds for the tests (and the access table's fixtures)."""

import base64
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from saisaat.assessments import services
from saisaat.assessments.models import Criterion, Framework, Level, Section
from saisaat.assessments.moral import ensure_moral_framework

# A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def png_upload(name="photo.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def make_framework(code="test-osmkh", *, rule=Framework.Rule.WEIGHTED_MEAN, minimum=None):
    """Two sections: O (O1 points 0..4 weight 2, O2 pass/fail) and S (S1 levels 0/3/5)."""
    framework = Framework.objects.create(
        code=code,
        kind=Framework.Kind.OSMKH,
        title="เกณฑ์ทดสอบ",
        rule=rule,
        tie_break="คะแนนด้าน O สูงกว่า แล้วด้าน S",
    )
    order = Section.objects.create(framework=framework, position=1, code="O", title="ระเบียบครบ")
    system = Section.objects.create(
        framework=framework, position=2, code="S", title="ระบบดี", minimum=minimum
    )
    o1 = Criterion.objects.create(
        section=order,
        position=1,
        code="O1",
        title="ยึดระเบียบ",
        scale=Criterion.Scale.POINTS,
        max_points=4,
        weight=Decimal(2),
    )
    o2 = Criterion.objects.create(
        section=order,
        position=2,
        code="O2",
        title="ตรวจสอบได้",
        scale=Criterion.Scale.PASS_FAIL,
        max_points=1,
    )
    s1 = Criterion.objects.create(
        section=system,
        position=1,
        code="S1",
        title="วางแผนและติดตาม",
        scale=Criterion.Scale.LEVELS,
        max_points=5,
    )
    levels = [
        Level.objects.create(criterion=s1, position=i, label=label, points=points)
        for i, (label, points) in enumerate([("ยังไม่มี", 0), ("บางส่วน", 3), ("ครบ", 5)])
    ]
    return framework, (o1, o2, s1), levels


def make_round(framework, office, units, assessors, *, title="รอบทดสอบ", opened=True):
    round_ = services.create_round(
        framework,
        office,
        fiscal_year=2566,
        title=title,
        opens_on=date(2023, 5, 1),
        closes_on=date(2023, 6, 15),
        assessed_units=units,
        assessors=assessors,
    )
    if opened:
        services.open_round(round_)
    return round_


def build(c) -> None:
    """For the access table: an open round of the province scored by the committee
    (district A and B assessed), and a published one with a photo."""
    c.framework, criteria, levels = make_framework("access-table")
    units = [c.district_a, c.district_b]
    c.open_round = make_round(c.framework, c.province, units, [c.committee])
    c.published_round = make_round(
        c.framework, c.province, units, [c.committee], title="รอบที่ประกาศแล้ว"
    )
    c.published_score = services.record_score(
        c.published_round,
        c.district_a,
        criteria[0],
        assessor=c.committee,
        points="3",
        photo=png_upload(),
    )
    services.close_round(c.published_round)
    services.publish_round(c.published_round)
    # 5S: district A's own checklist; an open quarter round of the province's checklist
    # with a corrective action for district A.
    make_fives(c.district_a, ["ห้องทำงานอำเภอ"])
    c.work_area = c.district_a.work_areas.get()
    make_fives(c.province, ["ห้องทำงาน"])
    c.fives_round = make_quarter_round(c.province, 1, [c.committee])
    from saisaat.assessments import fives

    c.corrective_action = fives.record_action(
        c.fives_round,
        c.district_a,
        services.criteria_of(c.fives_round.framework)[0],
        action="จัดโต๊ะทำงาน",
        responsible="เจ้าหน้าที่",
        due_on=date(2022, 12, 31),
    )
    # District A's own moral-organisation self-assessment, scored by its head, published.
    c.self_assessment = make_round(
        ensure_moral_framework(),
        c.district_a,
        [c.district_a],
        [c.district_a_head],
        title="ประเมินตนเององค์กรคุณธรรม",
    )
    item = services.criteria_of(c.self_assessment.framework)[0]
    services.record_score(
        c.self_assessment,
        c.district_a,
        item,
        assessor=c.district_a_head,
        level=item.levels.all()[2],
    )
    services.close_round(c.self_assessment)
    services.publish_round(c.self_assessment)


def url_kwargs(c) -> dict:
    return {
        "assessments:round-detail": {"pk": c.open_round.pk},
        "assessments:round-advance": {"pk": c.open_round.pk},
        "assessments:round-score": {"pk": c.open_round.pk, "code": c.district_a.code},
        "assessments:round-results": {"pk": c.published_round.pk},
        "assessments:round-certificate": {"pk": c.published_round.pk},
        "assessments:score-photo": {"pk": c.published_score.pk},
        "assessments:fives-checklist": {"code": c.district_a.code},
        "assessments:fives-round-new": {"code": c.district_a.code},
        "assessments:fives-trend": {"code": c.district_a.code},
        "assessments:fives-programme": {"code": c.district_a.code},
        "assessments:fives-area-remove": {"pk": c.work_area.pk},
        "assessments:fives-actions": {"pk": c.fives_round.pk, "code": c.district_a.code},
        "assessments:fives-action-close": {"pk": c.corrective_action.pk},
        "assessments:round-moral": {"pk": c.self_assessment.pk},
    }


def make_fives(office, areas=("ห้องทำงาน", "ห้องประชุม")):
    """The office's 5S checklist with ``areas`` (five criteria each, 0–5 points)."""
    from saisaat.assessments import fives

    for name in areas:
        fives.add_work_area(office, name)
    return fives.checklist_of(office)


def make_quarter_round(office, quarter, assessors, *, fiscal_year=2566, opened=True):
    from saisaat.assessments import fives

    round_ = fives.create_quarter_round(
        office, fiscal_year=fiscal_year, quarter=quarter, assessors=assessors
    )
    if opened:
        services.open_round(round_)
    return round_


def score_all(round_, unit, assessor, points, *, photo=False):
    """``assessor`` gives ``unit`` ``points`` on every criterion of the round."""
    for criterion in services.criteria_of(round_.framework):
        services.record_score(
            round_,
            unit,
            criterion,
            assessor=assessor,
            points=points,
            photo=png_upload() if photo else None,
        )
