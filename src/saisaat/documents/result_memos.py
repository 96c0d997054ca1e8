"""Result memos to the supervisor drafted from the page they summarise: the network partners
(3.4.1-3.4.2, ``partner_overview`` of the partners page), the moral organisation (4.4.3, the
participation overview's metrics), an innovation's before/after comparison (5.4.1, the
innovation page's ``compare``) and the budget disbursement (1.2.3, the budget page's
``build_overview``). Each memo states the page's own figures: one computation, two readers.

Registered as memo kinds (``documents.kinds.register``) when the app is ready.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.budget.months import month_name, month_start
from saisaat.budget.summary import build_overview
from saisaat.documents.kinds import (
    CLOSING,
    BadParameters,
    Draft,
    MemoKind,
    _date,
    _int_parameter,
    register,
)
from saisaat.orgs.access import get_unit_for_user
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import InnovationProject
from saisaat.participation.services.innovation import compare
from saisaat.participation.services.partners import partner_overview
from saisaat.plans.metrics import scope_for
from saisaat.plans.years import rolls_up
from saisaat.thai.calendar import fiscal_year, to_buddhist_year
from saisaat.thai.numbers import is_number
from saisaat.tracking.access import assignments

MORAL_METRICS = (
    "adopted_moral_goals",
    "moral_goal_participation",
    "moral_activities",
    "moral_activity_attendance",
)


def _unit_and_year(request, params):
    code = (params.get("unit") or "").strip()
    if not code or len(code) > 20:
        raise BadParameters("unit")
    unit = get_unit_for_user(request, code)
    if params.get("year"):
        year = _int_parameter(params, "year", low=2500, high=2700)
    else:
        year = fiscal_year(timezone.localdate())
    return unit, year


def office_assignment(request, unit, year: int, code: str):
    """The office's assignment of the plan activity numbered ``code`` (``"3.4.2"``) in the
    year's plan, when it has one the user sees."""
    dimension, measure, position = (int(part) for part in code.split("."))
    return (
        assignments()
        .visible_to(request.user)
        .filter(
            unit=unit,
            activity__measure__dimension__plan__fiscal_year=year,
            activity__measure__dimension__number=dimension,
            activity__measure__number=measure,
            activity__position=position,
        )
        .first()
    )


def _money(value) -> str:
    return f"{value:,.2f}"


def _pct(value) -> str:
    return "-" if value is None else f"{value:.2f}"


# -- partners (3.4.1-3.4.2) -----------------------------------------------------------------


def partner_paragraphs(overview) -> list[str]:
    unit = overview.unit
    paragraphs = [
        f"ตามที่{unit.name_th}ได้จัดทำแผนการแสวงหาความร่วมมือกับภาคีเครือข่ายในด้านการมีส่วนร่วม"
        f"ในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {overview.fiscal_year} นั้น",
        f"บัดนี้ได้สรุปผลการดำเนินการแล้ว มีความร่วมมือกับภาคีเครือข่าย {overview.engaged} "
        f"จาก {overview.type_count} ประเภท ทำบันทึกข้อตกลงความร่วมมือ (MOU) "
        f"{len(overview.mous)} ฉบับ และจัดกิจกรรมร่วมกับภาคีเครือข่าย "
        f"{len(overview.joint_activities)} กิจกรรม ดังนี้",
    ]
    number = 0
    for mou in overview.mous:
        number += 1
        names = ", ".join(p.name for p in mou.partners.all())
        paragraphs.append(f"{number}. {mou.title} ลงนามวันที่ {_date(mou.signed_on)} กับ {names}")
    for activity in overview.joint_activities:
        number += 1
        names = ", ".join(p.name for p in activity.partners.all())
        paragraphs.append(
            f"{number}. {activity.title} เมื่อวันที่ {_date(activity.held_on)} ร่วมกับ {names}"
        )
    engaged_types = [str(g.partner_type) for g in overview.groups if g.engaged]
    if engaged_types:
        paragraphs.append(f"ประเภทภาคีเครือข่ายที่มีส่วนร่วม ได้แก่ {', '.join(engaged_types)}")
    if overview.districts:
        paragraphs.append(
            f"รวมทั้งจังหวัด (สำนักงานจังหวัดและอำเภอ) มีความร่วมมือ "
            f"{overview.engaged_with_districts} จาก {overview.type_count} ประเภท"
        )
        for row in overview.districts:
            paragraphs.append(f"{row.unit.name_th} {row.engaged} ประเภท")
    paragraphs.append(CLOSING)
    return paragraphs


