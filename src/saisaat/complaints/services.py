"""Every change to a complaint goes through here: one transaction, one history row."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
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
from saisaat.complaints.models.complaints import is_director
from saisaat.core.files import CheckedFile, check_evidence_file
from saisaat.orgs.models import StaffMember, Unit, User
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


@transaction.atomic
def route_complaint(
    complaint: Complaint, to_unit: Unit, *, acting_user: User, note: str = ""
) -> ComplaintEvent:
    """Hand a complaint to another office of the same province."""
    if to_unit.pk != complaint.province_id and to_unit.parent_id != complaint.province_id:
        raise ValidationError(_("A complaint can only go to an office of its province."))
    if to_unit.pk == complaint.unit_id:
        raise ValidationError(_("The complaint is already with this office."))
    from_unit_id = complaint.unit_id
    complaint.unit = to_unit
    complaint.save(update_fields=["unit", "updated_at"])
    _audit(
        complaint, "complaints.routed", acting_user, changes={"unit": [from_unit_id, to_unit.pk]}
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


@transaction.atomic
def set_persons_concerned(complaint: Complaint, staff, *, acting_user: User) -> ComplaintEvent:
    staff = list(staff)
    before = audit.snapshot(complaint, ["persons_concerned"])
    complaint.persons_concerned.set(staff)
    _audit(
        complaint,
        "complaints.persons_concerned",
        acting_user,
        changes=audit.diff(before, audit.snapshot(complaint, ["persons_concerned"])),
    )
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=ComplaintEvent.Action.PERSONS,
        actor=acting_user,
        note=", ".join(person.full_name for person in staff),
    )


def can_read_identity(user: User, complaint: Complaint) -> bool:
    """Designated complaint officers of the complaint's office or province, and the
    director. The caller has already checked that the user may see the complaint."""
    places = (complaint.unit_id, complaint.province_id)
    if is_director(user) and user.unit_id in places:
        return True
    return ComplaintOfficer.objects.current().filter(user=user, unit_id__in=places).exists()


@transaction.atomic
def read_identity(complaint: Complaint, *, acting_user: User) -> Complainant | None:
    """The complainant's identity, with the reading logged."""
    if not can_read_identity(acting_user, complaint):
        raise PermissionDenied
    IdentityReading.objects.create(complaint=complaint, reader=acting_user)
    _audit(complaint, "complaints.identity_read", acting_user, confidential=True)
    return Complainant.objects.filter(complaint=complaint).first()


@transaction.atomic
def designate_officer(unit: Unit, user: User, *, acting_user: User) -> ComplaintOfficer:
    if user.unit_id != unit.pk:
        raise ValidationError(_("Only staff of this office can be its complaint officers."))
    officer, created = ComplaintOfficer.objects.get_or_create(
        unit=unit, user=user, defaults={"designated_by": acting_user}
    )
    if created:
        audit.record(
            acting_user,
            "complaints.officer_designated",
            officer,
            changes={"user": [None, user.pk]},
            unit=unit,
            label=str(user),
        )
    return officer


@transaction.atomic
def remove_officer(officer: ComplaintOfficer, *, acting_user: User) -> None:
    """End a designation: the person no longer reads complainants' identities."""
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


def staff_of_province(province: Unit):
    """The active staff of the province's offices, office by office, for choosing from."""
    return StaffMember.objects.filter(
        unit__in=Unit.objects.within(province), is_active=True
    ).order_by("unit__code", "first_name")


@transaction.atomic
def save_officer(officer: ComplaintOfficer, *, acting_user: User, save) -> None:
    """A designation made or changed on the admin site, logged like ``designate_officer``."""
    if officer.user.unit_id != officer.unit_id:
        # The same rule as designate_officer: the admin site is no way around it.
        raise ValidationError(_("Only staff of this office can be its complaint officers."))
    adding = officer.pk is None
    fields = ["unit", "user"]
    before = {} if adding else audit.stored(officer, fields)
    save()
    audit.record(
        acting_user,
        "complaints.officer_designated" if adding else "complaints.officer_changed",
        officer,
        changes=audit.diff(before, audit.snapshot(officer, fields)),
        unit=officer.unit_id,
        label=str(officer.user),
    )
