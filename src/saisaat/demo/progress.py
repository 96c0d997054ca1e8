"""Progress on the demo province's plan as it stood at the end of the third quarter of
FY2566 (30 June 2023): most work that was due is approved with its evidence, some waits
for review or was returned, and later work is under way or not started.

Written straight to the tables (like the national generator) rather than through the
review services, so that seeding sends no notifications or e-mails about 2023.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from saisaat.core.thaipdf import ThaiPDF
from saisaat.demo.national import SharedFile, draw, moment, store_shared_file
from saisaat.orgs.models import Unit, User
from saisaat.plans.models import Plan
from saisaat.thai.digits import to_thai_digits
from saisaat.tracking.models import Assignment, AssignmentEvent, EvidenceItem

Status = Assignment.Status
Action = AssignmentEvent.Action

PROGRESS_AS_OF = date(2023, 6, 30)
DUE_MIX = [
    (Status.APPROVED, 0.66),
    (Status.SUBMITTED, 0.10),
    (Status.RETURNED, 0.04),
    (Status.IN_PROGRESS, 0.10),
    (Status.NOT_STARTED, 0.10),
]
LATER_MIX = [(Status.IN_PROGRESS, 0.35), (Status.NOT_STARTED, 0.65)]
# One lagging district office, so the dashboard has something to point at.
LAGGING_UNIT = "4315"
LAGGING_MIX = [(Status.APPROVED, 0.3), (Status.IN_PROGRESS, 0.3), (Status.NOT_STARTED, 0.4)]
SAMPLE_FILE_NAME = "evidence/demo/ตัวอย่างหลักฐาน.pdf"


def _sample_pdf() -> bytes:
    pdf = ThaiPDF()
    pdf.add_page()
    pdf.set_font(size=20)
    pdf.text_line(30, 30, "ตัวอย่างหลักฐานเชิงประจักษ์ (ข้อมูลสาธิต)")
    pdf.set_font(size=16)
    pdf.paragraph(
        30,
        45,
        160,
        "เอกสารนี้สร้างขึ้นเพื่อการสาธิตระบบใสสะอาดเท่านั้น ไม่ใช่เอกสารราชการจริง",
    )
    return bytes(pdf.output())


@transaction.atomic
def seed_tracking_demo(province: Unit, fiscal_year: int, *, as_of: date = PROGRESS_AS_OF) -> dict:
    """Statuses, evidence and review history on the province's published plan as they stood
    on ``as_of`` (work whose period has not begun by then is not started); a second run
    changes nothing."""
    plan = Plan.objects.filter(owner_unit=province, fiscal_year=fiscal_year).first()
    if plan is None:
        return {"assignments": 0, "evidence": 0}
    assignments = list(
        Assignment.objects.filter(plan=plan, is_retired=False)
        .select_related("activity", "unit")
        .order_by("unit__code", "dimension_number", "activity__measure__number", "activity__pk")
    )
    if EvidenceItem.objects.filter(assignment__plan=plan).exists():
        return {"assignments": 0, "evidence": 0}
    reviewer = User.objects.filter(unit=province, role=User.Role.APPROVER, work_group=None).first()
    uploaders: dict[int, list[User]] = {}
    for user in User.objects.filter(unit__in=[a.unit_id for a in assignments]).order_by("pk"):
        uploaders.setdefault(user.unit_id, []).append(user)
    if reviewer is None or not uploaders:
        return {"assignments": 0, "evidence": 0}

    rng = random.Random(fiscal_year)
    sample = store_shared_file(SAMPLE_FILE_NAME, _sample_pdf())
    evidence, events, changed = [], [], []
    for assignment in assignments:
        if assignment.unit_id not in uploaders:
            continue
        if assignment.due_date <= as_of:
            mix = LAGGING_MIX if assignment.unit.code == LAGGING_UNIT else DUE_MIX
        else:
            mix = LATER_MIX
        status = draw(rng, mix)
        start = assignment.activity.period_start
        if status == Status.NOT_STARTED or start > as_of:
            continue
        uploader = rng.choice(uploaders[assignment.unit_id])
        last = min(assignment.due_date, as_of)
        span = max((last - start).days, 0)
        for position in range(1, rng.randint(1, 3) + 1):
            day = start + timedelta(days=rng.randint(0, span))
            evidence.append(_evidence(assignment, position, day, uploader, rng, sample))
            events.append(
                _event(assignment, Action.EVIDENCE_ADDED, uploader, day, Status.IN_PROGRESS)
            )
        assignment.status = status
        if status in (Status.SUBMITTED, Status.APPROVED, Status.RETURNED):
            submitted = min(assignment.due_date, as_of)
            assignment.submitted_at = moment(submitted, 10)
            events.append(
                _event(assignment, Action.SUBMITTED, uploader, submitted, Status.SUBMITTED, hour=10)
            )
        if status == Status.APPROVED:
            approved = min(assignment.due_date + timedelta(days=3), as_of)
            assignment.approved_at = moment(approved, 14)
            events.append(
                _event(assignment, Action.APPROVED, reviewer, approved, Status.APPROVED, hour=14)
            )
        if status == Status.RETURNED:
            events.append(
                _event(
                    assignment,
                    Action.RETURNED,
                    reviewer,
                    as_of,
                    Status.RETURNED,
                    hour=14,
                    comment="ขอภาพถ่ายกิจกรรมและรายชื่อผู้เข้าร่วมเพิ่มเติม",
                )
            )
        changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["status", "submitted_at", "approved_at"])
    EvidenceItem.objects.bulk_create(evidence)
    AssignmentEvent.objects.bulk_create(events)
    return {"assignments": len(changed), "evidence": len(evidence)}


def _evidence(assignment, position, day, uploader, rng, sample: SharedFile):
    kind = rng.choice(
        [
            EvidenceItem.Kind.FILE,
            EvidenceItem.Kind.FILE,
            EvidenceItem.Kind.LINK,
            EvidenceItem.Kind.NOTE,
        ]
    )
    item = EvidenceItem(
        assignment=assignment,
        kind=kind,
        title=f"หลักฐานการดำเนินงาน ชิ้นที่ {to_thai_digits(position)}",
        effective_date=day,
        uploaded_by=uploader,
    )
    if kind == EvidenceItem.Kind.FILE:
        item.file = sample.name
        item.original_name = f"หลักฐาน-{to_thai_digits(position)}.pdf"
        item.content_type = "application/pdf"
        item.size = sample.size
        item.sha256 = sample.sha256
    elif kind == EvidenceItem.Kind.LINK:
        item.url = f"https://demo.saisaat.invalid/evidence/{assignment.pk}/{position}"
    else:
        item.note = "ดำเนินกิจกรรมตามแผนแล้ว มีผู้เข้าร่วมตามเป้าหมาย (ข้อมูลสาธิต)"
    return item


def _event(assignment, action, actor, day, to_status, *, hour=9, comment=""):
    return AssignmentEvent(
        assignment=assignment,
        action=action,
        actor=actor,
        from_status=Status.IN_PROGRESS if action != Action.EVIDENCE_ADDED else "",
        to_status=to_status,
        comment=comment,
        created_at=moment(day, hour),
    )