def build_partners_draft(request, params) -> Draft:
    unit, year = _unit_and_year(request, params)
    overview = partner_overview(unit, year)
    return Draft(
        kind="partners",
        subject="รายงานผลความร่วมมือกับภาคีเครือข่ายในด้านการมีส่วนร่วมในการปฏิบัติราชการ "
        f"ประจำปีงบประมาณ พ.ศ. {year}",
        paragraphs=partner_paragraphs(overview),
        parameters={"unit": unit.code, "year": year},
        assignment=office_assignment(request, unit, year, "3.4.2"),
        subject_unit=unit,
        context={"overview": overview},
    )


# -- moral organisation (4.4.3) -------------------------------------------------------------


def moral_values(unit, year: int, *, rolled_up: bool = False) -> dict:
    """The participation overview's cards for the moral organisation, by metric key."""
    scope = scope_for(unit, year, rolled_up=rolled_up)
    return {key: METRICS[key].compute(scope) for key in MORAL_METRICS}


def _share(value) -> str:
    return f"{value.numerator} จาก {value.denominator} คน คิดเป็นร้อยละ {value.value:.2f}"


def moral_paragraphs(unit, year: int, values: dict, *, rolled_up: bool = False) -> list[str]:
    """The memo's body; with ``rolled_up`` the figures are those of the office and the
    district offices below it, and the memo says so (as the budget memo does)."""
    goals = values["adopted_moral_goals"]
    activities = values["moral_activities"]
    whom = f"{unit.name_th}และสำนักงานพัฒนาชุมชนอำเภอ" if rolled_up else unit.name_th
    staff = "บุคลากรของสำนักงานทั้งหมด" if rolled_up else "บุคลากร"
    paragraphs = [
        f"ตามที่{whom}ได้จัดทำแผนการขับเคลื่อนองค์กรคุณธรรมแบบมีส่วนร่วมของบุคลากรในสังกัด "
        f"ประจำปีงบประมาณ พ.ศ. {year} นั้น บัดนี้ได้สรุปผลการดำเนินการแล้ว ดังนี้",
        f"1. {staff}มีส่วนร่วมในการกำหนดคุณธรรมเป้าหมาย {_share(values['moral_goal_participation'])}",
        f"2. กำหนดคุณธรรมเป้าหมายแล้ว {goals.value:.0f} เรื่อง",
        f"3. จัดกิจกรรมส่งเสริมองค์กรคุณธรรม {activities.value:.0f} กิจกรรม",
        f"4. {staff}เข้าร่วมกิจกรรมส่งเสริมองค์กรคุณธรรม {_share(values['moral_activity_attendance'])}",
        CLOSING,
    ]
    return paragraphs


def build_moral_draft(request, params) -> Draft:
    unit, year = _unit_and_year(request, params)
    rolled_up = rolls_up(unit, params.get("scope", ""))
    values = moral_values(unit, year, rolled_up=rolled_up)
    return Draft(
        kind="moral",
        subject=f"รายงานผลการขับเคลื่อนองค์กรคุณธรรม ประจำปีงบประมาณ พ.ศ. {year}",
        paragraphs=moral_paragraphs(unit, year, values, rolled_up=rolled_up),
        parameters={"unit": unit.code, "year": year, "scope": "all" if rolled_up else "own"},
        assignment=office_assignment(request, unit, year, "4.4.3"),
        subject_unit=unit,
        context={"values": values},
    )


# -- innovation comparison (5.4.1) ----------------------------------------------------------


def innovation_paragraphs(project, comparisons) -> list[str]:
    paragraphs = [
        f"ตามที่{project.unit.name_th}ได้จัดทำโครงการ/กิจกรรมที่เป็นนวัตกรรม {project.title} "
        f"ประจำปีงบประมาณ พ.ศ. {project.fiscal_year} เริ่มดำเนินการเมื่อวันที่ "
        f"{_date(project.started_on)} นั้น",
        "บัดนี้ได้สรุปผลสำเร็จของการดำเนินงานโดยเปรียบเทียบข้อมูลก่อนและหลังดำเนินการ "
        f"จำนวน {len(comparisons)} รายการ ดังนี้",
    ]
    for number, comparison in enumerate(comparisons, start=1):
        measurement = comparison.measurement
        unit_label = f" {measurement.unit_label}" if measurement.unit_label else ""
        paragraphs.append(
            f"{number}. {measurement.metric} ก่อน {comparison.before_text}{unit_label} "
            f"หลัง {comparison.after_text}{unit_label} {comparison.summary}"
        )
    improved = sum(1 for c in comparisons if c.improved)
    paragraphs.append(f"ดีขึ้น {improved} จาก {len(comparisons)} รายการ")
    paragraphs.append(CLOSING)
    return paragraphs


