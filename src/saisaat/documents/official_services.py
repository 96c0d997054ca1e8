"""Orders and announcements: drafting, issuing (the next number of the kind's own series),
sending to staff and each person's acknowledgement. Every change is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.documents.correspondence import default_emblem_path
from saisaat.documents.evidence import OFFICIAL_DOCUMENT
from saisaat.documents.models import CommitteeMember, OfficialDocument, Receipt
from saisaat.documents.official import (
    MemberLine,
    OfficialContent,
    render_official_docx,
    render_official_pdf,
)
from saisaat.documents.services import take_number
from saisaat.notices import services as notices
from saisaat.notices.models import Notice
from saisaat.orgs.models import StaffMember, Unit, User, WorkGroup
from saisaat.orgs.scoping import can_manage_unit
from saisaat.thai.calendar import (
    fiscal_year,
    format_thai_date,
    local_date,
    to_buddhist_year,
)

AUDIT_FIELDS = [
    "kind",
    "activity",
    "office",
    "title",
    "body",
    "duties",
    "effective",
    "date",
    "signer_name",
    "signer_position",
]
MAX_MEMBERS = 40


@dataclass
class OfficialFields:
    """What the officer wrote on the draft form."""

    office: str
    title: str
    body: str
    date: date
    signer_name: str
    signer_position: str
    duties: str = ""
    effective: str = ""
    thai_digits: bool = True
    activity: object = None
    members: list[tuple[StaffMember, str]] = field(default_factory=list)


def may_manage(user: User, unit: Unit) -> bool:
    """Orders and announcements are the office head's: its approvers and administrators."""
    return can_manage_unit(user, unit.pk)


def _require_manager(user, unit: Unit) -> None:
    if user is not None and not may_manage(user, unit):
        raise PermissionDenied


def content_of(document: OfficialDocument, members=None) -> OfficialContent:
    if members is None:
        members = list(document.members.all())
    return OfficialContent(
        kind=document.kind,
        office=document.office,
        title=document.title,
        paragraphs=document.paragraphs(),
        duties=document.duty_paragraphs(),
        effective=document.effective,
        signer_name=document.signer_name,
        signer_position=document.signer_position,
        year=document.year or to_buddhist_year(document.date.year),
        number=document.running_number,
        date=None if document.is_draft else document.date,
        members=[MemberLine(m.name, m.position, m.role) for m in members],
        thai_digits=document.thai_digits,
        emblem_path=default_emblem_path(),
    )


def _apply(document: OfficialDocument, fields: OfficialFields) -> None:
    document.office = fields.office.strip()
    document.title = fields.title.strip()
    document.body = fields.body.strip()
    document.duties = fields.duties.strip() if document.is_order else ""
    document.effective = fields.effective.strip()
    document.date = fields.date
    document.signer_name = fields.signer_name.strip()
    document.signer_position = fields.signer_position.strip()
    document.thai_digits = fields.thai_digits
    document.activity = fields.activity


def _check_members(document: OfficialDocument, members) -> None:
    if not document.is_order:
        return
    if not members:
        raise ValidationError(_("An order names at least one member of the committee."))
    if len(members) > MAX_MEMBERS:
        raise ValidationError(_("An order names at most %(n)s members.") % {"n": MAX_MEMBERS})
    staff_ids = [staff.pk for staff, _role in members]
    if len(set(staff_ids)) != len(staff_ids):
        raise ValidationError(_("Each person is named once on the committee."))
    allowed = set(
        StaffMember.objects.filter(pk__in=staff_ids, unit__in=Unit.objects.within(document.unit))
        .active()
        .values_list("pk", flat=True)
    )
    if allowed != set(staff_ids):
        raise ValidationError(_("Pick the committee from the active staff of your office."))


def _save_members(document: OfficialDocument, members) -> None:
    document.members.all().delete()
    CommitteeMember.objects.bulk_create(
        [
            CommitteeMember(
                document=document,
                staff=staff,
                position_in_list=index,
                name=str(staff),
                position=staff.position,
                role=role,
            )
            for index, (staff, role) in enumerate(members, start=1)
        ]
    )


@transaction.atomic
def create_draft(
    *, unit: Unit, kind: str, fields: OfficialFields, acting_user: User | None
) -> OfficialDocument:
    _require_manager(acting_user, unit)
    document = OfficialDocument(unit=unit, kind=kind, created_by=acting_user)
    _apply(document, fields)
    _check_members(document, fields.members)
    document.save()
    if document.is_order:
        _save_members(document, fields.members)
    audit.record_created(
        acting_user,
        "documents.official_drafted",
        document,
        AUDIT_FIELDS,
        fiscal_year=fiscal_year(document.date),
    )
    return document


