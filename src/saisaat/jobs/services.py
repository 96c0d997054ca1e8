"""Starting a job, running it in the worker, and clearing old ones.

``start_job`` is called by a view: it writes the job row and its audit entry, and hands the
job to django-q2 once the row is committed (the worker must find it). ``run_job`` is what
the worker runs; it never raises: a failure is written on the job, in Thai, for its page.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from saisaat.audit.services import SYSTEM, record, record_created, record_many
from saisaat.jobs import registry
from saisaat.jobs.models import Job, stale_before

logger = logging.getLogger(__name__)

RUNNER = "saisaat.jobs.services.run_job"
AUDITED_FIELDS = ["owner", "kind", "title", "parameters", "state"]


class TooManyJobs(Exception):
    """The user already has SAISAAT_JOB_MAX_ACTIVE jobs queued or running."""

    message = _(
        "You already have %(count)s jobs waiting or running. Wait until one of them has "
        "finished, then try again."
    )

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count

    def __str__(self):
        return str(self.message % {"count": self.count})


def start_job(kind: str, *, title: str, parameters: dict, acting_user) -> Job:
    """Queue a job of a registered ``kind`` for ``acting_user`` (who owns it).

    The same job (kind and parameters) already queued or running for the user is returned
    instead of a second one; beyond SAISAAT_JOB_MAX_ACTIVE active jobs, ``TooManyJobs``."""
    if registry.get(kind) is None:
        raise ValueError(f"no job kind {kind!r} is registered")
    with transaction.atomic():
        # The owner's row serialises one person's starts (a double click sends two).
        get_user_model().objects.select_for_update().filter(pk=acting_user.pk).first()
        fail_stale(owner=acting_user)
        active = list(Job.objects.active().filter(owner=acting_user).order_by("pk"))
        for job in active:
            if job.kind == kind and job.parameters == parameters:
                return job
        if len(active) >= settings.SAISAAT_JOB_MAX_ACTIVE:
            raise TooManyJobs(len(active))
        job = Job.objects.create(
            owner=acting_user,
            unit_id=acting_user.unit_id,
            kind=kind,
            title=title[:300],
            parameters=parameters,
        )
        record_created(acting_user, "jobs.started", job, AUDITED_FIELDS, unit=job.unit_id)
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    task_id = async_task(
        RUNNER,
        job_id,
        task_name=f"job-{job_id}",
        sync=settings.SAISAAT_JOBS_SYNC,
    )
    Job.objects.filter(pk=job_id, task_id="").update(task_id=task_id or "")


class Progress:
    """``progress(done, total)`` for a job function: writes the percentage when it moves
    by a whole point, so a job of a million steps still writes at most a hundred times."""

    def __init__(self, job: Job):
        self.job = job
        self.percent = job.progress

    def __call__(self, done: int, total: int) -> None:
        percent = min(99, done * 100 // total) if total > 0 else 0
        if percent > self.percent:
            self.percent = percent
            # A counter for the progress page, not a change the office made: no audit entry.
            Job.objects.filter(pk=self.job.pk).update(progress=percent)


def run_job(job_id: int) -> str:
    """The worker's entry point: run the job once, store its file, or write why it failed."""
    now = timezone.now()
    # Only a queued job starts: a task handed out twice runs once.
    if not Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now
    ):
        return "skipped"
    job = Job.objects.select_related("owner").get(pk=job_id)
    kind = registry.get(job.kind)
    try:
        if kind is None:
            raise registry.JobError(_("This kind of job is no longer available."))
        with translation.override(settings.LANGUAGE_CODE):
            result = kind.run(job, Progress(job))
    except registry.JobError as error:
        _fail(job, error.message)
        return "failed"
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(
            job,
            _(
                "The job stopped on an unexpected error. Try again; if it fails again, "
                "tell the system administrator."
            ),
        )
        return "failed"
    _finish(job, result)
    return "done"


