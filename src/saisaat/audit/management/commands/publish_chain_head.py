"""``manage.py publish_chain_head``: write down today's audit chain head where the public
portal shows it. Run daily by the worker's schedule or cron; a second run the same day
changes nothing."""

from django.core.management.base import BaseCommand

from saisaat.audit.published import publish_head


class Command(BaseCommand):
    help = "Publish today's audit chain head (entry count and hash); once a day, idempotent."

    def handle(self, *args, **options):
        head, created = publish_head()
        state = "published" if created else "already published"
        self.stdout.write(f"{head.day.isoformat()} #{head.entry_count} {head.hash} ({state})")
