"""The OIT table the assessor asks for: one row per item, with its public URL."""

import csv

from django.core.management.base import BaseCommand, CommandError

from saisaat.orgs.models import Unit
from saisaat.portal import oit
from saisaat.portal.models import OitItem


class Command(BaseCommand):
    help = "Print the OIT checklist of an office for a fiscal year (code,title,url,status,updated)."

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="the office's code, e.g. 43")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.)")
        parser.add_argument("--format", choices=["csv"], default="csv")
        parser.add_argument(
            "--base-url",
            default="",
            help="prefix for the URLs, e.g. https://saisaat.example.go.th (default: paths)",
        )

    def handle(self, *args, **options):
        unit = (
            Unit.objects.exclude(kind=Unit.Kind.DEPARTMENT)
            .select_related("parent")
            .filter(code=options["unit"])
            .first()
        )
        if unit is None:
            raise CommandError(f"ไม่พบหน่วยงานรหัส {options['unit']}")
        year = options["year"]
        if not OitItem.objects.filter(fiscal_year=year).exists():
            raise CommandError(f"ไม่มีรายการ OIT ของปีงบประมาณ {year}")
        base = options["base_url"].rstrip("/")
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["code", "title", "url", "status", "updated"])
        for row in oit.checklist(unit, year):
            writer.writerow(
                [
                    row.item.code,
                    row.item.title,
                    f"{base}{row.url}" if row.url else "",
                    row.status,
                    row.updated.isoformat() if row.updated else "",
                ]
            )
