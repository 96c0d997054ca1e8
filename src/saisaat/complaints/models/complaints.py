import secrets
import uuid
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.complaints.models.channels import Channel
from saisaat.complaints.models.officers import ComplaintOfficer
from saisaat.core.crypto import EncryptedTextField, digest
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import ScopedQuerySet

# No 0/O or 1/I: codes are read aloud over the telephone and copied from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # 32 ** 12 = 2 ** 60 possible codes


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_tracking_code(text: str) -> str:
    """What a citizen typed, as stored: upper case without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch in CODE_ALPHABET)[: CODE_LENGTH * 2]


def format_tracking_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def is_director(user: User) -> bool:
    """The head of an office: an approver who does not lead a single work group."""
    return user.role == User.Role.APPROVER and user.work_group_id is None


# ``is_director`` as a filter on users.
DIRECTORS = Q(role=User.Role.APPROVER, work_group__isnull=True)


def names_a_head():
    """Whether a complaint names the head of the office handling it or of its province:
    such a complaint also goes to the department's integrity officer (a complaint officer
    designated at the department), so that naming the head never leaves it unhandled."""
    return Exists(
        StaffMember.objects.filter(
            complaints_naming=OuterRef("pk"),
            user__role=User.Role.APPROVER,
            user__work_group__isnull=True,
            user__is_active=True,
        ).filter(Q(user__unit_id=OuterRef("unit_id")) | Q(user__unit_id=OuterRef("province_id")))
    )


class ComplaintQuerySet(ScopedQuerySet):
    """Complaints have their own reading rule (``visible_to``), and whoever may read a
    complaint handles it."""

    def visible_to(self, user):
        """Complaints the user may read: those of its own unit and, at a provincial
        office, of the districts below it. Complaints about corruption or misconduct only
        for the designated complaint officers and the director, and, when they name the
        head of the office handling them, for the department's integrity officer; never
        for a person the complaint names. Nobody else, superusers included: the admin
        site's rights give no complaint."""
        if not user.is_authenticated or user.unit_id is None:
            return self.none()
        if user.role == User.Role.COMMITTEE or not user.is_active:
            return self.none()
        rule = Q(unit_id=user.unit_id) | Q(province_id=user.unit_id)
        designated = ComplaintOfficer.objects.current().filter(user=user).values("unit_id")
        if not is_director(user):
            rule &= (
                ~Q(category=Complaint.Category.MISCONDUCT)
                | Q(unit_id__in=designated)
                | Q(province_id__in=designated)
            )
        # In SQL rather than a query of its own: the pinned page counts stay as they are.
        integrity_officer = Exists(designated.filter(unit__kind=Unit.Kind.DEPARTMENT))
        rule |= Q(integrity_officer) & Q(category=Complaint.Category.MISCONDUCT) & Q(names_a_head())
        return self.filter(rule).exclude(persons_concerned__user=user)

    def escalated(self):
        """Complaints about misconduct that name the head of the office handling them."""
        return self.filter(names_a_head(), category=Complaint.Category.MISCONDUCT)

    def editable_by(self, user):
        return self.visible_to(user)

    def allows_edit(self, user, obj) -> bool:
        return self.visible_to(user).filter(pk=obj.pk).exists()

    def within(self, unit: Unit):
        if unit.kind == Unit.Kind.PROVINCE:
            return self.filter(province=unit)
        return self.filter(unit=unit)

    def open(self):
        return self.exclude(status__in=Complaint.CLOSED_STATUSES)

    def closed(self):
        return self.filter(status__in=Complaint.CLOSED_STATUSES)

    def acknowledgement_overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(status=Complaint.Status.RECEIVED, acknowledge_due__lt=today)

    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.open().filter(finish_due__lt=today)

    def late(self, today: date | None = None):
        """Not acknowledged in time, or not finished in time."""
        today = today or timezone.localdate()
        return self.acknowledgement_overdue(today) | self.overdue(today)


