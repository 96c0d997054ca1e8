"""5S workplace inspections on the rubric engine (dimension 2.1 of the plan).

An office keeps one 5S checklist: a framework of kind ``5s`` whose five sections are the
five S and whose criteria are each S in each of the office's work areas. Its managers add
and remove work areas while no round of the checklist has opened (the engine's rule for
frameworks in use). Each quarter of the fiscal year the office runs one round over itself
and the offices directly below it; a weak criterion gets a corrective action, which stays
on the office's next rounds until it is closed.
"""

from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.assessments import aggregation
from saisaat.assessments.models import (
    CorrectiveAction,
    Criterion,
    FivesProgramme,
    Framework,
    Round,
    Section,
    WorkArea,
    round_manager,
)
from saisaat.assessments.services import AssessmentError, create_round, results
from saisaat.audit import services as audit
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import can_manage_unit, require_manager
from saisaat.participation.models import EnvironmentActivity, EnvironmentTopic
from saisaat.thai.calendar import fiscal_quarter, fiscal_quarter_bounds, fiscal_year_bounds

# The five S: (section code, title, what an inspector looks for).
FIVE_S = [
    ("ส1", "สะสาง", "แยกของที่จำเป็นออกจากของที่ไม่จำเป็น และขจัดของที่ไม่จำเป็นออกไป"),
    ("ส2", "สะดวก", "จัดวางสิ่งของให้เป็นระเบียบ มีป้ายบอก หยิบใช้และเก็บคืนได้ง่าย"),
    ("ส3", "สะอาด", "ทำความสะอาดพื้นที่ เครื่องมือ และอุปกรณ์ ไม่มีฝุ่นหรือคราบสกปรก"),
    ("ส4", "สุขลักษณะ", "รักษาสภาพ ๓ ส ข้างต้นให้คงอยู่ ถูกสุขลักษณะ ปลอดภัย"),
    ("ส5", "สร้างนิสัย", "ทุกคนปฏิบัติตามมาตรฐานที่ร่วมกันกำหนดจนเป็นนิสัย"),
]
MAX_POINTS = 5
# A criterion whose mean is below this share of its maximum is weak: the results page
# offers a corrective action for it.
WEAK_SHARE = Fraction(3, 5)
AREA_FIELDS = ["unit", "position", "name"]
ACTION_FIELDS = ["round", "unit", "criterion", "action", "responsible", "due_on"]


def checklist_of(unit: Unit) -> Framework | None:
    return Framework.objects.filter(kind=Framework.Kind.FIVE_S, unit=unit).first()


def in_use(framework: Framework) -> bool:
    return framework.rounds.exclude(status=Round.Status.DRAFT).exists()


def _checklist_for_change(unit: Unit, acting_user: User | None = None) -> Framework:
    framework = checklist_of(unit)
    if framework is None:
        framework = Framework.objects.create(
            code=f"5s-{unit.code}",
            kind=Framework.Kind.FIVE_S,
            unit=unit,
            title=f"แบบตรวจประเมิน ๕ ส {unit.name_th}",
            rule=Framework.Rule.WEIGHTED_MEAN,
            tie_break="เมื่อคะแนนรวมเท่ากัน พิจารณาคะแนนด้านสะสาง สะดวก สะอาด สุขลักษณะ และสร้างนิสัย ตามลำดับ",
        )
        for position, (code, title, description) in enumerate(FIVE_S, start=1):
            Section.objects.create(
                framework=framework,
                position=position,
                code=code,
                title=title,
                description=description,
            )
        audit.record_created(
            acting_user, "assessments.checklist_created", framework, ["code", "kind"]
        )
    # Locked: two managers adding areas at once would take the same positions.
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if in_use(framework):
        raise AssessmentError(_("A round of this checklist has opened: its work areas are fixed."))
    return framework


