from django.core.management.base import BaseCommand

from saisaat.privacy.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Remove the personal data past its retention period (SAISAAT_RETAIN_* settings): "
        "closed complaints' complainant identities, survey responses' metadata, sign-in "
        "records. Audited with the counts; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, dry_run, **options):
        counts = purge_personal_data(dry_run=dry_run)
        verb = "would be removed" if dry_run else "removed"
        for name, count in counts.items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count} {verb}")
