"""Memos, orders and announcements as evidence: a memo about an assignment files its PDF as
evidence of that activity through the evidence seam (``plans.evidence``), once; an issued
order or announcement about a plan activity satisfies the checklist items that ask for a
ประกาศ/คำสั่ง (``plans.checklist.OFFICIAL_DOCUMENT``) with its issued PDF."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.documents.models import Memo, OfficialDocument
from saisaat.plans.evidence import EvidenceSource, Placement, Snapshot
from saisaat.thai.calendar import fiscal_year_bounds

MEMO = "memo"


def linkable_memos(unit, fiscal_year: int):
    return Memo.objects.filter(
        unit=unit,
        assignment__isnull=False,
        evidence__isnull=True,
        date__range=fiscal_year_bounds(fiscal_year),
    )


def lock(memo: Memo) -> Memo:
    return Memo.objects.select_for_update(of=("self",)).select_related("assignment").get(pk=memo.pk)


def placement(memo: Memo) -> Placement | None:
    if memo.assignment is None:
        return None
    return Placement(unit_id=memo.assignment.unit_id, activity_id=memo.assignment.activity_id)


def memo_snapshot(memo: Memo, on: date | None) -> Snapshot:
    """The memo's PDF as generated; dated the memo's own date."""
    if memo.evidence_id is not None:
        raise ValidationError(_("This memo is already attached as evidence."))
    with memo.pdf.open("rb") as stored:
        data = stored.read()
    return Snapshot(
        content=data,
        filename=f"บันทึกข้อความ-{memo.pk}.pdf",
        title=f"บันทึกข้อความ ที่ {memo.number} เรื่อง {memo.subject}"[:300],
        effective_date=memo.date,
    )


def remember(memo: Memo, item) -> None:
    memo.evidence = item
    memo.save(update_fields=["evidence"])


SOURCE = EvidenceSource(
    kind=MEMO,
    label=gettext_lazy("Memo"),
    records=linkable_memos,
    placement=placement,
    snapshot=memo_snapshot,
    attached=remember,
    lock=lock,
    not_placed_message=gettext_lazy(
        "This memo is not about an activity, so it cannot be its evidence."
    ),
)


# -- orders and announcements ---------------------------------------------------------------

OFFICIAL_DOCUMENT = "official-document"


def linkable_official_documents(unit, fiscal_year: int):
    """The office's issued orders and announcements of the year: those about an activity of
    that year's plan, or dated in the fiscal year."""
    return (
        OfficialDocument.objects.issued()
        .filter(unit=unit)
        .filter(
            Q(activity__measure__dimension__plan__fiscal_year=fiscal_year)
            | Q(date__range=fiscal_year_bounds(fiscal_year))
        )
        .order_by("-date", "-pk")
    )


def official_placement(document: OfficialDocument) -> Placement | None:
    if document.activity_id is None:
        return None
    return Placement(unit_id=document.unit_id, activity_id=document.activity_id)


def official_snapshot(document: OfficialDocument, on: date | None) -> Snapshot:
    """The issued PDF as it was fixed on issue; dated the document's own date."""
    if document.is_draft or not document.pdf:
        raise ValidationError(_("Issue the document before filing it as evidence."))
    with document.pdf.open("rb") as stored:
        data = stored.read()
    return Snapshot(
        content=data,
        filename=f"{document.heading_word}-{document.unit.code}-{document.pk}.pdf",
        title=str(document)[:300],
        effective_date=document.date,
    )


OFFICIAL_SOURCE = EvidenceSource(
    kind=OFFICIAL_DOCUMENT,
    label=gettext_lazy("Order or announcement"),
    records=linkable_official_documents,
    placement=official_placement,
    snapshot=official_snapshot,
    not_placed_message=gettext_lazy(
        "This document is not about an activity of the plan, so it cannot be its evidence."
    ),
)


# -- sub-plans ------------------------------------------------------------------------------

SUB_PLAN = "sub-plan"


def linkable_subplans(unit, fiscal_year: int):
    from saisaat.documents.models import SubPlan

    return SubPlan.objects.filter(
        unit=unit, fiscal_year=fiscal_year, status=SubPlan.Status.ISSUED
    ).order_by("kind", "pk")


def subplan_placement(subplan) -> Placement | None:
    if subplan.plan_activity_id is None:
        return None
    return Placement(unit_id=subplan.unit_id, activity_id=subplan.plan_activity_id)


def subplan_snapshot(subplan, on: date | None) -> Snapshot:
    """The issued sub-plan's document as a PDF; dated the day it was issued (an issued
    sub-plan no longer changes, so the file is the same whenever it is drawn)."""
    from saisaat.documents.subplan_doc import content_of, render_subplan_pdf
    from saisaat.thai.calendar import local_date

    if subplan.is_draft:
        raise ValidationError(_("Issue the sub-plan before filing it as evidence."))
    activities = list(subplan.activities.prefetch_related("responsible"))
    return Snapshot(
        content=render_subplan_pdf(content_of(subplan, activities)),
        filename=f"subplan-{subplan.unit.code}-{subplan.pk}.pdf",
        title=subplan.title[:300],
        effective_date=local_date(subplan.issued_at),
    )


def remember_subplan(subplan, item) -> None:
    subplan.evidence = item
    subplan.save(update_fields=["evidence"])


def lock_subplan(subplan):
    from saisaat.documents.models import SubPlan

    return SubPlan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=subplan.pk)


SUBPLAN_SOURCE = EvidenceSource(
    kind=SUB_PLAN,
    label=gettext_lazy("Sub-plan"),
    records=linkable_subplans,
    placement=subplan_placement,
    snapshot=subplan_snapshot,
    attached=remember_subplan,
    lock=lock_subplan,
    not_placed_message=gettext_lazy(
        "This sub-plan is not about an activity of the plan, so it cannot be its evidence."
    ),
)
