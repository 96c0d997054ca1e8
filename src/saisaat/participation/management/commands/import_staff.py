"""Load a personnel spreadsheet into the staff registry, as the web import does."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.orgs import staff as services
from saisaat.orgs.models import Unit


class Command(BaseCommand):
    help = (
        "Import staff from a CSV or XLSX file into a unit and the units below it. "
        "Nothing is written unless every row is good."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file")
        parser.add_argument("--unit", required=True, help="code of the unit, e.g. 43")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change and write nothing"
        )
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="mark staff of the units in the file who are not in it as no longer working",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            unit = Unit.objects.get(code=options["unit"])
        except Unit.DoesNotExist:
            raise CommandError(f"unknown unit {options['unit']}") from None
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        try:
            plan = services.plan_staff_import(data, path.name, unit=unit)
        except services.ImportFileError as error:
            raise CommandError(str(error)) from None

        for row in plan.rows:
            if row.action == "unchanged":
                continue
            changes = ", ".join(
                f"{c.label}: {c.old_display or '-'} -> {c.new_display or '-'}" for c in row.changes
            )
            self.stdout.write(f"row {row.row}: {row.action} {row.name} {changes}".rstrip())
        if options["deactivate_missing"]:
            for person in plan.deactivations:
                self.stdout.write(f"deactivate {person} ({person.unit.code})")
        counts = plan.counts
        summary = (
            f"{counts['create']} new, {counts['update']} changed, "
            f"{counts['unchanged']} unchanged, "
            f"{counts['deactivate'] if options['deactivate_missing'] else 0} to deactivate"
        )
        if not plan.is_clean:
            for error in plan.errors:
                self.stderr.write(f"row {error.row}: {' '.join(error.messages)}")
            raise CommandError(f"{len(plan.errors)} bad rows; nothing was imported")
        if options["dry_run"]:
            self.stdout.write(f"dry run: {summary}; nothing was written")
            return
        try:
            result = services.apply_staff_import(
                plan, deactivate_missing=options["deactivate_missing"], source_name=path.name
            )
        except services.StaffImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"imported: {result['created']} new, {result['updated']} changed, "
                f"{result['unchanged']} unchanged, {result['deactivated']} deactivated, "
                f"{result['linked']} linked to accounts"
            )
        )
