import json

from django.core.management.base import BaseCommand, CommandError

from saisaat.assessments import services
from saisaat.assessments.models import Framework, Round
from saisaat.orgs.models import Unit
from saisaat.thai.digits import to_arabic_digits


class Command(BaseCommand):
    help = (
        "The ranking of the latest closed or published assessment round of a kind, run by "
        "an office in a fiscal year: each office's score, rank and pillar scores."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=Framework.Kind.values)
        parser.add_argument("--unit", required=True, help="code of the office running it, e.g. 43")
        parser.add_argument("--year", required=True, help="Buddhist-era fiscal year, e.g. 2566")
        parser.add_argument("--json", dest="as_json", action="store_true")

    def handle(self, *args, kind, unit, year, as_json=False, **options):
        year_text = to_arabic_digits(year.strip())
        if not (year_text.isdigit() and 2400 <= int(year_text) <= 2700):
            raise CommandError(f"the year must be Buddhist-era, e.g. 2566, got {year!r}")
        office = Unit.objects.filter(code=unit).first()
        if office is None:
            raise CommandError(f"no unit with code {unit!r}")
        round_ = (
            Round.objects.filter(
                framework__kind=kind,
                unit=office,
                fiscal_year=int(year_text),
                status__in=[Round.Status.CLOSED, Round.Status.PUBLISHED],
            )
            .select_related("framework", "unit")
            .order_by("-closes_on", "-pk")
            .first()
        )
        if round_ is None:
            raise CommandError(f"no closed {kind} round of {office.code} in {year_text}")
        results = services.results(round_)
        ranking = [
            {
                "unit": result.unit.code,
                "name": result.unit.name_th,
                "score": float(result.score_display),
                "rank": result.rank,
                "eligible": result.eligible,
                "complete": result.complete,
                "sections": {
                    section.code: float(result.section_display(section.code))
                    for section in results.sections
                },
            }
            for result in results.ranking
        ]
        if as_json:
            payload = {
                "round": round_.title,
                "kind": kind,
                "unit": office.code,
                "fiscal_year": round_.fiscal_year,
                "status": round_.status,
                "rule": round_.framework.rule,
                "tie_break": round_.framework.tie_break,
                "ranking": ranking,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{round_.title} ({round_.get_status_display()})")
        for row in ranking:
            flag = "" if row["eligible"] else "  (not eligible)"
            self.stdout.write(
                f"{row['rank']:>3}  {row['unit']}  {row['score']:>7.2f}  {row['name']}{flag}"
            )