def _locked(document: OfficialDocument) -> OfficialDocument:
    return (
        OfficialDocument.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=document.pk)
    )


@transaction.atomic
def update_draft(
    document: OfficialDocument, fields: OfficialFields, *, acting_user: User
) -> OfficialDocument:
    document = _locked(document)
    _require_manager(acting_user, document.unit)
    if not document.is_draft:
        raise ValidationError(_("An issued document is not changed; draft a new one."))
    before = audit.snapshot(document, AUDIT_FIELDS)
    before_members = [(m.staff_id, m.role) for m in document.members.all()]
    _apply(document, fields)
    _check_members(document, fields.members)
    document.save()
    changes = audit.diff(before, audit.snapshot(document, AUDIT_FIELDS))
    if document.is_order:
        after_members = [(staff.pk, role) for staff, role in fields.members]
        if after_members != before_members:
            _save_members(document, fields.members)
            changes["members"] = [before_members, after_members]
    audit.record(
        acting_user,
        "documents.official_edited",
        document,
        changes=changes,
        unit=document.unit,
        fiscal_year=fiscal_year(document.date),
    )
    return document


@transaction.atomic
def issue(document: OfficialDocument, *, acting_user: User | None) -> OfficialDocument:
    """Give the document the next number of its office's series for the Buddhist-era
    calendar year of its date (the order's ``ที่ N/ปี``), and fix its PDF and DOCX."""
    document = _locked(document)
    _require_manager(acting_user, document.unit)
    if not document.is_draft:
        raise ValidationError(_("This document was already issued."))
    # Signed on a day that has come: a date still ahead would count as evidence early.
    # (A date before the issue day stays the signer's; the page shows when it was issued.)
    if document.date > local_date(timezone.now()):
        raise ValidationError(_("A document cannot be issued with a date that has not come yet."))
    document.year = to_buddhist_year(document.date.year)
    document.running_number = take_number(document.unit, document.year, series=document.kind)
    # Taken under the series' lock: numbers follow dates in the register, so a document
    # dated before one already issued in its series would read out of order.
    later = (
        OfficialDocument.objects.filter(
            unit=document.unit,
            kind=document.kind,
            year=document.year,
            status=OfficialDocument.Status.ISSUED,
            date__gt=document.date,
        )
        .order_by("-date", "-running_number")
        .first()
    )
    if later is not None:
        raise ValidationError(
            _(
                "%(kind)s no. %(number)s/%(year)s of this office is already dated %(date)s: "
                "date this one on or after that day, so that its number follows the dates."
            )
            % {
                "kind": later.heading_word,
                "number": later.running_number,
                "year": later.year,
                "date": format_thai_date(later.date),
            }
        )
    document.status = OfficialDocument.Status.ISSUED
    document.issued_at = timezone.now()
    content = content_of(document)
    stem = f"{document.kind}-{document.unit.code}-{document.year}-{document.running_number}"
    document.pdf.save(f"{stem}.pdf", ContentFile(render_official_pdf(content)), save=False)
    document.docx.save(f"{stem}.docx", ContentFile(render_official_docx(content)), save=False)
    try:
        document.save()
        audit.record(
            acting_user,
            "documents.official_issued",
            document,
            changes={
                "status": [OfficialDocument.Status.DRAFT, document.status],
                "number": [None, f"{document.running_number}/{document.year}"],
            },
            unit=document.unit,
            fiscal_year=fiscal_year(document.date),
        )
    except Exception:
        for stored in (document.pdf, document.docx):
            if stored:
                stored.storage.delete(stored.name)
        raise
    return document


# -- sending to staff and read receipts ---------------------------------------------------


class Audience:
    MEMBERS = "members"
    UNIT = "unit"
    WORK_GROUP = "work_group"
    EVERYONE = "everyone"


def recipients(document: OfficialDocument, audience: str, *, unit: Unit | None = None, group=None):
    """The active staff accounts the document goes to: the order's committee, one unit or
    work group of the office (or of an office below it), or everyone of the office and
    the offices below it. The evaluation committee's accounts are not staff."""
    people = User.objects.filter(is_active=True, unit__isnull=False).exclude(
        role=User.Role.COMMITTEE
    )
    within = Unit.objects.within(document.unit)
    if audience == Audience.MEMBERS:
        return people.filter(staff_member__in=document.members.values("staff_id"))
    if audience == Audience.UNIT:
        if unit is None or not within.filter(pk=unit.pk).exists():
            raise ValidationError(_("Choose a unit of your office."))
        return people.filter(unit=unit)
    if audience == Audience.WORK_GROUP:
        if group is None or not within.filter(pk=group.unit_id).exists():
            raise ValidationError(_("Choose a work group of your office."))
        return people.filter(work_group=group)
    if audience == Audience.EVERYONE:
        return people.filter(unit__in=within)
    raise ValidationError(_("Choose who the document goes to."))


