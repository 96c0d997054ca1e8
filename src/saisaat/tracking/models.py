"""What each unit owes: assignments, the evidence that proves them, their review history,
and the reminders sent about them."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, WorkGroup
from saisaat.plans.models import Activity, EvidenceRequirement, Plan


class AssignmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_retired=False)

    def visible_to(self, user):
        """Assignments whose records the user may read: its own unit's, and for a provincial
        or department user, those of every unit below it."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id is None:
            return self.none()
        if user.unit.kind == Unit.Kind.DEPARTMENT:
            return self
        if user.unit.kind == Unit.Kind.PROVINCE:
            return self.filter(province_id=user.unit_id)
        return self.filter(unit_id=user.unit_id)

    def open(self):
        return self.exclude(status=Assignment.Status.APPROVED)

    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.current().open().filter(due_date__lt=today)

    def due_within(self, days: int, today: date | None = None):
        today = today or timezone.localdate()
        return self.current().open().filter(due_date__range=(today, today + timedelta(days=days)))

    def for_officer(self, user):
        """What an officer is expected to do: named on it, or in its unit and (at a
        provincial office) its work group when nobody is named."""
        if user.unit_id is None:
            return self.none()
        mine = Q(officer=user)
        unassigned_here = Q(unit_id=user.unit_id, officer__isnull=True)
        if user.unit.kind == Unit.Kind.PROVINCE and user.work_group_id:
            unassigned_here &= Q(work_group_id=user.work_group_id) | Q(work_group__isnull=True)
        return self.filter(mine | unassigned_here)


class Assignment(models.Model):
    """One activity of a plan, owed by one unit."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="assignments"
    )
    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments"
    )
    # Kept on the row so that dashboards group one table rather than walking the plan tree.
    province = models.ForeignKey(
        Unit,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="province_assignments",
    )
    dimension_number = models.PositiveSmallIntegerField(_("dimension"))
    work_group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("responsible work group"),
        on_delete=models.SET_NULL,
        related_name="assignments",
        null=True,
        blank=True,
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.SET_NULL,
        related_name="assignments",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    due_date = models.DateField(_("due date"))
    is_retired = models.BooleanField(_("retired"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "unit"],
                name="assignment_unique_activity_unit",
                violation_error_message=_("This unit already has this activity."),
            )
        ]
        indexes = [
            models.Index(
                fields=["plan", "dimension_number", "unit", "status"],
                name="assignment_dashboard_idx",
            ),
            models.Index(fields=["unit", "status"], name="assignment_unit_status_idx"),
            models.Index(fields=["due_date"], name="assignment_due_idx"),
        ]

    def __str__(self):
        return f"{self.unit} — {self.activity}"

    def get_absolute_url(self):
        return reverse("tracking:assignment-detail", args=[self.pk])

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return not self.is_retired and self.status != self.Status.APPROVED and self.due_date < today

    @property
    def is_locked(self) -> bool:
        """Approved work is closed: evidence can no longer be added or changed."""
        return self.status == self.Status.APPROVED


def evidence_upload_path(item: "EvidenceItem", filename: str) -> str:
    # The stored name never reuses what the uploader typed; the original is kept in a field.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    assignment = item.assignment
    return f"evidence/{assignment.province_id}/{assignment.unit_id}/{uuid.uuid4().hex}.{suffix}"


class EvidenceItemQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_by__isnull=True)


class EvidenceItem(models.Model):
    """One piece of evidence: a file, a link or a short note, with when the thing happened."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")
        NOTE = "note", _("Note")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_upload_path, max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    note = models.TextField(_("note"), blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    effective_date = models.DateField(
        _("date of the event"), help_text=_("When the thing this evidence shows happened.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="evidence_items",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        related_name="superseded_by",
        null=True,
        blank=True,
    )
    requirement = models.ForeignKey(
        EvidenceRequirement,
        verbose_name=_("checklist item"),
        on_delete=models.SET_NULL,
        related_name="evidence_items",
        null=True,
        blank=True,
        help_text=_("The item of the activity's evidence checklist this piece satisfies."),
    )
    source_kind = models.CharField(
        _("linked record"),
        max_length=40,
        blank=True,
        help_text=_("The kind of Saisaat record this is a dated snapshot of; empty for an upload."),
    )

    objects = EvidenceItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        ordering = ["effective_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(kind="file") & ~Q(file="") & ~Q(sha256=""))
                    | (Q(kind="link") & ~Q(url=""))
                    | (Q(kind="note") & ~Q(note=""))
                ),
                name="evidence_has_content_of_its_kind",
                violation_error_message=_("A file, a link or a note is needed."),
            )
        ]

    def __str__(self):
        return self.title or self.original_name or self.url or self.note[:60]

    def get_download_url(self):
        return reverse("tracking:evidence-file", args=[self.pk])


class AssignmentEvent(models.Model):
    """One step in an assignment's history: who did what, when, with what comment."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Published")
        REACTIVATED = "reactivated", _("Reactivated")
        RETIRED = "retired", _("Retired")
        ASSIGNED = "assigned", _("Officer assigned")
        EVIDENCE_ADDED = "evidence_added", _("Evidence added")
        EVIDENCE_CORRECTED = "evidence_corrected", _("Evidence corrected")
        SUBMITTED = "submitted", _("Submitted for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
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
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.ForeignKey(
        EvidenceItem,
        verbose_name=_("evidence"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d}"


class Notification(models.Model):
    """An in-app notice to one person; ``event_key`` makes each event notify once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        SUBMITTED = "submitted", _("Waiting for review")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    event_key = models.CharField(_("event"), max_length=100)
    message = models.CharField(_("message"), max_length=500)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"],
                name="notification_once_per_event",
                violation_error_message=_("This person was already notified of this event."),
            )
        ]

    def __str__(self):
        return self.message
