"""Memo numbering, generation, storage and attachment as evidence; the documents demo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.documents.evidence import MEMO
from saisaat.documents.kinds import person_name
from saisaat.documents.memo import (
    MemoContent,
    default_emblem_path,
    render_memo_docx,
    render_memo_pdf,
)
from saisaat.documents.models import Memo, MemoCounter, Series
from saisaat.orgs.access import staff_member_of
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import oversees
from saisaat.plans import evidence
from saisaat.thai.calendar import fiscal_year, to_buddhist_year
from saisaat.thai.digits import to_arabic_digits
from saisaat.tracking.models import EvidenceItem

DIRECTOR_PREFIX = "สำนักงานพัฒนาชุมชน"
MAX_RUNNING_NUMBER = 99_999
"""A typo must not push an office's counter out of reach (or out of the column's range)."""
MEMO_AUDIT_FIELDS = ["kind", "assignment", "number", "date", "subject", "recipient", "signer_name"]
_AUTO_NUMBER = re.compile(r"^(?P<prefix>.+)/(?P<running>[0-9]+)$")


# -- numbering ------------------------------------------------------------------------------


def number_prefix(unit: Unit) -> str:
    """The office's prefix for outgoing numbers (``นค 0016``).

    ``SAISAAT_MEMO_NUMBER_PREFIXES`` gives it by unit code. A district office without one of
    its own numbers under its province the way Thai offices number their sub-offices: the
    province's prefix, a dot and the district's number within the province (the part of its
    code after the province's), so 4301 is ``นค 0016.1`` and 4309 ``นค 0016.9``. Each office
    thus has its own series and no two offices can write the same number. Any other unit
    without a prefix uses its code.
    """
    prefixes = getattr(settings, "SAISAAT_MEMO_NUMBER_PREFIXES", {})
    if unit.code in prefixes:
        return prefixes[unit.code]
    parent = unit.parent
    if unit.kind == Unit.Kind.DISTRICT and parent is not None:
        own = unit.code.removeprefix(parent.code)
        return f"{number_prefix(parent)}.{int(own) if own.isdigit() else unit.code}"
    return unit.code


def format_number(unit: Unit, running: int) -> str:
    return f"{number_prefix(unit)}/{running}"


def propose_number(unit: Unit, year: int) -> str:
    """The number the next memo of ``unit`` in Buddhist-era ``year`` would get (not taken)."""
    last = (
        MemoCounter.objects.filter(unit=unit, series=Series.MEMO, year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    return format_number(unit, (last or 0) + 1)


def take_number(unit: Unit, year: int, series: str = Series.MEMO) -> int:
    """Take the next running number of the office's ``series`` (memos, orders or
    announcements); the counter row stays locked until the transaction ends."""
    counter, _created = MemoCounter.objects.select_for_update().get_or_create(
        unit=unit, series=series, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def typed_running_number(unit: Unit, number: str) -> int | None:
    """The running number in a number typed by hand when it has the office's own prefix
    (``นค 0016/17``, Thai digits too); ``None`` for any other number."""
    match = _AUTO_NUMBER.match(to_arabic_digits(number.strip()))
    if match is None or " ".join(match["prefix"].split()) != number_prefix(unit):
        return None
    return int(match["running"])


def take_typed_number(unit: Unit, year: int, running: int) -> None:
    """Record a running number typed by hand: refused when another memo of the office and
    year already has it, and the counter moves up to it so the next number follows it."""
    if running > MAX_RUNNING_NUMBER:
        raise ValidationError(
            _(
                "The running number after “/” is too large; check the number or keep the"
                " proposed one."
            )
        )
    counter, _created = MemoCounter.objects.select_for_update().get_or_create(
        unit=unit, series=Series.MEMO, year=year
    )
    if Memo.objects.filter(unit=unit, year=year, running_number=running).exists():
        raise ValidationError(
            _(
                "Number %(number)s was already given to another memo of your office this year."
                " Keep the proposed number or type another."
            )
            % {"number": format_number(unit, running)}
        )
    if running > counter.last_number:
        counter.last_number = running
        counter.save(update_fields=["last_number"])


# -- defaults for the form ------------------------------------------------------------------


def default_recipient(unit: Unit) -> str:
    """The provincial director: ``พัฒนาการจังหวัดหนองคาย`` for every office of Nong Khai."""
    configured = getattr(settings, "SAISAAT_MEMO_RECIPIENT", "")
    if configured:
        return configured
    province = unit.province or unit
    name = province.name_th
    return "พัฒนาการ" + name[len(DIRECTOR_PREFIX) :] if name.startswith(DIRECTOR_PREFIX) else name


def default_office(user: User, unit: Unit) -> str:
    if user.work_group_id and user.work_group.unit_id == unit.pk:
        return f"{unit.name_th} {user.work_group.name_th}"
    return unit.name_th


def signer_of(user: User) -> tuple[str, str]:
    staff = staff_member_of(user)
    if staff is not None:
        return str(staff), staff.position
    return person_name(user), user.position


# -- generation -----------------------------------------------------------------------------


@dataclass
class MemoFields:
    """What the officer reviewed and edited on the form."""

    number: str
    date: date
    office: str
    subject: str
    recipient: str
    body: str
    signer_name: str
    signer_position: str
    thai_digits: bool = True


def content_of(memo: Memo) -> MemoContent:
    return MemoContent(
        office=memo.office,
        number=memo.number,
        date=memo.date,
        subject=memo.subject,
        recipient=memo.recipient,
        paragraphs=memo.paragraphs(),
        signer_name=memo.signer_name,
        signer_position=memo.signer_position,
        thai_digits=memo.thai_digits,
        emblem_path=default_emblem_path(),
    )


def may_issue_memo(user: User, unit: Unit) -> bool:
    """Memos are issued by the user's own office; the evaluation committee issues none."""
    return (
        user.is_authenticated
        and user.unit_id is not None
        and user.unit_id == unit.pk
        and user.role != User.Role.COMMITTEE
    )


