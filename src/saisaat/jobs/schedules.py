"""The worker's daily schedule, kept in django-q2's Schedule table by ``schedule_jobs``."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import get_commands
from django.utils import timezone
from django_q.models import Schedule

# name -> (function the worker calls, its arguments as django-q2 reads them, time setting).
# ``send_reminders`` is the command cron runs (assignments and complaints alike); it tells
# nothing twice, so cron and the worker may both run it. ``purge_personal_data`` belongs to
# the privacy app, a layer above this one: naming its command, as the cron line does, runs
# the command's own service and audit without an import; a second run the same day finds
# nothing left to remove. A command that is not installed gets no schedule, and an old
# schedule of it is removed.
DAILY = {
    "saisaat-send-reminders": (
        "django.core.management.call_command",
        "'send_reminders'",
        "SAISAAT_REMINDER_TIME",
    ),
    "saisaat-publish-chain-head": (
        "django.core.management.call_command",
        "'publish_chain_head'",
        "SAISAAT_CHAIN_HEAD_TIME",
    ),
    "saisaat-delete-expired-jobs": (
        "saisaat.jobs.services.delete_expired",
        "",
        "SAISAAT_JOB_CLEANUP_TIME",
    ),
    "saisaat-purge-personal-data": (
        "django.core.management.call_command",
        "'purge_personal_data'",
        "SAISAAT_PURGE_TIME",
    ),
}


def _available(func: str, args: str) -> bool:
    if func != "django.core.management.call_command":
        return True
    return args.strip("'") in get_commands()


def _time_of_day(name: str) -> time:
    value = getattr(settings, name)
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a time such as 07:00, got {value!r}") from None


def next_run(at: time, now: datetime) -> datetime:
    """The next moment the office's clock shows ``at`` (today's if still to come)."""
    local = timezone.localtime(now)
    candidate = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > local else candidate + timedelta(days=1)


def ensure_schedules(*, now: datetime | None = None) -> list[Schedule]:
    """Create the daily schedules, or move them to the configured time; idempotent."""
    now = now or timezone.now()
    schedules = []
    for name, (func, args, time_setting) in DAILY.items():
        if not _available(func, args):
            Schedule.objects.filter(name=name).delete()
            continue
        schedule, _ = Schedule.objects.update_or_create(
            name=name,
            defaults={
                "func": func,
                "args": args,
                "schedule_type": Schedule.DAILY,
                "repeats": -1,
                "next_run": next_run(_time_of_day(time_setting), now),
            },
        )
        schedules.append(schedule)
    return schedules
