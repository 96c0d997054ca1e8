from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty installation. Every file "
        "is checked against the manifest first; a damaged or partial backup restores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup folder")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data of an installation that is not empty",
        )

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore_backup(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the {manifest['engine']} database and {len(manifest['media'])} files "
            f"from {path} (backed up {manifest['created']}). Run `manage.py migrate` "
            "(make serve does) if this version of Saisaat is newer than the backup."
        )
