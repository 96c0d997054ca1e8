from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from saisaat.core.crypto import rotate_all


class Command(BaseCommand):
    help = (
        "Encrypt every personal-data value again with the first key of SAISAAT_FIELD_KEYS. "
        "Rotation: put the new key first, run this, then drop the old key."
    )

    def handle(self, *args, **options):
        try:
            counts = rotate_all()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} rows re-encrypted")
