"""Memo numbering, generation, storage and attachment as evidence; the documents demo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from saisaat.documents.kinds import person_name
from saisaat.documents.memo import (
    MemoContent,
    default_emblem_path,
    render_memo_docx,
    render_memo_pdf,
)
from saisaat.documents.models import Memo, MemoCounter
from saisaat.orgs.models import Unit, User
from saisaat.thai.calendar import to_buddhist_year
from saisaat.thai.digits import to_arabic_digits
from saisaat.tracking.models import EvidenceItem
from saisaat.tracking.services import add_evidence

DIRECTOR_PREFIX = "สำนักงานพัฒนาชุมชน"
MAX_RUNNING_NUMBER = 99_999
"""A typo must not push an office's counter out of reach (or out of the column's range)."""
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
        MemoCounter.objects.filter(unit=unit, year=year)
        .values_list("last_number", flat=True)
        .first()
    )
    return format_number(unit, (last or 0) + 1)


def take_number(unit: Unit, year: int) -> int:
    """Take the next running number; the counter row stays locked until the transaction ends."""
    counter, _created = MemoCounter.objects.select_for_update().get_or_create(unit=unit, year=year)
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
    counter, _created = MemoCounter.objects.select_for_update().get_or_create(unit=unit, year=year)
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
    from saisaat.participation.access import staff_member_of

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
    except Exception:
        for stored in (memo.pdf, memo.docx):
            if stored:
                stored.storage.delete(stored.name)
        raise
    return memo


@transaction.atomic
def attach_memo_as_evidence(memo: Memo, *, acting_user: User) -> EvidenceItem:
    """Add the memo's PDF to the evidence of the activity it reports on."""
    memo = Memo.objects.select_for_update(of=("self",)).select_related("assignment").get(pk=memo.pk)
    if memo.assignment is None:
        raise ValidationError(
            _("This memo is not about an activity, so it cannot be its evidence.")
        )
    if memo.evidence_id is not None:
        raise ValidationError(_("This memo is already attached as evidence."))
    with memo.pdf.open("rb") as stored:
        data = stored.read()
    upload = ContentFile(data, name=f"บันทึกข้อความ-{memo.pk}.pdf")
    item = add_evidence(
        memo.assignment,
        acting_user=acting_user,
        effective_date=memo.date,
        file=upload,
        title=f"บันทึกข้อความ ที่ {memo.number} เรื่อง {memo.subject}"[:300],
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )
    memo.evidence = item
    memo.save(update_fields=["evidence"])
    return item


# -- demo -----------------------------------------------------------------------------------


def seed_documents_demo(province: Unit, fiscal_year: int) -> dict:
    """Idempotent: a quarterly report memo of the province for quarter 2 and an activity-result
    memo for the first district assignment that has evidence, attached as its evidence."""
    from saisaat.documents.kinds import (
        activity_evidence,
        activity_paragraphs,
        activity_subject,
        quarterly_paragraphs,
        quarterly_subject,
    )
    from saisaat.documents.quarterly import NoPlan, build_quarterly_report
    from saisaat.thai.calendar import fiscal_quarter_bounds
    from saisaat.tracking.models import Assignment

    created = {"memos": 0, "attached": 0}
    author = (
        User.objects.filter(unit=province, role=User.Role.APPROVER).order_by("pk").first()
        or User.objects.filter(unit=province).order_by("pk").first()
    )
    if author is None:
        return created
    if not Memo.objects.filter(unit=province, kind="quarterly").exists():
        try:
            report = build_quarterly_report(province, fiscal_year, 2)
        except NoPlan:
            report = None
        if report is not None:
            name, position = signer_of(author)
            last_day = fiscal_quarter_bounds(fiscal_year, 2)[1]
            fields = MemoFields(
                number="",
                date=date(last_day.year, 4, 5),
                office=default_office(author, province),
                subject=quarterly_subject(report),
                recipient=default_recipient(province),
                body="\n\n".join(quarterly_paragraphs(report)),
                signer_name=name,
                signer_position=position or "พัฒนาการจังหวัด",
            )
            create_memo(
                unit=province,
                kind="quarterly",
                fields=fields,
                acting_user=author,
                parameters={"unit": province.code, "year": fiscal_year, "quarter": 2},
            )
            created["memos"] += 1

    assignment = (
        Assignment.objects.current()
        .filter(province=province, plan__fiscal_year=fiscal_year, unit__kind=Unit.Kind.DISTRICT)
        .filter(evidence__isnull=False)
        .exclude(status__in=[Assignment.Status.APPROVED])
        .exclude(is_retired=True)
        .select_related("activity", "unit", "officer")
        .order_by("unit__code", "pk")
        .first()
    )
    if assignment is not None and not Memo.objects.filter(assignment=assignment).exists():
        officer = User.objects.filter(unit=assignment.unit).order_by("pk").first()
        if officer is not None:
            evidence = activity_evidence(assignment)
            name, position = signer_of(officer)
            memo_date = max([item.effective_date for item in evidence] + [assignment.due_date])
            fields = MemoFields(
                number="",
                date=min(memo_date, fiscal_quarter_bounds(fiscal_year, 4)[1]),
                office=default_office(officer, assignment.unit),
                subject=activity_subject(assignment),
                recipient=default_recipient(assignment.unit),
                body="\n\n".join(activity_paragraphs(assignment, evidence)),
                signer_name=name,
                signer_position=position or "นักวิชาการพัฒนาชุมชน",
            )
            memo = create_memo(
                unit=assignment.unit,
                kind="activity",
                fields=fields,
                acting_user=officer,
                parameters={"assignment": assignment.pk},
                assignment=assignment,
            )
            created["memos"] += 1
            try:
                attach_memo_as_evidence(memo, acting_user=officer)
                created["attached"] += 1
            except ValidationError:
                pass
    return created
