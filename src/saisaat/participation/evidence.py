"""Participation records as evidence, through the evidence seam (``plans.evidence``).

Six kinds: the office's certificate list of a course, a declaration's acknowledgement
progress as a sign-off sheet, the year's moral goals with their votes, an activity's
attendance list, an MOU with its partners, and an innovation's before/after comparison.
Each lists the office's own records of the year and makes a dated PDF with the Thai PDF
engine (``core.thaipdf``); the PDF is the evidence, so later changes do not alter it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import IntegerField, Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.core.thaipdf import record_report_pdf
from saisaat.orgs.models import Unit
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import (
    Certificate,
    Declaration,
    InnovationProject,
    MemorandumOfUnderstanding,
    OfficeActivity,
)
from saisaat.participation.services import activities as activity_services
from saisaat.participation.services import declarations as declaration_services
from saisaat.participation.services import goals as goal_services
from saisaat.participation.services.innovation import compare
from saisaat.plans import checklist
from saisaat.plans.evidence import EvidenceSource, Placement, Snapshot
from saisaat.plans.metrics import Scope
from saisaat.thai.calendar import fiscal_year_bounds, format_thai_date


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def _as_of(on: date) -> tuple[str, str]:
    return (_("As of"), format_thai_date(on))


def _percent_text(part: int, whole: int) -> str:
    if not whole:
        return "–"
    return f"{part * 100 / whole:.0f}%"


def _for(queryset, unit: Unit, fiscal_year: int):
    """The records with the office and year they are listed for, which a snapshot of a
    year-wide list needs (the record alone does not say)."""
    return queryset.annotate(
        for_unit=Value(unit.pk, output_field=IntegerField()),
        for_year=Value(fiscal_year, output_field=IntegerField()),
    )


def _not_placed(_record) -> Placement | None:
    return None


# ---------------------------------------------------------------------------- certificates


def certified_offices(unit: Unit, fiscal_year: int):
    """The office itself when any of its staff holds an anti-corruption course certificate
    of the year: its list is the indicator's (``staff_certified``)."""
    first, last = fiscal_year_bounds(fiscal_year)
    held = Certificate.objects.filter(
        course__counts_for_anti_corruption=True,
        issued_on__range=(first, last),
        staff__unit=unit,
    )
    return _for(
        Unit.objects.filter(pk=unit.pk, pk__in=held.values("staff__unit_id")), unit, fiscal_year
    )


def certificates_scope(office: Unit, fiscal_year: int, on: date | None, activity=None) -> Scope:
    """The indicator's scope for one office: the fiscal year up to the end of the
    activity's period (the indicators' default window) and the snapshot's day."""
    period = (activity.period_start, activity.period_end) if activity is not None else None
    return Scope(
        unit=office,
        unit_ids=(office.pk,),
        fiscal_year=fiscal_year,
        as_of=on,
        window_end=period[1] if period else None,
        period=period,
    )


def certificates_snapshot(office: Unit, on: date | None, activity=None) -> Snapshot:
    """The certificate list as the indicator counts it: the people and the number both come
    from ``METRICS["staff_certified"]`` for the office and the activity's window."""
    day = _today(on)
    scope = certificates_scope(office, office.for_year, day, activity)
    listed = METRICS["staff_certified"].records(scope)
    done, pending = listed["done"], listed["pending"]
    held: dict[int, Certificate] = {}
    for certificate in (
        Certificate.objects.filter(
            staff__in=done,
            course__counts_for_anti_corruption=True,
            issued_on__range=(scope.first_day, scope.last_day),
        )
        .select_related("course")
        .order_by("issued_on", "pk")
    ):
        held.setdefault(certificate.staff_id, certificate)
    people = len(done) + len(pending)
    title = _("Certificate list: %(office)s") % {"office": office.name_th}
    content = record_report_pdf(
        title,
        [
            (_("Office"), office.name_th),
            (_("Fiscal year"), str(office.for_year)),
            (_("Counted from"), format_thai_date(scope.first_day)),
            (_("Counted until"), format_thai_date(scope.last_day)),
            (_("Holders"), f"{len(done)} / {people} ({_percent_text(len(done), people)})"),
            _as_of(day),
        ],
        [_("Name"), _("Course"), _("Certificate number"), _("Issued on")],
        [
            [
                str(person),
                held[person.pk].course.name_th if person.pk in held else "–",
                (held[person.pk].number or "–") if person.pk in held else "–",
                format_thai_date(held[person.pk].issued_on, abbreviated=True)
                if person.pk in held
                else _("Not yet"),
            ]
            for person in done + pending
        ],
        widths=(46, 54, 42, 32),
    )
    return Snapshot(content, "certificate-list.pdf", title[:300], day)