@transaction.atomic
def add_work_area(unit: Unit, name: str, *, acting_user: User | None = None) -> WorkArea:
    """A work area of ``unit`` and its five criteria (one per S, 0–5 points) in the
    office's 5S checklist, which is made on the first area."""
    require_manager(acting_user, unit)
    name = " ".join(name.split())
    if not name:
        raise AssessmentError(_("Name the work area."))
    framework = _checklist_for_change(unit, acting_user)
    if WorkArea.objects.filter(unit=unit, name=name).exists():
        raise AssessmentError(_("The office already has a work area of this name."))
    position = WorkArea.objects.filter(unit=unit).order_by("-position").first()
    area = WorkArea.objects.create(
        unit=unit, position=(position.position + 1) if position else 1, name=name
    )
    for section in framework.sections.all():
        Criterion.objects.create(
            section=section,
            position=area.position,
            code=f"{section.code}.{area.position}",
            title=f"{section.title} · {name}",
            guidance=section.description,
            scale=Criterion.Scale.POINTS,
            max_points=MAX_POINTS,
            work_area=area,
        )
    audit.record_created(acting_user, "assessments.work_area_added", area, AREA_FIELDS)
    return area


@transaction.atomic
def remove_work_area(area: WorkArea, *, acting_user: User | None = None) -> None:
    """Removes a work area and its criteria, while no round of the checklist has opened."""
    require_manager(acting_user, area.unit)
    _checklist_for_change(area.unit, acting_user)
    if area.criteria.filter(scores__isnull=False).exists():
        raise AssessmentError(_("A round of this checklist has opened: its work areas are fixed."))
    audit.record_deleted(acting_user, "assessments.work_area_removed", area, AREA_FIELDS)
    area.criteria.all().delete()
    area.delete()


# ---------------------------------------------------------------------------- rounds


def quarter_title(unit: Unit, fiscal_year: int, quarter: int) -> str:
    return (
        f"การตรวจประเมินกิจกรรม ๕ ส {unit.short_name_th or unit.name_th} "
        f"ไตรมาสที่ {quarter} ปีงบประมาณ พ.ศ. {fiscal_year}"
    )


@transaction.atomic
def create_quarter_round(
    unit: Unit,
    *,
    fiscal_year: int,
    quarter: int,
    assessors,
    acting_user: User | None = None,
) -> Round:
    """The office's 5S round of one quarter, in one step: its checklist, itself and the
    offices directly below it, the quarter's first and last day."""
    framework = checklist_of(unit)
    if framework is None or not framework.sections.filter(criteria__isnull=False).exists():
        raise AssessmentError(_("Add the office's work areas to its 5S checklist first."))
    if quarter not in (1, 2, 3, 4):
        raise AssessmentError(_("A quarter is 1 to 4."))
    if Round.objects.filter(framework=framework, fiscal_year=fiscal_year, quarter=quarter).exists():
        raise AssessmentError(_("The office already has a round of this quarter."))
    opens_on, closes_on = fiscal_quarter_bounds(fiscal_year, quarter)
    offices = [unit, *Unit.objects.filter(parent=unit).order_by("code")]
    return create_round(
        framework,
        unit,
        fiscal_year=fiscal_year,
        quarter=quarter,
        title=quarter_title(unit, fiscal_year, quarter),
        opens_on=opens_on,
        closes_on=closes_on,
        assessed_units=offices,
        assessors=assessors,
        acting_user=acting_user,
    )


# ---------------------------------------------------------------------------- actions


