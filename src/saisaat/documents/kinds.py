"""Memo kinds: each knows how to load its subject through the permission gate and how to
draft the memo's subject line and body from live data.

A kind is registered in ``KINDS``; another app adds its own with ``register()``:

    register(MemoKind(key="survey", label=_("Survey results"), build=build_survey_draft))

``build(request, params)`` receives the query parameters of the "new memo" page, loads what
it reports on through the owning app's access helpers (404 / 403 as usual), raises
``BadParameters`` for missing or malformed parameters, and returns a ``Draft``.

Registered here: the result of one activity (``activity``), the quarterly progress report of a
unit or province (``quarterly``), the complaint statistics of a fiscal year or its first
half (``complaints``, from ``saisaat.complaints.statistics``) and a satisfaction survey's
results (``survey``, from ``saisaat.surveys.results.compute_results``: 2.3.4 and 4.4.2 ask
for them reported to the supervisor) and a quarterly 5S inspection's results (``fives``, from
``saisaat.assessments.services.results``, the ranking of the round's results page: dimension
2.1 asks for the 5S inspections reported each quarter).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.assessments import fives
from saisaat.assessments import services as assessment_services
from saisaat.assessments.models import Framework, Round
from saisaat.complaints.access import get_statistics_unit_for_user
from saisaat.complaints.statistics import complaint_statistics
from saisaat.documents.quarterly import NoPlan, build_quarterly_report
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.surveys.models import Survey
from saisaat.surveys.results import compute_results
from saisaat.thai.calendar import fiscal_year, format_thai_date
from saisaat.thai.numbers import is_number
from saisaat.tracking.access import assignments
from saisaat.tracking.models import Assignment, EvidenceItem

CLOSING = "จึงเรียนมาเพื่อโปรดทราบ"


class BadParameters(ValueError):
    """The page was asked for without what it needs (shown to the user, never a 500)."""


@dataclass
class Draft:
    kind: str
    subject: str
    paragraphs: list[str]
    parameters: dict
    assignment: Assignment | None = None
    subject_unit: Unit | None = None
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MemoKind:
    key: str
    label: str
    build: Callable[..., Draft]


KINDS: dict[str, MemoKind] = {}


def register(kind: MemoKind) -> None:
    KINDS[kind.key] = kind


def _int_parameter(params, name: str, *, low: int, high: int) -> int:
    value = (params.get(name) or "").strip()
    if not is_number(value) or not low <= int(value) <= high:
        raise BadParameters(name)
    return int(value)


def _date(d) -> str:
    return format_thai_date(d)


def person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# -- activity result ------------------------------------------------------------------------


def activity_paragraphs(assignment: Assignment, evidence: list[EvidenceItem]) -> list[str]:
    activity = assignment.activity
    unit = assignment.unit
    paragraphs = [
        f"ตามที่{unit.name_th}ได้รับมอบหมายให้ดำเนินกิจกรรม {activity.text.strip()} "
        f"ตามแผนปฏิบัติการ มิติที่ {assignment.dimension_number} "
        f"กำหนดดำเนินการ {activity.period_text} ภายในวันที่ {_date(assignment.due_date)} นั้น"
    ]
    dates = sorted(item.effective_date for item in evidence)
    people = sorted({person_name(item.uploaded_by) for item in evidence} - {""})
    if assignment.officer_id:
        people = sorted({person_name(assignment.officer), *people})
    if dates:
        when = (
            f"เมื่อวันที่ {_date(dates[0])}"
            if dates[0] == dates[-1]
            else f"ระหว่างวันที่ {_date(dates[0])} ถึงวันที่ {_date(dates[-1])}"
        )
        by = f" โดย {', '.join(people)}" if people else ""
        paragraphs.append(
            f"บัดนี้ {unit.name_th}ได้ดำเนินกิจกรรมดังกล่าวแล้ว {when}{by} "
            f"มีหลักฐานการดำเนินงาน จำนวน {len(evidence)} รายการ ดังนี้"
        )
        for number, item in enumerate(evidence, start=1):
            paragraphs.append(
                f"{number}. {evidence_label(item)} ลงวันที่ {_date(item.effective_date)}"
            )
    else:
        paragraphs.append(f"ขณะนี้ {unit.name_th}อยู่ระหว่างดำเนินกิจกรรมดังกล่าว ยังไม่มีหลักฐานการดำเนินงาน")
    paragraphs.append(CLOSING)
    return paragraphs


def evidence_label(item: EvidenceItem) -> str:
    if item.title:
        return item.title
    if item.kind == EvidenceItem.Kind.FILE:
        return item.original_name or "ไฟล์หลักฐาน"
    if item.kind == EvidenceItem.Kind.LINK:
        return item.url
    return " ".join(item.note.split())[:120]


def activity_evidence(assignment: Assignment) -> list[EvidenceItem]:
    """The current evidence of ``assignment`` in the order the memo lists it."""
    return list(
        assignment.evidence.current().select_related("uploaded_by").order_by("effective_date", "pk")
    )


def activity_subject(assignment: Assignment) -> str:
    text = " ".join(assignment.activity.text.split())
    return f"รายงานผลการดำเนินกิจกรรม {text}"[:480]


def build_activity_draft(request, params) -> Draft:
    raw = (params.get("assignment") or "").strip()
    if not raw.isdigit():
        raise BadParameters("assignment")
    assignment = get_visible_or_404(request, assignments(), pk=int(raw))
    evidence = activity_evidence(assignment)
    return Draft(
        kind="activity",
        subject=activity_subject(assignment),
        paragraphs=activity_paragraphs(assignment, evidence),
        parameters={"assignment": assignment.pk},
        assignment=assignment,
        subject_unit=assignment.unit,
        context={"evidence": evidence},
    )


# -- quarterly progress report --------------------------------------------------------------


def quarterly_subject(report) -> str:
    return (
        f"รายงานความก้าวหน้าการดำเนินงานตามแผนปฏิบัติการ ไตรมาสที่ {report.quarter} "
        f"ปีงบประมาณ พ.ศ. {report.fiscal_year} ของ{report.unit.name_th}"
    )


def _percent(cell) -> str:
    return f"ร้อยละ {cell.percent}" if cell.percent is not None else "ยังไม่มีกิจกรรม"


def quarterly_paragraphs(report) -> list[str]:
    grand = report.grand
    title = " ".join(report.plan.title.split())
    if "ปีงบประมาณ" not in title:
        title += f" ประจำปีงบประมาณ พ.ศ. {report.fiscal_year}"
    paragraphs = [
        f"ตามที่{report.unit.name_th}ได้จัดทำ{title} นั้น",
        f"ในไตรมาสที่ {report.quarter} ({_date(report.first_day)} ถึง {_date(report.last_day)}) "
        f"ข้อมูล ณ วันที่ {_date(report.as_of)} ดำเนินการแล้วเสร็จและได้รับความเห็นชอบ "
        f"{grand.approved} จาก {grand.total} กิจกรรม คิดเป็น{_percent(grand)} "
        f"กิจกรรมที่เลยกำหนดและยังไม่แล้วเสร็จ {report.overdue_count} กิจกรรม "
        "รายละเอียดความก้าวหน้าแต่ละมิติ ดังนี้",
    ]
    for row in report.rows:
        paragraphs.append(
            f"มิติที่ {row.number} {row.title} แล้วเสร็จ {row.total.approved} จาก "
            f"{row.total.total} กิจกรรม ({_percent(row.total)})"
        )
    if len(report.units) > 1:
        paragraphs.append("ความก้าวหน้าแยกตามหน่วยงาน")
        for unit, cell in zip(report.units, report.unit_totals, strict=True):
            paragraphs.append(
                f"{unit.name_th} แล้วเสร็จ {cell.approved} จาก {cell.total} กิจกรรม "
                f"({_percent(cell)}) เลยกำหนด {cell.overdue} กิจกรรม"
            )
    summary = report.indicator_summary
    if summary.get("targets"):
        paragraphs.append(
            f"ผลตัวชี้วัดตามแผน วัดผลได้ {summary['measured']} จาก {summary['targets']} ตัวชี้วัด "
            f"บรรลุเป้าหมาย {summary['met']} บรรลุบางส่วน {summary['partly']} "
            f"ไม่บรรลุ {summary['not_met']} "
            f"ได้คะแนน {summary['points']} จาก {summary['max_points']} คะแนน"
        )
    paragraphs.append(office_rules_paragraph())
    head = report.published_head
    if head is not None:
        paragraphs.append(
            f"บันทึกการตรวจสอบ (audit log) ของระบบ ณ วันที่ {_date(head.day)} มี {head.entry_count} "
            f"รายการ ค่าแฮชรายการล่าสุดที่เผยแพร่ {head.hash[:32]} {head.hash[32:]}"
        )
    paragraphs.append(CLOSING)
    return paragraphs


def office_rules_paragraph() -> str:
    """The rules the report applies that are the office's choice, not the plan's: the
    plan states the targets, not how a shortfall is scored, nor the disbursement targets
    or complaint deadlines. Read from the settings, so the memo says what was applied."""
    targets = " ".join(f"{value}" for value in settings.SAISAAT_DISBURSEMENT_TARGETS)
    return (
        "หมายเหตุ เกณฑ์ต่อไปนี้ไม่ได้กำหนดไว้ในแผนปฏิบัติการ เป็นเกณฑ์ที่สำนักงานเลือกใช้ "
        "(1) การให้คะแนนตัวชี้วัด 2 คะแนนเมื่อบรรลุเป้าหมาย 1 คะแนนเมื่อได้ตั้งแต่ร้อยละ "
        f"{settings.SAISAAT_GRADE_PARTIAL_PERCENT} ของเป้าหมาย และ 0 คะแนนเมื่อต่ำกว่านั้น "
        f"(2) เป้าหมายการเบิกจ่ายงบประมาณสะสมสิ้นไตรมาสที่ 1 ถึง 4 ร้อยละ {targets} ตามลำดับ "
        "(3) กำหนดเวลาตอบรับเรื่องร้องเรียนภายใน "
        f"{settings.SAISAAT_COMPLAINT_ACKNOWLEDGE_DAYS} วัน "
        f"และดำเนินการให้แล้วเสร็จภายใน {settings.SAISAAT_COMPLAINT_FINISH_DAYS} วัน"
    )


def build_quarterly_draft(request, params) -> Draft:
    code = (params.get("unit") or "").strip()
    if not code:
        raise BadParameters("unit")
    unit = get_unit_for_user(request, code)
    if params.get("year"):
        year = _int_parameter(params, "year", low=2500, high=2700)
    else:
        year = fiscal_year(timezone.localdate())
    quarter = _int_parameter(params, "quarter", low=1, high=4)
    try:
        report = build_quarterly_report(unit, year, quarter)
    except NoPlan:
        raise BadParameters("year") from None
    return Draft(
        kind="quarterly",
        subject=quarterly_subject(report),
        paragraphs=quarterly_paragraphs(report),
        parameters={"unit": unit.code, "year": year, "quarter": quarter},
        subject_unit=unit,
        context={"report": report},
    )


# -- complaints -----------------------------------------------------------------------------


def build_complaints_draft(request, params) -> Draft:
    code = (params.get("unit") or "").strip()
    if not code:
        raise BadParameters("unit")
    unit = get_statistics_unit_for_user(request, code)
    year = _int_parameter(params, "year", low=2500, high=2700)
    first_half = params.get("half") == "1"
    stats = complaint_statistics(unit, year, first_half=first_half)
    period = f"รอบ 6 เดือนแรก ปีงบประมาณ พ.ศ. {year}" if first_half else f"ปีงบประมาณ พ.ศ. {year}"
    paragraphs = [
        f"{unit.name_th}ได้รับเรื่องร้องเรียนร้องทุกข์ {period} "
        f"({_date(stats.first_day)} ถึง {_date(stats.last_day)}) รวม {stats.total} เรื่อง "
        f"ดำเนินการแล้วเสร็จ {stats.finished} เรื่อง อยู่ระหว่างดำเนินการ {stats.in_progress} เรื่อง",
    ]
    if stats.by_channel:
        channels = " ".join(f"{label} {count} เรื่อง" for label, count in stats.by_channel)
        paragraphs.append(f"แยกตามช่องทาง ได้แก่ {channels}")
    if stats.by_category:
        categories = " ".join(f"{label} {count} เรื่อง" for label, count in stats.by_category)
        paragraphs.append(f"แยกตามประเภท ได้แก่ {categories}")
    paragraphs.append(CLOSING)
    return Draft(
        kind="complaints",
        subject=f"รายงานสถิติเรื่องร้องเรียนร้องทุกข์ {period}",
        paragraphs=paragraphs,
        parameters={"unit": unit.code, "year": year, "half": int(first_half)},
        subject_unit=unit,
    )


# -- survey results -------------------------------------------------------------------------


def _stats_sentence(stats) -> str:
    sentence = f"ค่าเฉลี่ย {stats.mean:.2f} จากคะแนนเต็ม 5"
    if stats.sd is not None:
        sentence += f" ส่วนเบี่ยงเบนมาตรฐาน {stats.sd:.2f}"
    sentence += f" อยู่ในระดับ{stats.level_label}"
    if stats.percent_satisfied is not None:
        sentence += f" ผู้ตอบที่พึงพอใจ (ให้คะแนน 4 หรือ 5) ร้อยละ {stats.percent_satisfied:.2f}"
    return sentence


def survey_paragraphs(results) -> list[str]:
    survey = results.survey
    paragraphs = [
        f"ตามที่{survey.unit.name_th}ได้จัดทำ{survey.title} ประจำปีงบประมาณ พ.ศ. "
        f"{survey.fiscal_year} นั้น บัดนี้ได้สรุปผลการสำรวจแล้ว "
        f"มีผู้ตอบแบบสำรวจทั้งสิ้น {results.response_count} ราย",
    ]
    if results.overall is not None and results.overall.mean is not None:
        paragraphs.append(f"ความพึงพอใจโดยรวม {_stats_sentence(results.overall)}")
        for section in results.sections:
            if section.scale is not None and section.scale.mean is not None:
                paragraphs.append(f"ด้าน{section.section.title} {_stats_sentence(section.scale)}")
        paragraphs.append(
            "หมายเหตุ การแปลผลค่าเฉลี่ย (มากกว่า 4.50 มากที่สุด มากกว่า 3.50 มาก "
            "มากกว่า 2.50 ปานกลาง มากกว่า 1.50 น้อย นอกนั้นน้อยที่สุด) เป็นเกณฑ์ที่สำนักงาน"
            "เลือกใช้ ไม่ได้กำหนดไว้ในแผนปฏิบัติการ"
        )
    paragraphs.append(CLOSING)
    return paragraphs


def build_survey_draft(request, params) -> Draft:
    raw = (params.get("survey") or "").strip()
    if not is_number(raw) or len(raw) > 9:
        raise BadParameters("survey")
    survey = get_visible_or_404(
        request, Survey.objects.select_related("unit", "activity"), pk=int(raw)
    )
    results = compute_results(survey)
    if not results.response_count:
        raise BadParameters("survey")
    assignment = None
    if survey.activity_id is not None:
        assignment = (
            assignments()
            .visible_to(request.user)
            .filter(unit=survey.unit, activity=survey.activity_id)
            .first()
        )
    return Draft(
        kind="survey",
        subject=f"รายงานผล{survey.title} ประจำปีงบประมาณ พ.ศ. {survey.fiscal_year}",
        paragraphs=survey_paragraphs(results),
        parameters={"survey": survey.pk},
        assignment=assignment,
        subject_unit=survey.unit,
        context={"results": results},
    )


# -- 5S inspection results ------------------------------------------------------------------


def fives_subject(round_) -> str:
    return (
        f"รายงานผลการตรวจประเมินกิจกรรม 5 ส ไตรมาสที่ {round_.quarter} "
        f"ปีงบประมาณ พ.ศ. {round_.fiscal_year} ของ{round_.unit.name_th}"
    )


def fives_paragraphs(results, open_actions: dict) -> list[str]:
    """The memo's body from the round's ``results`` (the same ranking as its results page)
    and the number of corrective actions still open per office id."""
    round_ = results.round
    paragraphs = [
        f"ตามที่{round_.unit.name_th}ได้ดำเนินการตรวจประเมินกิจกรรม 5 ส (สะสาง สะดวก สะอาด "
        f"สุขลักษณะ สร้างนิสัย) ของสำนักงาน ไตรมาสที่ {round_.quarter} ปีงบประมาณ พ.ศ. "
        f"{round_.fiscal_year} ระหว่างวันที่ {_date(round_.opens_on)} ถึงวันที่ "
        f"{_date(round_.closes_on)} โดยคณะกรรมการตรวจประเมิน {results.assessor_count} คน นั้น",
        "บัดนี้ การตรวจประเมินได้เสร็จสิ้นแล้ว ผลคะแนน (เต็ม 100 คะแนน) เรียงตามลำดับ ดังนี้",
    ]
    for row in results.ranking:
        line = f"ลำดับที่ {row.rank} {row.unit.name_th} ได้ {row.score_display} คะแนน"
        if not row.complete:
            line += " (ตรวจประเมินไม่ครบทุกเกณฑ์)"
        count = open_actions.get(row.unit.pk, 0)
        if count:
            line += f" มีรายการที่ต้องปรับปรุงแก้ไขค้างอยู่ {count} รายการ"
        paragraphs.append(line)
    shown = [row.score_display for row in results.ranking]
    if round_.framework.tie_break and len(set(shown)) < len(shown):
        # Equal scores in the list: the reader is told how their order was decided.
        paragraphs.append(f"หมายเหตุ {round_.framework.tie_break}")
    paragraphs.append("รายการที่ต้องปรับปรุงแก้ไขที่ยังค้างอยู่ จะนำไปติดตามในการตรวจประเมินไตรมาสถัดไป")
    paragraphs.append(CLOSING)
    return paragraphs


def build_fives_draft(request, params) -> Draft:
    raw = (params.get("round") or "").strip()
    if not is_number(raw) or len(raw) > 9:
        raise BadParameters("round")
    round_ = get_visible_or_404(
        request,
        Round.objects.filter(
            framework__kind=Framework.Kind.FIVE_S, quarter__isnull=False
        ).select_related("framework", "unit"),
        pk=int(raw),
    )
    if not assessment_services.results_shown(request.user, round_):
        raise Http404
    results = assessment_services.results(round_)
    open_actions = fives.open_action_counts(round_)
    return Draft(
        kind="fives",
        subject=fives_subject(round_),
        paragraphs=fives_paragraphs(results, open_actions),
        parameters={"round": round_.pk},
        subject_unit=round_.unit,
        context={"results": results},
    )


register(MemoKind("activity", _("Activity result"), build_activity_draft))
register(MemoKind("quarterly", _("Quarterly progress report"), build_quarterly_draft))
register(MemoKind("complaints", _("Complaint statistics"), build_complaints_draft))
register(MemoKind("survey", _("Survey results"), build_survey_draft))
register(MemoKind("fives", _("Quarterly 5S inspection result"), build_fives_draft))