def may_sign_for(user: User, unit: Unit) -> bool:
    """Who a memo of ``unit`` may be created by: its own staff, or the head of an office
    above it signing for a district without one (``make_report``); never the evaluation
    committee nor another office."""
    return may_issue_memo(user, unit) or oversees(user, unit)


@transaction.atomic
def create_memo(
    *,
    unit: Unit,
    kind: str,
    fields: MemoFields,
    acting_user: User,
    proposed_number: str = "",
    parameters: dict | None = None,
    assignment=None,
) -> Memo:
    """Number, render (PDF and DOCX) and store a memo.

    When the officer kept the proposed number (or left it empty) the next running number is
    taken at this moment, so two officers drafting at once never share one; a number typed
    by hand (say, taken from the paper register) is kept as written, and when it is one of
    the office's own numbers it must be free and the counter moves past it.
    """
    if not may_sign_for(acting_user, unit):
        raise PermissionDenied
    year = to_buddhist_year(fields.date.year)
    number = fields.number.strip()
    running = None
    if not number or number == proposed_number.strip():
        running = take_number(unit, year)
        number = format_number(unit, running)
    else:
        running = typed_running_number(unit, number)
        if running is not None:
            take_typed_number(unit, year, running)
        elif Memo.objects.filter(unit=unit, year=year, number=number).exists():
            raise ValidationError(
                _(
                    "Number %(number)s was already given to another memo of your office this year."
                    " Keep the proposed number or type another."
                )
                % {"number": number}
            )
    memo = Memo(
        unit=unit,
        kind=kind,
        parameters=parameters or {},
        assignment=assignment,
        year=year,
        running_number=running,
        number=number,
        date=fields.date,
        office=fields.office.strip(),
        subject=fields.subject.strip(),
        recipient=fields.recipient.strip(),
        body=fields.body.strip(),
        signer_name=fields.signer_name.strip(),
        signer_position=fields.signer_position.strip(),
        thai_digits=fields.thai_digits,
        created_by=acting_user,
    )
    content = content_of(memo)
    stem = f"memo-{unit.code}-{year}-{running or 'x'}"
    memo.pdf.save(f"{stem}.pdf", ContentFile(render_memo_pdf(content)), save=False)
    memo.docx.save(f"{stem}.docx", ContentFile(render_memo_docx(content)), save=False)
    try:
        memo.save()
        audit.record_created(
            acting_user,
            "documents.memo_created",
            memo,
            MEMO_AUDIT_FIELDS,
            fiscal_year=fiscal_year(memo.date),
        )
    except Exception:
        for stored in (memo.pdf, memo.docx):
            if stored:
                stored.storage.delete(stored.name)
        raise
    return memo


@transaction.atomic
def attach_memo_as_evidence(memo: Memo, *, acting_user: User) -> EvidenceItem:
    """Add the memo's PDF to the evidence of the activity it reports on. The keeper of the
    evidence writes the one audit entry (``tracking.evidence_added``, titled with the
    memo's number and subject); the memo's link to it is part of that change."""
    return evidence.attach(MEMO, memo, acting_user=acting_user)
