"""Memos as evidence: a memo about an assignment files its PDF as evidence of that
activity through the evidence seam (``plans.evidence``), once."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.documents.models import Memo
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