CERTIFICATES = EvidenceSource(
    kind=checklist.CERTIFICATES,
    label=gettext_lazy("Certificate list"),
    records=certified_offices,
    placement=_not_placed,
    snapshot=certificates_snapshot,
    describe=lambda office: (
        _("Anti-corruption course certificates of %(office)s") % {"office": office.name_th}
    ),
    windowed=True,
)


# ---------------------------------------------------------------------------- sign-off sheet


def unit_declarations(unit: Unit, fiscal_year: int):
    return _for(
        declaration_services.declarations_for_unit(unit).filter(fiscal_year=fiscal_year),
        unit,
        fiscal_year,
    )


def signoff_snapshot(declaration: Declaration, on: date | None) -> Snapshot:
    unit = Unit.objects.get(pk=declaration.for_unit)
    version = declaration_services.current_version(declaration)
    if version is None:
        raise ValidationError(_("This declaration has no published text to acknowledge yet."))
    rows = declaration_services.people_rows(declaration, version, within=unit, own_only=True)
    signed = sum(1 for row in rows if row.acknowledged)
    title = _("Sign-off sheet: %(title)s") % {"title": declaration.title}
    content = record_report_pdf(
        title,
        [
            (_("Office"), unit.name_th),
            (_("Version"), str(version.number)),
            (_("Acknowledged"), f"{signed} / {len(rows)} ({_percent_text(signed, len(rows))})"),
            _as_of(_today(on)),
        ],
        [_("Name"), _("Acknowledged on"), _("How")],
        [
            [
                str(row.staff),
                format_thai_date(row.acknowledged_on) if row.acknowledged else _("Not signed yet"),
                ("" if not row.acknowledged else _("In the app") if row.in_app else _("On paper")),
            ]
            for row in rows
        ],
        widths=(84, 50, 40),
    )
    return Snapshot(content, "sign-off-sheet.pdf", title[:300], _today(on))


SIGNOFF = EvidenceSource(
    kind=checklist.DECLARATION_SIGNOFF,
    label=gettext_lazy("Declaration sign-off sheet"),
    records=unit_declarations,
    placement=_not_placed,
    snapshot=signoff_snapshot,
    describe=lambda declaration: declaration.title,
)


# ---------------------------------------------------------------------------- moral goals


def goal_years(unit: Unit, fiscal_year: int):
    return _for(
        Unit.objects.filter(pk=unit.pk, moral_goals__fiscal_year=fiscal_year).distinct(),
        unit,
        fiscal_year,
    )


def goals_snapshot(unit: Unit, on: date | None) -> Snapshot:
    goals = list(goal_services.goals_for(unit, unit.for_year))
    share = goal_services.participation(unit, unit.for_year)
    title = _("Moral goals and votes: %(unit)s, fiscal year %(year)s") % {
        "unit": unit.name_th,
        "year": unit.for_year,
    }
    content = record_report_pdf(
        title,
        [
            (_("Staff who took part"), f"{share.numerator or 0} / {share.denominator or 0}"),
            _as_of(_today(on)),
        ],
        [_("Kind"), _("Virtue"), _("Goal"), _("Votes"), _("Adopted")],
        [
            [
                goal.get_kind_display(),
                goal.get_virtue_display(),
                goal.text,
                str(goal.vote_count),
                _("Yes") if goal.adopted_at else "",
            ]
            for goal in goals
        ],
        widths=(38, 22, 82, 16, 16),
    )
    return Snapshot(content, "moral-goals.pdf", title[:300], _today(on))


GOALS = EvidenceSource(
    kind=checklist.MORAL_GOALS,
    label=gettext_lazy("Moral goals and votes"),
    records=goal_years,
    placement=_not_placed,
    snapshot=goals_snapshot,
    describe=lambda unit: _("Moral goals of fiscal year %(year)s") % {"year": unit.for_year},
)


# ---------------------------------------------------------------------------- attendance


def unit_activities(unit: Unit, fiscal_year: int):
    return OfficeActivity.objects.filter(
        unit=unit, held_on__range=fiscal_year_bounds(fiscal_year)
    ).order_by("-held_on", "-pk")


