"""What each unit owes: assignments, the evidence that proves them, their review history,
and the reminders sent about them."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity, EvidenceRequirement, Plan


def responsible_group(group_id: int) -> Q:
    """Assignments a work group is responsible for.

    An activity may name several responsible groups (1.1.1: กลุ่มงานประสาน and กลุ่มงาน
    สารสนเทศ; 2.2.1: ทุกกลุ่มงาน). The provincial office still owes it once: one assignment
    per office keeps the indicators (each office judged on its own records, the evidence
    of one assignment) and the progress dashboard (one unit of work per office) right,
    where one assignment per group would count the work several times over. The
    assignment's ``work_group`` is the lead group (the first named); every other group the
    activity names shares it, read from the activity itself, so a plan re-imported with
    other groups needs no data migration. A district office has no work groups here.
    """
    shared = Activity.responsible_groups.through.objects.filter(
        activity_id=OuterRef("activity_id"), workgroup_id=group_id
    )
    return Q(work_group_id=group_id) | (Q(unit_id=F("province_id")) & Q(Exists(shared)))


def outstanding_on(day: date) -> Q:
    """Work the unit still owed at the end of ``day``: neither approved nor waiting for
    review by then. Submitted work is with the reviewer, not the unit.

    For today this is the status alone (not started, in progress, returned). For a past
    day (the quarterly report's "as of") the submission and approval times tell what
    was still owed: work submitted or approved only after that day was owed then. A
    return is not dated on the row, so work returned since counts as owed then too.
    """
    status = Assignment.Status
    submitted_later = Q(submitted_at__isnull=True) | Q(submitted_at__date__gt=day)
    return (
        Q(status__in=Assignment.OUTSTANDING)
        | Q(status=status.SUBMITTED, submitted_at__date__gt=day)
        | (Q(status=status.APPROVED, approved_at__date__gt=day) & submitted_later)
    )


def overdue_on(day: date) -> Q:
    """The one overdue rule, used by every list, count, reminder, export and report:
    current work the unit still owed at the end of ``day`` (:func:`outstanding_on`) that
    fell due before it. What waits for review is never overdue (it is shown apart as
    waiting for review). ``Assignment.is_overdue`` is the same rule on one loaded row."""
    return Q(is_retired=False, due_date__lt=day) & outstanding_on(day)


def made_by(user) -> Q:
    """Assignments whose latest submission is ``user``'s or that carry current evidence
    ``user`` uploaded."""
    latest_submitter = (
        AssignmentEvent.objects.filter(
            assignment=OuterRef("pk"), action=AssignmentEvent.Action.SUBMITTED
        )
        .order_by("-pk")
        .values("actor_id")[:1]
    )
    own_evidence = EvidenceItem.objects.current().filter(
        assignment=OuterRef("pk"), uploaded_by=user
    )
    return Q(Exact(Subquery(latest_submitter), user.pk)) | Q(Exists(own_evidence))


class AssignmentQuerySet(ScopedQuerySet):
    """Read by the unit that owes the work and the units above it (the default rule);
    worked on by the officers of the unit that owes it."""

    def editable_by(self, user):
        """Officers of the unit that owes the work add its evidence and submit it (not the
        evaluation committee, not a superuser from elsewhere)."""
        if not user.is_authenticated or not user.is_active or user.unit_id is None:
            return self.none()
        if user.role == User.Role.COMMITTEE:
            return self.none()
        return self.filter(unit_id=user.unit_id)

    def allows_edit(self, user, obj) -> bool:
        return (
            user.is_authenticated
            and user.unit_id == obj.unit_id
            and user.role != User.Role.COMMITTEE
            and user.is_active
        )

    def current(self):
        return self.filter(is_retired=False)

    def open(self):
        return self.exclude(status=Assignment.Status.APPROVED)

    def outstanding(self, day: date | None = None):
        """Current work the unit still owes (see :func:`outstanding_on`)."""
        return self.current().filter(outstanding_on(day or timezone.localdate()))

    def overdue(self, today: date | None = None):
        """The one overdue rule (:func:`overdue_on`): what the unit owes past its due date."""
        return self.filter(overdue_on(today or timezone.localdate()))

    def with_overdue(self, today: date | None = None):
        """Each row with ``late``: whether :func:`overdue_on` holds for it today (for
        lists read as ``values()``, which have no ``is_overdue``)."""
        rule = overdue_on(today or timezone.localdate())
        return self.annotate(late=ExpressionWrapper(rule, output_field=models.BooleanField()))

    def waiting_for_review(self):
        """Submitted work: with the reviewer, so neither overdue nor due from the unit."""
        return self.current().filter(status=Assignment.Status.SUBMITTED)

    def due_within(self, days: int, today: date | None = None):
        today = today or timezone.localdate()
        return self.outstanding(today).filter(due_date__range=(today, today + timedelta(days=days)))

    def made_by(self, user):
        """Work ``user`` submitted (this round) or gave current evidence for: separation of
        duties keeps them from approving it (``tracking.services.review``)."""
        return self.filter(made_by(user))

    def made_by_office_head(self):
        """Work whose latest submission, or any of whose current evidence, comes from the
        head of the province that reviews it: the head may not approve it (separation of
        duties), the province's deputy approver does."""
        heads = User.objects.filter(
            role=User.Role.APPROVER, work_group__isnull=True, unit_id=OuterRef("province_id")
        )
        submitter = Subquery(
            AssignmentEvent.objects.filter(
                assignment=OuterRef("pk"), action=AssignmentEvent.Action.SUBMITTED
            )
            .order_by("-pk")
            .values("actor_id")[:1]
        )
        head_evidence = EvidenceItem.objects.current().filter(
            assignment=OuterRef("pk"),
            uploaded_by__role=User.Role.APPROVER,
            uploaded_by__work_group__isnull=True,
            uploaded_by__unit_id=OuterRef("province_id"),
        )
        return self.annotate(head_submitter=submitter).filter(
            Q(Exists(heads.filter(pk=OuterRef("head_submitter")))) | Q(Exists(head_evidence))
        )

    def for_officer(self, user):
        """What an officer is expected to do: named on it, or in its unit and (at a
        provincial office) its work group when nobody is named."""
        if user.unit_id is None:
            return self.none()
        mine = Q(officer=user)
        unassigned_here = Q(unit_id=user.unit_id, officer__isnull=True)
        if user.unit.kind == Unit.Kind.PROVINCE and user.work_group_id:
            unassigned_here &= responsible_group(user.work_group_id) | Q(work_group__isnull=True)
        return self.filter(mine | unassigned_here)

    def for_work_group(self, group_id: int):
        return self.filter(responsible_group(group_id))


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
    # Deleting an assignment deletes the notices about it.
    notices = GenericRelation(
        "notices.Notice", content_type_field="target_type", object_id_field="target_id"
    )

    objects = AssignmentQuerySet.as_manager()
    unit_scope = "unit"

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

    # What the unit still owes: the statuses in which the work is in its hands.
    OUTSTANDING = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.RETURNED)

    def is_overdue(self, today: date | None = None) -> bool:
        """:func:`overdue_on` for today, on this row."""
        today = today or timezone.localdate()
        return not self.is_retired and self.status in self.OUTSTANDING and self.due_date < today

    def responsible_group_ids(self) -> set[int]:
        """The work groups that share this work: the lead group and, at the provincial
        office, every group the activity names (see :func:`responsible_group`). Reads
        ``activity.responsible_groups`` through a prefetch when there is one."""
        ids = {self.work_group_id} if self.work_group_id else set()
        if self.unit_id == self.province_id:
            ids.update(group.pk for group in self.activity.responsible_groups.all())
        return ids

    @property
    def is_locked(self) -> bool:
        """Approved work is closed: evidence can no longer be added or changed."""
        return self.status == self.Status.APPROVED


def evidence_upload_path(item: "EvidenceItem", filename: str) -> str:
    # The stored name never reuses what the uploader typed; the original is kept in a field.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    assignment = item.assignment
    return f"evidence/{assignment.province_id}/{assignment.unit_id}/{uuid.uuid4().hex}.{suffix}"


class EvidenceItemQuerySet(ScopedQuerySet):
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
        # Protected: a checklist item with evidence is retired, never deleted from under it.
        on_delete=models.PROTECT,
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
    unit_scope = "assignment__unit"

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

    objects = ScopedQuerySet.as_manager()
    unit_scope = "assignment__unit"

    class Meta:
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d}"
