"""A job the worker runs for a user: an export that takes seconds or minutes.

django-q2 keeps its own task rows (the queue, the results); this record is what the user's
page reads: whose job it is, how far it got, the file it made (in the storage, like every
upload) or why it failed, in Thai.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's own jobs, and, for an administrator, those started in their office
        (the office the owner had when starting it, not the one they have now): the files
        may hold evidence and personal data."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        mine = models.Q(owner=user)
        if getattr(user, "is_administrator", False) and user.unit_id is not None:
            mine |= models.Q(unit_id=user.unit_id)
        return self.filter(mine)

    def active(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])


class Job(models.Model):
    """One run of a registered job kind (``saisaat.jobs.registry``)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting in the queue")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("owner"),
    )
    unit = models.ForeignKey(
        "orgs.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
        help_text=_("The owner's office when the job was started."),
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    result = models.FileField(_("result file"), upload_to="jobs/%Y/%m/", blank=True)
    result_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    error = models.TextField(_("error message"), blank=True)
    task_id = models.CharField(_("task id"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(_("run from"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="job_progress_at_most_100",
                violation_error_message=_("Progress is a percentage."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    def is_stale(self, now) -> bool:
        """Queued or running for longer than the worker may take: its worker was stopped
        (the timeout, a crash) or it never reached the queue."""
        return self.is_active and (self.started_at or self.created_at) < stale_before(now)


def stale_before(now):
    """Jobs queued or running since before this moment are given up on."""
    return now - timedelta(seconds=settings.SAISAAT_JOB_TIMEOUT + settings.SAISAAT_JOB_STALE_MARGIN)
