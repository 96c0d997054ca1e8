"""The monthly-meeting budget report without the web UI, for a cron line:

python manage.py budget_report --unit 43 --year 2566 --format pdf --out budget.pdf
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.budget import reports
from saisaat.budget.summary import build_overview, lines_with_totals, scope_units
from saisaat.orgs.models import Unit


class Command(BaseCommand):
    help = "Write a unit's budget disbursement report (rolled up for a province) as XLSX or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. 43")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")
        parser.add_argument("--format", choices=["xlsx", "pdf"], default="xlsx")
        parser.add_argument("--month", type=int, help="report month 1-12 (1 = October)")
        parser.add_argument("--own", action="store_true", help="without the district offices")
        parser.add_argument("--out", required=True, help="file to write")

    def handle(self, *args, unit, year, format, month, own, out, **options):
        try:
            unit_obj = Unit.objects.get(code=unit)
        except Unit.DoesNotExist:
            raise CommandError(f"no unit with code {unit!r}") from None
        if month is not None and not 1 <= month <= 12:
            raise CommandError("--month must be from 1 (October) to 12 (September)")
        rolled_up = not own and unit_obj.kind != Unit.Kind.DISTRICT
        overview = build_overview(unit_obj, year, rolled_up=rolled_up, as_of=month)
        lines = lines_with_totals(scope_units(unit_obj, rolled_up=rolled_up), year)
        render = reports.report_pdf if format == "pdf" else reports.report_xlsx
        Path(out).write_bytes(render(overview, lines))
        self.stdout.write(f"{out}: {overview.total.disbursed_to_date} / {overview.total.planned}")
