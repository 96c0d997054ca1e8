from datetime import date

from django.core.management.base import BaseCommand, CommandError

from saisaat.complaints.reminders import send_complaint_reminders


class Command(BaseCommand):
    help = (
        "Remind complaint officers and directors of complaints not acknowledged or not "
        "finished in time. Safe to run from cron: each event is notified once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("--today must be a date like 2023-03-31") from None
        result = send_complaint_reminders(today=day)
        self.stdout.write(f"{result.notifications} notifications, {result.emails} e-mails sent")
