from datetime import date

from django.core.management.base import BaseCommand, CommandError

from saisaat.notices.digest import send_reminders


class Command(BaseCommand):
    help = (
        "Remind people of work that falls due within the reminder window or is overdue and "
        "of complaints not acknowledged or finished in time, in the app, then e-mail each "
        "person one digest. Run it daily from cron; nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="how many days ahead counts as due soon")
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, days=None, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError(f"--today must be YYYY-MM-DD, got {today!r}") from None
        result = send_reminders(today=day, days=days)
        self.stdout.write(f"notifications: {result.notifications}, e-mails: {result.emails}")