def may_record_action(user, round_: Round) -> bool:
    """The round's assessors (once it is open) and the managers of the office running it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if round_manager(user, round_):
        return True
    return round_.status != Round.Status.DRAFT and round_.assessors.filter(pk=user.pk).exists()


def may_close_action(user, action: CorrectiveAction) -> bool:
    """The managers of the office running the round, and those of the office corrected."""
    return can_manage_unit(user, action.round.unit_id) or can_manage_unit(user, action.unit_id)


@transaction.atomic
def record_action(
    round_: Round,
    unit: Unit,
    criterion: Criterion,
    *,
    action: str,
    responsible: str,
    due_on: date,
    acting_user: User | None = None,
) -> CorrectiveAction:
    """A corrective action for ``unit`` on ``criterion`` of ``round_``."""
    if acting_user is not None and not may_record_action(acting_user, round_):
        raise PermissionDenied
    if round_.status == Round.Status.DRAFT:
        raise AssessmentError(_("The round has not opened yet."))
    if round_.status == Round.Status.PUBLISHED:
        raise AssessmentError(
            _("The round's results are published: its corrective actions are closed to additions.")
        )
    if not round_.assessed_units.filter(pk=unit.pk).exists():
        raise AssessmentError(_("This office is not assessed in this round."))
    if criterion.section.framework_id != round_.framework_id:
        raise AssessmentError(_("This criterion is not in the round's framework."))
    action, responsible = action.strip(), " ".join(responsible.split())
    if not action or not responsible:
        raise AssessmentError(_("Say what is to be done and who does it."))
    if due_on < round_.opens_on:
        raise AssessmentError(_("The due date is on or after the day the round opened."))
    record = CorrectiveAction.objects.create(
        round=round_,
        unit=unit,
        criterion=criterion,
        action=action,
        responsible=responsible[:200],
        due_on=due_on,
        created_by=acting_user,
    )
    audit.record_created(
        acting_user,
        "assessments.corrective_action_recorded",
        record,
        ACTION_FIELDS,
        fiscal_year=round_.fiscal_year,
    )
    return record


@transaction.atomic
def close_action(
    action: CorrectiveAction, *, outcome: str = "", acting_user: User | None = None
) -> CorrectiveAction:
    """Marks a corrective action done, with what was done; it leaves the next rounds."""
    locked = CorrectiveAction.objects.select_for_update().select_related("round").get(pk=action.pk)
    if acting_user is not None and not may_close_action(acting_user, locked):
        raise PermissionDenied
    if locked.closed_at is not None:
        raise AssessmentError(_("This corrective action is already closed."))
    before = audit.snapshot(locked, ["closed_at", "closed_by", "outcome"])
    locked.closed_at = timezone.now()
    locked.closed_by = acting_user
    locked.outcome = outcome.strip()
    locked.save(update_fields=["closed_at", "closed_by", "outcome"])
    audit.record_changed(
        acting_user,
        "assessments.corrective_action_closed",
        locked,
        before,
        fiscal_year=locked.round.fiscal_year,
    )
    action.closed_at, action.closed_by, action.outcome = (
        locked.closed_at,
        locked.closed_by,
        locked.outcome,
    )
    return action


def as_of(round_: Round) -> datetime | None:
    """The moment a round's corrective actions are counted at: its publication, after
    which its pages and memo no longer change; ``None`` (now) until then."""
    return round_.published_at


def actions_as_of(round_: Round, *, own: bool = True):
    """The corrective actions of the checklist still open at ``as_of(round_)``: recorded
    before that moment and not closed by then, from the earlier rounds and, with ``own``,
    from ``round_`` itself (what goes on to the next quarter). The one definition the
    scoring, actions and results pages and the memo all count by."""
    earlier = Q(round__opens_on__lt=round_.opens_on)
    actions = CorrectiveAction.objects.filter(round__framework_id=round_.framework_id).filter(
        earlier | Q(round=round_) if own else earlier
    )
    moment = as_of(round_)
    if moment is None:
        return actions.filter(closed_at__isnull=True)
    return actions.filter(created_at__lt=moment).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gt=moment)
    )


def open_action_counts(round_: Round) -> dict[int, int]:
    """Per office id, the number of ``actions_as_of(round_)`` (one query)."""
    return dict(
        actions_as_of(round_)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )


def carried_actions(round_: Round, unit: Unit):
    """The corrective actions of ``unit`` from the earlier rounds of the same checklist
    still open as of ``round_``: what its inspectors check first."""
    return (
        actions_as_of(round_, own=False)
        .filter(unit=unit)
        .select_related("round", "criterion")
        .order_by("due_on", "pk")
    )


def weak_criteria(round_: Round, unit: Unit) -> list[Criterion]:
    """The criteria on which the assessors' mean for ``unit`` is below three fifths of the
    maximum (or that nobody scored): those a corrective action is for."""
    criteria = list(
        Criterion.objects.filter(section__framework_id=round_.framework_id)
        .select_related("section", "work_area")
        .order_by("work_area__position", "section__position")
    )
    points: dict = {}
    for criterion_id, value in round_.scores.filter(unit=unit).values_list(
        "criterion_id", "points"
    ):
        points.setdefault((unit.pk, criterion_id), []).append(value)
    means = aggregation.criterion_means(
        [aggregation.CriterionSpec(c.pk, c.section.code, c.max_points) for c in criteria], points
    )
    return [c for c in criteria if means.get((unit.pk, c.pk), 0) < WEAK_SHARE]


# ---------------------------------------------------------------------------- trend


@dataclass
class TrendRow:
    unit: Unit
    scores: list  # one per quarter 1..4: Decimal or None

    @property
    def values(self):
        return [s for s in self.scores if s is not None]


@dataclass
class Trend:
    unit: Unit
    fiscal_year: int
    rounds: list  # one per quarter 1..4: Round or None
    rows: list[TrendRow]


def trend(unit: Unit, fiscal_year: int, rounds) -> Trend:
    """Each assessed office's 5S score in each quarter of ``fiscal_year``, from the
    office's quarterly rounds given in ``rounds`` (those whose results the reader may see),
    by the same aggregation as each round's results page."""
    by_quarter = {r.quarter: r for r in rounds if r.quarter}
    scores: dict[int, dict[int, object]] = {}
    units: dict[int, Unit] = {}
    for quarter, round_ in by_quarter.items():
        for row in results(round_).ranking:
            units[row.unit.pk] = row.unit
            scores.setdefault(row.unit.pk, {})[quarter] = row.score_display
    rows = [
        TrendRow(office, [scores[office.pk].get(q) for q in (1, 2, 3, 4)])
        for office in sorted(units.values(), key=lambda u: u.code)
    ]
    return Trend(unit, fiscal_year, [by_quarter.get(q) for q in (1, 2, 3, 4)], rows)