def _finish(job: Job, result: registry.Result) -> None:
    content = result.content
    stored = ContentFile(content) if isinstance(content, bytes) else File(content)
    try:
        with transaction.atomic():
            job.result.save(result.filename, stored, save=False)
            job.result_name = result.filename
            job.content_type = result.content_type
            job.state = Job.State.DONE
            job.progress = 100
            job.finished_at = timezone.now()
            job.save(
                update_fields=[
                    "result",
                    "result_name",
                    "content_type",
                    "state",
                    "progress",
                    "finished_at",
                ]
            )
            record(
                SYSTEM,
                "jobs.finished",
                job,
                changes={
                    "state": [Job.State.RUNNING, Job.State.DONE],
                    "result": [None, job.result.name],
                },
                unit=job.unit_id,
            )
    finally:
        if hasattr(content, "close"):
            content.close()


def _fail(job: Job, message) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = str(message)
    with transaction.atomic():
        job.state = Job.State.FAILED
        job.error = text
        job.finished_at = timezone.now()
        job.save(update_fields=["state", "error", "finished_at"])
        record(
            SYSTEM,
            "jobs.failed",
            job,
            changes={"state": [Job.State.RUNNING, Job.State.FAILED], "error": ["", text]},
            unit=job.unit_id,
        )


STALE_MESSAGE = _(
    "The job did not finish in the time allowed: the system stopped it. Try again; if it "
    "stops again, tell the system administrator."
)


def fail_stale(*, now=None, owner=None, job_ids=None) -> int:
    """Mark as failed the jobs queued or running for longer than SAISAAT_JOB_TIMEOUT plus
    SAISAAT_JOB_STALE_MARGIN: their worker was stopped (the timeout, a crash) or they never
    reached the queue, and no one else will ever finish them. Run daily (before
    ``delete_expired``), for one person before they start a job, and for a job whose page
    is shown. Returns how many were marked."""
    now = now or timezone.now()
    cutoff = stale_before(now)
    stale = Job.objects.active().filter(
        models.Q(started_at__lt=cutoff) | models.Q(started_at__isnull=True, created_at__lt=cutoff)
    )
    if owner is not None:
        stale = stale.filter(owner=owner)
    if job_ids is not None:
        stale = stale.filter(pk__in=job_ids)
    with transaction.atomic():
        jobs = list(stale.select_for_update().order_by("pk"))
        if not jobs:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            text = str(STALE_MESSAGE)
        Job.objects.filter(pk__in=[job.pk for job in jobs]).update(
            state=Job.State.FAILED, error=text, finished_at=now
        )
        record_many(
            [
                dict(
                    actor=SYSTEM,
                    action="jobs.failed",
                    obj=(job._meta.label_lower, job.pk, job.title),
                    changes={"state": [job.state, Job.State.FAILED], "error": ["", text]},
                    unit=job.unit_id,
                )
                for job in jobs
            ]
        )
    return len(jobs)


def delete_expired(*, now=None) -> int:
    """Delete the jobs (and their files) finished more than SAISAAT_JOB_KEEP_DAYS ago; run
    daily by the worker's schedule, after marking the stale jobs failed (so a job whose
    worker died is deleted like a finished one, a week later). Returns how many went."""
    now = now or timezone.now()
    fail_stale(now=now)
    cutoff = now - timedelta(days=settings.SAISAAT_JOB_KEEP_DAYS)
    expired = list(Job.objects.filter(finished_at__lt=cutoff).order_by("pk"))
    if not expired:
        return 0
    with transaction.atomic():
        record_many(
            [
                dict(
                    actor=SYSTEM,
                    action="jobs.expired",
                    obj=(job._meta.label_lower, job.pk, job.title),
                    changes={"result": [job.result.name or None, None]},
                    unit=job.unit_id,
                )
                for job in expired
            ]
        )
        Job.objects.filter(pk__in=[job.pk for job in expired]).delete()
        names = [job.result.name for job in expired if job.result]
        transaction.on_commit(lambda: _delete_files(names))
    return len(expired)


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
