from django.core.management.base import BaseCommand
from django.utils import timezone

from saisaat.jobs.schedules import ensure_schedules


class Command(BaseCommand):
    help = (
        "Create (or move to the configured time) the worker's daily schedule: the reminders "
        "(SAISAAT_REMINDER_TIME), the audit chain head (SAISAAT_CHAIN_HEAD_TIME), the deletion "
        "of old job files (SAISAAT_JOB_CLEANUP_TIME) and the purge of personal data past its "
        "retention period (SAISAAT_PURGE_TIME). `make worker` runs it before starting the "
        "worker; cron may run the same commands instead, and running both is harmless."
    )

    def handle(self, *args, **options):
        for schedule in ensure_schedules():
            when = timezone.localtime(schedule.next_run).strftime("%Y-%m-%d %H:%M %Z")
            self.stdout.write(f"{schedule.name}: {schedule.func} daily, next {when}")
