import json

from django.core.management.base import BaseCommand, CommandError

from saisaat.assessments import fives, services
from saisaat.assessments.models import Framework, Round
from saisaat.orgs.models import Unit
from saisaat.thai.digits import to_arabic_digits


class Command(BaseCommand):
    help = (
        "The ranking of the latest closed or published assessment round of a kind, run by "
        "an office in a fiscal year: each office's score, rank and pillar scores. For the "
        "5S inspections (--kind 5s): each office's score in each quarter's round."
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
        if kind == Framework.Kind.FIVE_S:
            return self.quarterly(office, int(year_text), as_json=as_json)
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

    def quarterly(self, office, year: int, *, as_json: bool):
        rounds = list(
            Round.objects.filter(
                framework__kind=Framework.Kind.FIVE_S,
                unit=office,
                fiscal_year=year,
                quarter__isnull=False,
                status__in=[Round.Status.CLOSED, Round.Status.PUBLISHED],
            ).select_related("framework", "unit")
        )
        if not rounds:
            raise CommandError(f"no closed 5s round of {office.code} in {year}")
        data = fives.trend(office, year, rounds)
        quarters = [
            {
                "quarter": quarter,
                "round": round_.title,
                "status": round_.status,
                "offices": [
                    {
                        "unit": row.unit.code,
                        "name": row.unit.name_th,
                        "score": float(row.scores[quarter - 1]),
                    }
                    for row in data.rows
                    if row.scores[quarter - 1] is not None
                ],
            }
            for quarter, round_ in enumerate(data.rounds, start=1)
            if round_ is not None
        ]
        if as_json:
            payload = {"kind": "5s", "unit": office.code, "fiscal_year": year, "quarters": quarters}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write("unit   " + "  ".join(f"Q{q:<6}" for q in (1, 2, 3, 4)) + "  name")
        for row in data.rows:
            cells = "  ".join(
                f"{float(value):>7.2f}" if value is not None else "      -" for value in row.scores
            )
            self.stdout.write(f"{row.unit.code:<6} {cells}  {row.unit.name_th}")
