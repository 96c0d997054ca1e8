"""Deprecated: ``send_reminders`` now covers complaints too. Kept so that an old cron line
keeps working; it runs the same daily run (every reminder and the one digest)."""

from saisaat.notices.management.commands import send_reminders


class Command(send_reminders.Command):
    help = "Deprecated alias of send_reminders, which now covers complaints too."

    def handle(self, *args, **options):
        self.stderr.write("complaint_reminders is deprecated: run send_reminders instead.")
        super().handle(*args, **options)