def activity_placement(activity) -> Placement | None:
    if activity.plan_activity_id is None:
        return None
    return Placement(unit_id=activity.unit_id, activity_id=activity.plan_activity_id)


def attendance_snapshot(activity: OfficeActivity, on: date | None) -> Snapshot:
    figures = activity_services.activity_attendance(activity)
    present = list(activity.attendance.select_related("staff").order_by("pk"))
    title = _("Attendance list: %(title)s") % {"title": activity.title}
    content = record_report_pdf(
        title,
        [
            (_("Held on"), format_thai_date(activity.held_on)),
            (_("Place"), activity.place or "–"),
            (
                _("Attended"),
                f"{figures['present']} / {figures['staff']} "
                f"({_percent_text(figures['present'], figures['staff'])})",
            ),
            _as_of(_today(on)),
        ],
        [_("No."), _("Name")],
        [[str(number), str(row.staff)] for number, row in enumerate(present, start=1)],
        widths=(16, 158),
    )
    return Snapshot(content, "attendance.pdf", title[:300], activity.held_on)


ATTENDANCE = EvidenceSource(
    kind=checklist.ATTENDANCE,
    label=gettext_lazy("Activity attendance list"),
    records=unit_activities,
    placement=activity_placement,
    snapshot=attendance_snapshot,
    describe=lambda activity: f"{activity.title} ({format_thai_date(activity.held_on)})",
)


# ---------------------------------------------------------------------------- MOU


def unit_mous(unit: Unit, fiscal_year: int):
    return MemorandumOfUnderstanding.objects.filter(unit=unit, fiscal_year=fiscal_year)


def mou_snapshot(mou: MemorandumOfUnderstanding, on: date | None) -> Snapshot:
    partners = list(mou.partners.select_related("partner_type").order_by("name"))
    title = _("Memorandum of understanding: %(title)s") % {"title": mou.title}
    content = record_report_pdf(
        title,
        [
            (_("Signed on"), format_thai_date(mou.signed_on)),
            (_("Fiscal year"), str(mou.fiscal_year)),
            _as_of(_today(on)),
        ],
        [_("Partner"), _("Partner type"), _("Contact")],
        [[p.name, str(p.partner_type), p.contact or "–"] for p in partners],
        widths=(74, 50, 50),
    )
    return Snapshot(content, "mou.pdf", title[:300], mou.signed_on)


MOU = EvidenceSource(
    kind=checklist.MOU,
    label=gettext_lazy("MOU with partners"),
    records=unit_mous,
    placement=_not_placed,
    snapshot=mou_snapshot,
    describe=lambda mou: f"{mou.title} ({format_thai_date(mou.signed_on)})",
)


# ---------------------------------------------------------------------------- innovation


def unit_innovations(unit: Unit, fiscal_year: int):
    return InnovationProject.objects.filter(unit=unit, fiscal_year=fiscal_year)


def innovation_placement(project) -> Placement | None:
    if project.plan_activity_id is None:
        return None
    return Placement(unit_id=project.unit_id, activity_id=project.plan_activity_id)


def comparison_snapshot(project: InnovationProject, on: date | None) -> Snapshot:
    comparisons = [compare(m) for m in project.measurements.order_by("pk")]
    if not comparisons:
        raise ValidationError(_("This innovation has no before and after figures yet."))
    title = _("Innovation comparison: %(title)s") % {"title": project.title}
    content = record_report_pdf(
        title,
        [
            (_("Started on"), format_thai_date(project.started_on)),
            (_("Description"), project.description or "–"),
            _as_of(_today(on)),
        ],
        [_("What is measured"), _("Before"), _("After"), _("Change")],
        [
            [
                f"{c.measurement.metric} ({c.measurement.unit_label})".replace(" ()", ""),
                c.before_text,
                c.after_text,
                c.summary,
            ]
            for c in comparisons
        ],
        widths=(62, 28, 28, 56),
    )
    return Snapshot(content, "innovation-comparison.pdf", title[:300], _today(on))


INNOVATION = EvidenceSource(
    kind=checklist.INNOVATION_COMPARISON,
    label=gettext_lazy("Innovation before/after comparison"),
    records=unit_innovations,
    placement=innovation_placement,
    snapshot=comparison_snapshot,
    describe=lambda project: project.title,
)

SOURCES = (CERTIFICATES, SIGNOFF, GOALS, ATTENDANCE, MOU, INNOVATION)
