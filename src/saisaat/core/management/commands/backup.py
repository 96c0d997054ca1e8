from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Back up the database and every stored file into a new folder, with a manifest of "
        "SHA-256 sums. Restore with `manage.py restore PATH`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="a new or empty folder")

    def handle(self, *args, out, **options):
        try:
            manifest = make_backup(out)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and {len(manifest['media'])} files "
            f"to {out}"
        )