class Complaint(models.Model):
    """A complaint (เรื่องร้องเรียน) from a citizen, whichever channel brought it."""

    class Category(models.TextChoices):
        MISCONDUCT = "misconduct", _("Corruption or misconduct by staff")
        SERVICE = "service", _("Service")
        GENERAL = "general", _("General complaint")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        INVESTIGATING = "investigating", _("Under investigation")
        RESOLVED = "resolved", _("Resolved")
        UNSUBSTANTIATED = "unsubstantiated", _("Closed as unsubstantiated")
        FORWARDED = "forwarded", _("Forwarded to another agency")

    CLOSED_STATUSES = ("resolved", "unsubstantiated", "forwarded")

    tracking_code = models.CharField(
        _("tracking code"), max_length=CODE_LENGTH, unique=True, default=new_tracking_code
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("what happened"))
    location = models.CharField(_("where"), max_length=300, blank=True)
    occurred_on = models.DateField(_("when it happened"), null=True, blank=True)
    occurred_when = models.CharField(_("when, in words"), max_length=200, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=True)
    # Where the complaint is handled; the province by default, re-routable to a district.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    # Kept on the row so that the province reads its districts' complaints in one filter.
    province = models.ForeignKey(
        Unit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    reported_unit = models.ForeignKey(
        Unit,
        verbose_name=_("office the complaint was made to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.ForeignKey(
        Channel,
        verbose_name=_("channel"),
        on_delete=models.SET_NULL,
        related_name="complaints",
        null=True,
        blank=True,
    )
    # The kind of channel is kept even if the office later removes the channel.
    medium = models.CharField(_("channel kind"), max_length=16, choices=Channel.Medium.choices)
    persons_concerned = models.ManyToManyField(
        StaffMember,
        verbose_name=_("staff named in the complaint"),
        related_name="complaints_naming",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledge_due = models.DateField(_("acknowledge by"))
    finish_due = models.DateField(_("finish by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Deleting a complaint deletes the notices about it.
    notices = GenericRelation(
        "notices.Notice", content_type_field="target_type", object_id_field="target_id"
    )

    objects = ComplaintQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["province", "received_at"], name="complaint_province_idx"),
            models.Index(fields=["unit", "status"], name="complaint_unit_status_idx"),
        ]

    def __str__(self):
        return format_tracking_code(self.tracking_code)

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    @property
    def display_code(self) -> str:
        return format_tracking_code(self.tracking_code)

    @property
    def is_confidential(self) -> bool:
        return self.category == self.Category.MISCONDUCT

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    def is_acknowledgement_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.RECEIVED and self.acknowledge_due < today

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_closed and self.finish_due < today


class ComplainantQuerySet(ScopedQuerySet):
    """Nobody reaches an identity through the gate: it is read one complaint at a time
    through ``complaints.services.read_identity``, which checks the identity rule and
    logs the reading. Reading a complaint is not enough."""

    def visible_to(self, user):
        return self.none()

    def editable_by(self, user):
        return self.none()

    def allows_edit(self, user, obj) -> bool:
        return False


class Complainant(models.Model):
    """Who made a complaint, kept apart from it: only the complaint officers and the
    director read it, and every reading is logged in ``IdentityReading``."""

    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="complainant"
    )
    # Encrypted at rest (core.crypto); the digests find a person's complaints by contact
    # (a request under the PDPA) without a searchable copy of the contact itself.
    name = EncryptedTextField(_("name"))
    phone = EncryptedTextField(_("telephone"), blank=True)
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    phone_digest = models.CharField(_("telephone digest"), max_length=64, blank=True, db_index=True)
    email_digest = models.CharField(_("e-mail digest"), max_length=64, blank=True, db_index=True)
    consented_at = models.DateTimeField(_("agreed to the personal-data notice"))
    # Set when the identity is removed (retention period over, or erased on request): the
    # complaint stays, its complainant is no longer known.
    erased_at = models.DateTimeField(_("identity removed"), null=True, blank=True)

    objects = ComplainantQuerySet.as_manager()
    unit_scope = "complaint__unit"

    class Meta:
        verbose_name = _("complainant")
        verbose_name_plural = _("complainants")

    def __str__(self):
        # Never the name: this string can end up in logs and admin pages.
        return f"{_('complainant')} #{self.pk}"

    def save(self, *args, **kwargs):
        self.phone_digest = digest("phone", self.phone)
        self.email_digest = digest("email", self.email)
        if kwargs.get("update_fields") is not None:
            fields = set(kwargs["update_fields"])
            if fields & {"phone", "email"}:
                kwargs["update_fields"] = fields | {"phone_digest", "email_digest"}
        super().save(*args, **kwargs)


class IdentityReading(models.Model):
    """One time someone opened a complainant's identity."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="identity_readings",
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("read by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    read_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "complaint__unit"

    class Meta:
        verbose_name = _("reading of a complainant's identity")
        verbose_name_plural = _("readings of complainants' identities")
        ordering = ["-read_at", "-pk"]

    def __str__(self):
        return f"{self.reader} {self.read_at:%Y-%m-%d %H:%M}"


def attachment_upload_path(item: "ComplaintAttachment", filename: str) -> str:
    # Never the citizen's file name on disk; the original is kept in a field.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"complaints/{item.complaint.province_id}/{uuid.uuid4().hex}.{suffix}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.BigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "complaint__unit"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        return reverse("complaints:attachment", args=[self.pk])


class ComplaintEvent(models.Model):
    """One step in a complaint's history. ``note`` is internal; ``public_message`` is what
    the citizen reads on the tracking page."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        STATUS = "status", _("Status changed")
        REOPENED = "reopened", _("Reopened")
        ROUTED = "routed", _("Routed")
        NOTE = "note", _("Internal note")
        UPDATE = "update", _("Public update")
        PERSONS = "persons", _("Staff named changed")

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    from_unit = models.ForeignKey(
        Unit, verbose_name=_("from unit"), on_delete=models.PROTECT, related_name="+", null=True
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("to unit"), on_delete=models.PROTECT, related_name="+", null=True
    )
    note = models.TextField(_("internal note"), blank=True)
    public_message = models.TextField(_("message to the complainant"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "complaint__unit"

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d}"

    @property
    def from_status_label(self) -> str:
        return Complaint.Status(self.from_status).label if self.from_status else ""

    @property
    def to_status_label(self) -> str:
        return Complaint.Status(self.to_status).label if self.to_status else ""