def quarter_means(data: Trend) -> list:
    """The mean of the offices' scores in each quarter (``None`` for a quarter without a
    round shown), rounded for display like the scores."""
    means = []
    for index in range(4):
        values = [row.scores[index] for row in data.rows if row.scores[index] is not None]
        if not values:
            means.append(None)
            continue
        total = sum((Fraction(v) for v in values), Fraction(0)) / len(values)
        means.append(aggregation.as_decimal(total))
    return means


# ---------------------------------------------------------------------------- programme

PROGRAMME_FIELDS = ["unit", "fiscal_year", "measures", "appointed_by", "working_group"]


@transaction.atomic
def save_programme(
    unit: Unit,
    fiscal_year: int,
    *,
    measures: str,
    working_group,
    appointed_by: str = "",
    acting_user: User | None = None,
) -> FivesProgramme:
    """The office's 5S measures and working group of ``fiscal_year`` (a second call
    changes them). The members are the office's own active staff in the registry."""
    require_manager(acting_user, unit)
    measures = measures.strip()
    if not measures:
        raise AssessmentError(_("Write the office's 5S measures."))
    members = list(working_group)
    if not members:
        raise AssessmentError(_("Choose the members of the 5S working group."))
    if any(m.unit_id != unit.pk or not m.is_active for m in members):
        raise AssessmentError(_("The working group is chosen from the office's own staff."))
    programme = (
        FivesProgramme.objects.select_for_update()
        .filter(unit=unit, fiscal_year=fiscal_year)
        .first()
    )
    if programme is None:
        programme = FivesProgramme.objects.create(
            unit=unit,
            fiscal_year=fiscal_year,
            measures=measures,
            appointed_by=appointed_by.strip(),
        )
        programme.working_group.set(members)
        audit.record_created(
            acting_user, "assessments.fives_programme_recorded", programme, PROGRAMME_FIELDS
        )
        return programme
    before = audit.snapshot(programme, PROGRAMME_FIELDS)
    programme.measures, programme.appointed_by = measures, appointed_by.strip()
    programme.save(update_fields=["measures", "appointed_by", "updated_at"])
    programme.working_group.set(members)
    audit.record_changed(acting_user, "assessments.fives_programme_changed", programme, before)
    return programme


def environment_by_topic(unit: Unit, fiscal_year: int) -> list[tuple[str, str, list[int]]]:
    """The office's workplace-environment activities of the year (kept by the
    participation app), as ``(topic, label, [count in quarter 1..4])`` for each topic
    held: 2.1.4 asks for 5S activities once a quarter, 2.2.1 for waste sorting and No foam."""
    counts: dict[str, list[int]] = {}
    for topic, held_on in (
        EnvironmentActivity.objects.filter(
            unit=unit, held_on__range=fiscal_year_bounds(fiscal_year)
        )
        .order_by()
        .values_list("topic", "held_on")
    ):
        counts.setdefault(topic, [0, 0, 0, 0])[fiscal_quarter(held_on) - 1] += 1
    labels = dict(EnvironmentTopic.choices)
    return [(topic, labels[topic], counts[topic]) for topic in labels if topic in counts]