def build_innovation_draft(request, params) -> Draft:
    raw = (params.get("project") or "").strip()
    if not is_number(raw) or len(raw) > 9:
        raise BadParameters("project")
    project = get_visible_or_404(
        request, InnovationProject.objects.select_related("unit"), pk=int(raw)
    )
    comparisons = [compare(m) for m in project.measurements.order_by("pk")]
    if not comparisons:
        raise BadParameters("project")
    assignment = office_assignment(request, project.unit, project.fiscal_year, "5.4.1")
    return Draft(
        kind="innovation",
        subject=f"รายงานผลสำเร็จของนวัตกรรม {project.title}"[:480],
        paragraphs=innovation_paragraphs(project, comparisons),
        parameters={"project": project.pk},
        assignment=assignment,
        subject_unit=project.unit,
        context={"comparisons": comparisons},
    )


# -- budget disbursement (1.2.3) ------------------------------------------------------------


def budget_paragraphs(overview) -> list[str]:
    unit = overview.unit
    total = overview.total
    whom = f"{unit.name_th}และสำนักงานพัฒนาชุมชนอำเภอ" if overview.rolled_up else unit.name_th
    paragraphs = [
        f"{whom}ได้รับจัดสรรงบประมาณ ประจำปีงบประมาณ พ.ศ. {overview.year} "
        f"รวม {_money(total.planned)} บาท",
    ]
    if overview.as_of:
        paragraphs.append(
            f"ณ สิ้นเดือน{month_name(overview.as_of)} "
            f"{to_buddhist_year(month_start(overview.year, overview.as_of).year)} เบิกจ่ายแล้ว "
            f"{_money(total.disbursed_to_date)} บาท คิดเป็นร้อยละ {_pct(total.percent_of_year)} "
            f"ของงบประมาณทั้งปี (เป้าหมายร้อยละ {_pct(total.target)}) "
            f"และร้อยละ {_pct(total.percent_of_plan)} ของแผนการใช้จ่ายถึงเดือนดังกล่าว "
            f"คงเหลือ {_money(total.remaining)} บาท"
        )
    for row in overview.quarters:
        if not row.ended:
            continue
        verdict = "เป็นไปตามเป้าหมาย" if row.meets_target else "ต่ำกว่าเป้าหมาย"
        paragraphs.append(
            f"ไตรมาสที่ {row.quarter} เบิกจ่ายสะสม {_money(row.cumulative_disbursed)} บาท "
            f"ร้อยละ {_pct(row.disbursed_percent)} (เป้าหมายร้อยละ {_pct(row.target)}) {verdict}"
        )
    paragraphs.append(CLOSING)
    return paragraphs


def build_budget_draft(request, params) -> Draft:
    unit, year = _unit_and_year(request, params)
    as_of = None
    if params.get("month"):
        as_of = _int_parameter(params, "month", low=1, high=12)
    rolled_up = rolls_up(unit, params.get("scope", ""))
    overview = build_overview(unit, year, rolled_up=rolled_up, as_of=as_of)
    if not overview.total.planned:
        raise BadParameters("year")
    return Draft(
        kind="budget",
        subject=f"รายงานผลการเบิกจ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {year}",
        paragraphs=budget_paragraphs(overview),
        parameters={
            "unit": unit.code,
            "year": year,
            "month": overview.as_of,
            "scope": "all" if rolled_up else "own",
        },
        assignment=office_assignment(request, unit, year, "1.2.3"),
        subject_unit=unit,
        context={"overview": overview},
    )


def register_kinds() -> None:
    register(MemoKind("partners", _("Network partner results"), build_partners_draft))
    register(MemoKind("moral", _("Moral organisation results"), build_moral_draft))
    register(MemoKind("innovation", _("Innovation comparison"), build_innovation_draft))
    register(MemoKind("budget", _("Budget disbursement"), build_budget_draft))