@transaction.atomic
def send(
    document: OfficialDocument,
    audience: str,
    *,
    acting_user: User | None,
    unit: Unit | None = None,
    group: WorkGroup | None = None,
) -> int:
    """Give each recipient a copy to acknowledge and an in-app notice; returns how many
    were added (a person who already has it is not sent it twice)."""
    document = _locked(document)
    _require_manager(acting_user, document.unit)
    if document.is_draft:
        raise ValidationError(_("Issue the document before sending it to staff."))
    people = list(recipients(document, audience, unit=unit, group=group).order_by("pk"))
    already = set(Receipt.objects.filter(document=document).values_list("user_id", flat=True))
    new = [person for person in people if person.pk not in already]
    if not new:
        raise ValidationError(_("Everyone chosen already has this document."))
    now = timezone.now()
    Receipt.objects.bulk_create(
        [Receipt(document=document, user=p, unit_id=p.unit_id, sent_at=now) for p in new]
    )
    notices.notify(
        new,
        Notice.Kind.DOCUMENT_TO_READ,
        document,
        key="sent",
        message=_("Please read and acknowledge: %(document)s") % {"document": str(document)},
    )
    audit.record(
        acting_user,
        "documents.official_sent",
        document,
        changes={"audience": [None, audience], "recipients": [None, len(new)]},
        unit=document.unit,
        fiscal_year=fiscal_year(document.date),
    )
    return len(new)


@transaction.atomic
def acknowledge(document: OfficialDocument, *, acting_user: User) -> Receipt:
    """The person says they have read the document (once; a second time changes nothing)."""
    receipt = (
        Receipt.objects.select_for_update()
        .filter(document=document, user=acting_user)
        .select_related("document__unit")
        .first()
    )
    if receipt is None:
        raise PermissionDenied
    if receipt.acknowledged_at is not None:
        return receipt
    receipt.acknowledged_at = timezone.now()
    receipt.save(update_fields=["acknowledged_at"])
    Notice.objects.about(OfficialDocument.objects.filter(pk=document.pk)).filter(
        recipient=acting_user, read_at__isnull=True
    ).update(read_at=receipt.acknowledged_at)
    audit.record(
        acting_user,
        "documents.official_acknowledged",
        receipt,
        changes={"acknowledged_at": [None, receipt.acknowledged_at.isoformat()]},
        unit=receipt.document.unit,
        fiscal_year=fiscal_year(receipt.document.date),
    )
    return receipt


@dataclass
class UnitProgress:
    unit: Unit
    acknowledged: int
    total: int


def progress(document: OfficialDocument):
    """Who acknowledged, per unit and in all: two queries."""
    rows = (
        Receipt.objects.filter(document=document)
        .values("unit")
        .annotate(
            total=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
        )
        .order_by("unit__code")
    )
    rows = list(rows)
    units = Unit.objects.in_bulk([row["unit"] for row in rows])
    per_unit = [UnitProgress(units[r["unit"]], r["acknowledged"], r["total"]) for r in rows]
    return {
        "units": per_unit,
        "acknowledged": sum(p.acknowledged for p in per_unit),
        "total": sum(p.total for p in per_unit),
    }


# -- evidence -----------------------------------------------------------------------------


@transaction.atomic
def satisfy_evidence(document: OfficialDocument, *, acting_user: User):
    """File the issued PDF (with its SHA-256) on the office's assignment of the document's
    activity, for the first checklist item asking for an announcement or an order that has
    no evidence yet (else the first such item); the keeper of the evidence writes the audit
    entry."""
    from saisaat.plans import evidence as evidence_seam
    from saisaat.tracking.access import can_edit

    assignment = evidence_seam.target_for(OFFICIAL_DOCUMENT, document)
    if assignment is None:
        raise ValidationError(
            _("This document is not about an activity your office has been assigned.")
        )
    if not can_edit(acting_user, assignment):
        raise PermissionDenied
    requirement = evidence_seam.keeper().item_asking_for(assignment, OFFICIAL_DOCUMENT)
    if requirement is None:
        raise ValidationError(
            _("No item of the activity's checklist asks for an announcement or an order.")
        )
    return evidence_seam.link(
        OFFICIAL_DOCUMENT, document, assignment, acting_user=acting_user, requirement=requirement
    )
