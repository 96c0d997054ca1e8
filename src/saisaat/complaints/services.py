"""Every change to a complaint goes through here: one transaction, one history row."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.complaints.models import (
    Channel,
    Complainant,
    Complaint,
    ComplaintAttachment,
    ComplaintEvent,
    ComplaintOfficer,
    IdentityReading,
)
from saisaat.complaints.models.channels import STANDARD_CHANNELS
from saisaat.complaints.models.complaints import DIRECTORS, is_director
from saisaat.core.files import CheckedFile, check_evidence_file
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_manager
from saisaat.thai import fiscal_year
from saisaat.thai.calendar import local_date

Status = Complaint.Status

# Where each status may go next; a closed complaint can only be reopened.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.RECEIVED: (Status.ACKNOWLEDGED, Status.FORWARDED),
    Status.ACKNOWLEDGED: (
        Status.INVESTIGATING,
        Status.RESOLVED,
        Status.UNSUBSTANTIATED,
        Status.FORWARDED,
    ),
    Status.INVESTIGATING: (Status.RESOLVED, Status.UNSUBSTANTIATED, Status.FORWARDED),
    Status.RESOLVED: (Status.INVESTIGATING,),
    Status.UNSUBSTANTIATED: (Status.INVESTIGATING,),
    Status.FORWARDED: (Status.INVESTIGATING,),
}


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""


def deadlines(received: date) -> tuple[date, date]:
    return (
        received + timedelta(days=settings.SAISAAT_COMPLAINT_ACKNOWLEDGE_DAYS),
        received + timedelta(days=settings.SAISAAT_COMPLAINT_FINISH_DAYS),
    )


@transaction.atomic
def ensure_standard_channels(unit: Unit, *, acting_user: User | None = None) -> list[Channel]:
    """The usual channels of an office, created once; an office's own edits are kept.
    Each channel created gets its audit entry (by the system when no one is named)."""
    channels, entries = [], []
    present = set(unit.complaint_channels.values_list("medium", flat=True))
    for position, (medium, kind, name) in enumerate(STANDARD_CHANNELS, start=1):
        if medium in present:
            continue
        channel, created = Channel.objects.get_or_create(
            unit=unit,
            name=name,
            defaults={"medium": medium, "kind": kind, "position": position},
        )
        channels.append(channel)
        if created:
            entries.append(
                dict(
                    actor=acting_user,
                    action="complaints.channel_added",
                    obj=channel,
                    changes=audit.created(channel, CHANNEL_FIELDS),
                    reason="standard channels",
                    unit=unit,
                )
            )
    audit.record_many(entries)
    return channels


def online_channel_of(unit: Unit) -> Channel | None:
    return unit.complaint_channels.filter(medium=Channel.Medium.WEBSITE).order_by("pk").first()


def check_attachments(files: list[UploadedFile]) -> list[tuple[UploadedFile, CheckedFile]]:
    """Refuse too many files, or any file that is not a document or picture."""
    if len(files) > settings.SAISAAT_COMPLAINT_MAX_FILES:
        raise ValidationError(
            _("Please attach at most %(count)s files.")
            % {"count": settings.SAISAAT_COMPLAINT_MAX_FILES},
            code="too_many_files",
        )
    checked = []
    for upload in files:
        try:
            checked.append(
                (
                    upload,
                    check_evidence_file(
                        upload, max_bytes=settings.SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES
                    ),
                )
            )
        except ValidationError as error:
            raise ValidationError(
                _("%(name)s: %(reason)s")
                % {"name": upload.name, "reason": " ".join(error.messages)},
                code=error.code,
            ) from error
    return checked


@transaction.atomic
def submit_complaint(
    *,
    category: str,
    description: str,
    reported_unit: Unit,
    medium: str = Channel.Medium.WEBSITE,
    channel: Channel | None = None,
    location: str = "",
    occurred_on: date | None = None,
    occurred_when: str = "",
    identity: Identity | None = None,
    attachments: list[tuple[UploadedFile, CheckedFile]] = (),
    persons_concerned=(),
    received_at: datetime | None = None,
    recorded_by: User | None = None,
) -> Complaint:
    """A new complaint, handled by the province of the office it was made to."""
    province = reported_unit.province or reported_unit
    persons_concerned = list(persons_concerned)
    if persons_concerned:
        check_naming(province, province, category, persons_concerned)
    received_at = received_at or timezone.now()
    acknowledge_due, finish_due = deadlines(local_date(received_at))
    if channel is None and recorded_by is None:
        channel = online_channel_of(province)
    complaint = Complaint.objects.create(
        category=category,
        description=description,
        location=location,
        occurred_on=occurred_on,
        occurred_when=occurred_when,
        is_anonymous=identity is None,
        unit=province,
        province=province,
        reported_unit=reported_unit,
        channel=channel,
        medium=channel.medium if channel else medium,
        received_at=received_at,
        acknowledge_due=acknowledge_due,
        finish_due=finish_due,
        recorded_by=recorded_by,
    )
    if identity is not None:
        Complainant.objects.create(
            complaint=complaint,
            name=identity.name,
            phone=identity.phone,
            email=identity.email,
            address=identity.address,
            consented_at=timezone.now(),
        )
    for upload, checked in attachments:
        item = ComplaintAttachment(
            complaint=complaint,
            original_name=(upload.name or "")[:255],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        item.file.save(upload.name or f"file.{checked.extension}", upload, save=False)
        item.save()
    if persons_concerned:
        complaint.persons_concerned.set(persons_concerned)
    # The log names what happened, never what the complaint says or who made it.
    _audit(
        complaint,
        "complaints.received",
        recorded_by or audit.PUBLIC,
        changes=audit.created(
            complaint, ["category", "reported_unit", "channel", "medium", "is_anonymous"]
        ),
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.RECEIVED,
        actor=recorded_by,
        to_status=Status.RECEIVED,
        to_unit=province,
        created_at=received_at,
    )
    return complaint


def _audit(complaint, action, actor, *, changes=None, confidential=False, reason=""):
    return audit.record(
        actor,
        action,
        complaint,
        changes=changes,
        reason=reason,
        unit=complaint.unit_id,
        fiscal_year=fiscal_year(timezone.localtime(complaint.received_at).date()),
        label=f"complaint {complaint.pk}",
        confidential=confidential,
    )


def require_handler(complaint: Complaint, user: User | None) -> None:
    """For services: only someone who may read the complaint acts on it (its declared
    rule, ``ComplaintQuerySet.visible_to``); ``None`` is the system itself."""
    if user is not None and not Complaint.objects.visible_to(user).filter(pk=complaint.pk).exists():
        raise PermissionDenied


def allowed_statuses(complaint: Complaint) -> tuple[str, ...]:
    return TRANSITIONS[complaint.status]


@transaction.atomic
def change_status(
    complaint: Complaint,
    to_status: str,
    *,
    acting_user: User,
    note: str = "",
    public_message: str = "",
    forwarded_to: str = "",
    when: datetime | None = None,
) -> ComplaintEvent:
    """Move a complaint on (or reopen a closed one), with a history row."""
    require_handler(complaint, acting_user)
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if to_status not in allowed_statuses(complaint):
        raise ValidationError(
            _("A complaint that is %(from)s cannot become %(to)s.")
            % {"from": complaint.get_status_display(), "to": Status(to_status).label},
            code="transition",
        )
    if to_status == Status.FORWARDED and not forwarded_to.strip():
        raise ValidationError(_("Name the agency the complaint goes to."), code="forwarded_to")
    when = when or timezone.now()
    from_status = complaint.status
    reopening = complaint.is_closed
    fields = ["status", "updated_at"]
    complaint.status = to_status
    if to_status == Status.ACKNOWLEDGED and complaint.acknowledged_at is None:
        complaint.acknowledged_at = when
        fields.append("acknowledged_at")
    if to_status in Complaint.CLOSED_STATUSES:
        complaint.closed_at = when
        fields.append("closed_at")
    if to_status == Status.FORWARDED:
        complaint.forwarded_to = forwarded_to.strip()
        fields.append("forwarded_to")
    if reopening:
        complaint.closed_at = None
        complaint.finish_due = deadlines(local_date(when))[1]
        fields += ["closed_at", "finish_due"]
    complaint.save(update_fields=fields)
    _audit(
        complaint,
        "complaints.reopened" if reopening else "complaints.status",
        acting_user,
        changes={"status": [from_status, to_status]}
        | ({"forwarded_to": [None, complaint.forwarded_to]} if "forwarded_to" in fields else {}),
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.REOPENED if reopening else ComplaintEvent.Action.STATUS,
        actor=acting_user,
        from_status=from_status,
        to_status=to_status,
        note=note,
        public_message=public_message,
        created_at=when,
    )


def concerns_unit(complaint: Complaint, unit: Unit) -> bool:
    """Whether a complaint is about an office: it was made to that office, or it names
    someone who works there."""
    return (
        complaint.reported_unit_id == unit.pk
        or complaint.persons_concerned.filter(unit=unit).exists()
    )


def needs_routing_confirmation(complaint: Complaint, unit: Unit) -> bool:
    """Routing a corruption complaint to the office it is about hands it (and the
    complainant's identity) to that office's head: only on the head's explicit say-so."""
    return (
        complaint.is_confidential
        and unit.pk != complaint.province_id
        and (concerns_unit(complaint, unit))
    )


@transaction.atomic
def route_complaint(
    complaint: Complaint,
    to_unit: Unit,
    *,
    acting_user: User,
    note: str = "",
    confirm_concerned: bool = False,
) -> ComplaintEvent:
    """Hand a complaint to another office of the same province. A complaint about
    corruption goes to the office it concerns only when the head of the office handling
    it ticks that they accept the risk (``confirm_concerned``); the log says so."""
    require_handler(complaint, acting_user)
    if to_unit.pk != complaint.province_id and to_unit.parent_id != complaint.province_id:
        raise ValidationError(_("A complaint can only go to an office of its province."))
    if to_unit.pk == complaint.unit_id:
        raise ValidationError(_("The complaint is already with this office."))
    reason = ""
    if needs_routing_confirmation(complaint, to_unit):
        if not confirm_concerned:
            raise ValidationError(
                _(
                    "This complaint is about %(unit)s: its head would read who complained. "
                    "Only the office head may send it there, by ticking the confirmation."
                )
                % {"unit": to_unit},
                code="concerned_unit",
            )
        if not (is_director(acting_user) and acting_user.unit_id == complaint.unit_id):
            raise ValidationError(
                _("Only the head of the office handling this complaint may confirm this."),
                code="concerned_unit",
            )
        reason = "routed to the office the complaint concerns, confirmed by the office head"
    from_unit_id = complaint.unit_id
    complaint.unit = to_unit
    complaint.save(update_fields=["unit", "updated_at"])
    _audit(
        complaint,
        "complaints.routed",
        acting_user,
        changes={"unit": [from_unit_id, to_unit.pk]},
        reason=reason,
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.ROUTED,
        actor=acting_user,
        from_unit_id=from_unit_id,
        to_unit=to_unit,
        note=note,
    )


@transaction.atomic
def add_note(complaint: Complaint, text: str, *, acting_user: User, public: bool) -> ComplaintEvent:
    """An internal note, or with ``public`` an update the complainant reads."""
    require_handler(complaint, acting_user)
    _audit(
        complaint,
        "complaints.update_published" if public else "complaints.note_added",
        acting_user,
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.UPDATE if public else ComplaintEvent.Action.NOTE,
        actor=acting_user,
        note="" if public else text,
        public_message=text if public else "",
    )


def handlers(unit_id: int, province_id: int, category: str, named=()):
    """The people who would handle a complaint at ``unit_id`` in ``province_id`` naming
    the staff ``named``: the staff of both offices (for a complaint about corruption,
    their heads and confirmed complaint officers only), less the people named; and when
    it names one of those heads, the department's integrity officers too (the fallback
    handler)."""
    places = (unit_id, province_id)
    named_users = [person.user_id for person in named if person.user_id]
    people = User.objects.filter(is_active=True, unit_id__in=places).exclude(
        role=User.Role.COMMITTEE
    )
    if category == Complaint.Category.MISCONDUCT:
        officers = ComplaintOfficer.objects.current()
        people = people.filter(
            DIRECTORS | Q(pk__in=officers.filter(unit_id__in=places).values("user_id"))
        )
        heads = User.objects.filter(DIRECTORS, is_active=True, unit_id__in=places)
        if heads.filter(pk__in=named_users).exists():
            integrity = officers.filter(unit__kind=Unit.Kind.DEPARTMENT).values("user_id")
            people = people | User.objects.filter(pk__in=integrity)
    return people.exclude(pk__in=named_users)


def check_naming(unit: Unit, province: Unit, category: str, named) -> None:
    """Naming staff hides the complaint from them; it may never hide it from everyone
    able to handle it. Only staff records linked to an account may be named: the
    complaint is hidden from, and escalated past, the account a name points to, so a
    name without one (a head whose record is not linked) would do neither."""
    named = list(named)
    unlinked = [person for person in named if person.user_id is None]
    if unlinked:
        raise ValidationError(
            _(
                "%(names)s: this staff record is not linked to an account. Ask an "
                "administrator to link it to the person's account before naming them."
            )
            % {"names": ", ".join(person.full_name for person in unlinked)},
            code="unlinked_staff",
        )
    if named and not handlers(unit.pk, province.pk, category, named).exists():
        raise ValidationError(
            _(
                "Naming these staff would leave nobody to handle this complaint. Name fewer "
                "people, or ask the department to designate its integrity officer first."
            ),
            code="no_handler",
        )


def can_name_staff_at(user: User, unit: Unit) -> bool:
    """Who may name the staff a complaint recorded at ``unit`` is about: those who will
    read its complainant's identity, that is the head and the confirmed complaint
    officers of the province that handles it. Naming someone hides the complaint from
    them, so it is left to the people who may know who complained."""
    province = unit.province or unit
    return reads_identities_at(user, (province.pk,))


def nameable_staff(units, *, named=()):
    """The staff a person may name: the active staff of ``units`` (at record time the
    recording office alone: a district officer never gets the province's list), plus
    those already named."""
    return (
        StaffMember.objects.filter(
            Q(unit__in=units, is_active=True) | Q(pk__in=[person.pk for person in named])
        )
        .select_related("unit")
        .order_by("unit__code", "first_name")
    )


@transaction.atomic
def set_persons_concerned(complaint: Complaint, staff, *, acting_user: User) -> ComplaintEvent:
    require_handler(complaint, acting_user)
    staff = list(staff)
    check_naming(complaint.unit, complaint.province, complaint.category, staff)
    before = audit.snapshot(complaint, ["persons_concerned"])
    complaint.persons_concerned.set(staff)
    # Who a complaint names is as sensitive as who made it: only the office head reads it.
    _audit(
        complaint,
        "complaints.persons_concerned",
        acting_user,
        changes=audit.diff(before, audit.snapshot(complaint, ["persons_concerned"])),
        confidential=True,
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.PERSONS,
        actor=acting_user,
        note=", ".join(person.full_name for person in staff),
    )


def reads_identities_at(user: User, unit_ids) -> bool:
    """The head or a confirmed complaint officer of one of ``unit_ids``."""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_director(user) and user.unit_id in unit_ids:
        return True
    return ComplaintOfficer.objects.current().filter(user=user, unit_id__in=unit_ids).exists()


def can_read_identity(user: User, complaint: Complaint) -> bool:
    """Designated complaint officers of the complaint's office or province, and the
    director; for a complaint naming that head, the department's integrity officer. The
    caller has already checked that the user may see the complaint."""
    if reads_identities_at(user, (complaint.unit_id, complaint.province_id)):
        return True
    return (
        ComplaintOfficer.objects.current()
        .filter(user=user, unit__kind=Unit.Kind.DEPARTMENT)
        .exists()
        and Complaint.objects.escalated().filter(pk=complaint.pk).exists()
    )


@transaction.atomic
def read_identity(complaint: Complaint, *, acting_user: User) -> Complainant | None:
    """The complainant's identity, with the reading logged."""
    if not can_read_identity(acting_user, complaint):
        raise PermissionDenied
    IdentityReading.objects.create(complaint=complaint, reader=acting_user)
    _audit(complaint, "complaints.identity_read", acting_user, confidential=True)
    return Complainant.objects.filter(complaint=complaint).first()


def can_confirm_officer(user: User, officer: ComplaintOfficer) -> bool:
    """A department administrator other than the proposer and the person designated."""
    return (
        user.is_authenticated
        and user.is_department_administrator
        and user.pk not in (officer.designated_by_id, officer.user_id)
    )


@transaction.atomic
def propose_officer(unit: Unit, user: User, *, acting_user: User) -> ComplaintOfficer:
    """The office head's proposal: no access until a department administrator confirms."""
    if not (is_director(acting_user) and acting_user.unit_id == unit.pk):
        raise PermissionDenied
    if user.pk == acting_user.pk:
        raise ValidationError(_("The office head reads these complaints already."))
    if user.unit_id != unit.pk or not user.is_active or user.role == User.Role.COMMITTEE:
        raise ValidationError(_("Only staff of this office can be its complaint officers."))
    officer, created = ComplaintOfficer.objects.get_or_create(
        unit=unit,
        user=user,
        defaults={"designated_by": acting_user, "status": ComplaintOfficer.Status.PENDING},
    )
    if created:
        audit.record(
            acting_user,
            "complaints.officer_proposed",
            officer,
            changes={"user": [None, user.pk], "status": [None, officer.status]},
            unit=unit,
            label=str(user),
        )
    return officer


def _pending_officer(officer: ComplaintOfficer, acting_user: User) -> ComplaintOfficer:
    # Locked: two administrators deciding at once get one decision and one message.
    officer = ComplaintOfficer.objects.select_for_update().filter(pk=officer.pk).first()
    if officer is None:
        raise ValidationError(_("This designation was already refused or removed."))
    if not can_confirm_officer(acting_user, officer):
        raise PermissionDenied
    if not officer.is_pending:
        raise ValidationError(_("This designation was already confirmed."))
    return officer


@transaction.atomic
def confirm_officer(officer: ComplaintOfficer, *, acting_user: User) -> ComplaintOfficer:
    """The second person's consent: from now on the officer reads confidential complaints."""
    officer = _pending_officer(officer, acting_user)
    if officer.user.unit_id != officer.unit_id or not officer.user.is_active:
        raise ValidationError(_("Only staff of this office can be its complaint officers."))
    officer.status = ComplaintOfficer.Status.CONFIRMED
    officer.confirmed_by = acting_user
    officer.confirmed_at = timezone.now()
    officer.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit.record(
        acting_user,
        "complaints.officer_designated",
        officer,
        changes={
            "status": [ComplaintOfficer.Status.PENDING, officer.status],
            "confirmed_by": [None, acting_user.pk],
        },
        unit=officer.unit_id,
        label=str(officer.user),
    )
    return officer


@transaction.atomic
def refuse_officer(officer: ComplaintOfficer, *, acting_user: User) -> None:
    officer = _pending_officer(officer, acting_user)
    audit.record(
        acting_user,
        "complaints.officer_refused",
        officer,
        changes={"user": [officer.user_id, None], "status": [officer.status, None]},
        unit=officer.unit_id,
        label=str(officer.user),
    )
    officer.delete()


@transaction.atomic
def remove_officer(officer: ComplaintOfficer, *, acting_user: User) -> None:
    """End a designation (or withdraw a proposal): the person no longer reads
    complainants' identities. It only narrows access, so the head does it alone."""
    audit.record(
        acting_user,
        "complaints.officer_removed",
        officer,
        changes={"user": [officer.user_id, None]},
        unit=officer.unit_id,
        label=str(officer.user),
    )
    officer.delete()


CHANNEL_FIELDS = ["name", "medium", "kind", "how_to_reach", "position", "is_published"]


@transaction.atomic
def save_channel(form, *, acting_user: User) -> Channel:
    """Add a complaint channel from a valid form, or save the edits to one."""
    require_manager(acting_user, form.instance.unit)
    adding = form.instance.pk is None
    fields = CHANNEL_FIELDS
    before = {} if adding else audit.snapshot(Channel.objects.get(pk=form.instance.pk), fields)
    channel = form.save()
    audit.record(
        acting_user,
        "complaints.channel_added" if adding else "complaints.channel_changed",
        channel,
        changes=audit.diff(before, audit.snapshot(channel, fields)),
        unit=channel.unit_id,
    )
    return channel


@transaction.atomic
def remove_channel(channel: Channel, *, acting_user: User) -> bool:
    """Remove a channel; one that has complaints is unpublished instead (returns False)."""
    require_manager(acting_user, channel.unit)
    if channel.complaints.exists():
        channel.is_published = False
        channel.save(update_fields=["is_published"])
        audit.record(
            acting_user,
            "complaints.channel_changed",
            channel,
            changes={"is_published": [True, False]},
            unit=channel.unit_id,
        )
        return False
    audit.record(
        acting_user,
        "complaints.channel_removed",
        channel,
        changes=audit.diff(audit.snapshot(channel, ["name", "medium"]), {}),
        unit=channel.unit_id,
    )
    channel.delete()
    return True


# ---------------------------------------------------------------------------- personal data


def _blank_identity(complainant: Complainant, now) -> None:
    complainant.name = complainant.phone = complainant.email = complainant.address = ""
    complainant.erased_at = now


@transaction.atomic
def remove_identity(complaint: Complaint, *, acting_user: User | None, reason: str) -> bool:
    """Remove who made ``complaint`` (an erasure the data subject asked for): the complaint
    stays, its complainant is no longer known. The caller checked who may do it. Returns
    whether there was an identity to remove."""
    complainant = (
        Complainant.objects.select_for_update()
        .filter(complaint=complaint, erased_at__isnull=True)
        .first()
    )
    if complainant is None:
        return False
    _blank_identity(complainant, timezone.now())
    complainant.save()
    _audit(
        complaint,
        "complaints.identity_removed",
        acting_user,
        changes={"identity": ["kept", "removed"]},
        reason=reason,
    )
    return True


def identities_past_retention(cutoff: datetime):
    """Complainants of complaints closed before ``cutoff`` whose identity is still kept."""
    return Complainant.objects.filter(
        complaint__status__in=Complaint.CLOSED_STATUSES,
        complaint__closed_at__lt=cutoff,
        erased_at__isnull=True,
    )


@transaction.atomic
def remove_identities_past_retention(cutoff: datetime, *, dry_run: bool = False) -> int:
    """The retention rule for identities: each closed complaint's complainant removed once
    the complaint has been closed longer than the period. One audit entry with the count."""
    due = identities_past_retention(cutoff).select_for_update()
    if dry_run:
        return due.count()
    now = timezone.now()
    count = 0
    for complainant in due:
        _blank_identity(complainant, now)
        complainant.save()
        count += 1
    if count:
        audit.record(
            audit.SYSTEM,
            "complaints.identities_removed_after_retention",
            ("complaints.complainant", 0, "complainants"),
            changes={"identities": [count, 0]},
            reason=f"closed before {cutoff.date().isoformat()}",
        )
    return count
