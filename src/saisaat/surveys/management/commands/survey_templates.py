"""Create a unit's surveys from the shipped templates; running it again creates nothing.

python manage.py survey_templates --unit 43 --year 2566
"""

from django.core.management.base import BaseCommand, CommandError

from saisaat.orgs.models import Unit
from saisaat.surveys.catalog import TEMPLATES
from saisaat.surveys.services import ensure_template_survey


class Command(BaseCommand):
    help = "Create a unit's satisfaction surveys from the shipped templates (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="Unit code, e.g. 43")
        parser.add_argument("--year", required=True, type=int, help="Fiscal year (B.E.)")
        parser.add_argument("--template", choices=sorted(TEMPLATES), action="append")

    def handle(self, *args, unit, year, template, **options):
        found = Unit.objects.filter(code=unit).first()
        if found is None:
            raise CommandError(f"No unit with code {unit}")
        if not 2400 <= year <= 2700:
            raise CommandError("The fiscal year must be a Buddhist-era year such as 2566.")
        for key in template or sorted(TEMPLATES):
            survey, created = ensure_template_survey(key, found, year)
            state = "created" if created else "exists"
            link = f"activity {survey.activity_id}" if survey.activity_id else "no plan activity"
            self.stdout.write(f"{state}: {survey.pk} {survey.title} ({link})")
