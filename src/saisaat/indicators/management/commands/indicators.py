import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from saisaat.indicators.binding import bind_plan_targets
from saisaat.indicators.engine import WINDOW_ACTIVITY, WINDOW_YEAR, evaluate, summary
from saisaat.indicators.project import evaluate_project
from saisaat.orgs.models import Unit
from saisaat.plans.years import plan_for
from saisaat.thai.digits import to_arabic_digits


class Command(BaseCommand):
    help = (
        "Measure the plan's numeric targets for a unit from live data: value, threshold, "
        "grade (2/1/0) and status. A provincial office is measured with its districts, "
        "each implementing office on its own records (met only when all meet), "
        "unless --own-office is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="unit code, e.g. 43 or 4301")
        parser.add_argument("--year", required=True, help="Buddhist-era fiscal year, e.g. 2566")
        parser.add_argument("--as-of", help="measure as on this date (YYYY-MM-DD)")
        parser.add_argument(
            "--own-office", action="store_true", help="count the unit's own staff only"
        )
        parser.add_argument(
            "--window",
            choices=[WINDOW_ACTIVITY, WINDOW_YEAR],
            default=WINDOW_ACTIVITY,
            help="count within each activity's period (default) or the whole fiscal year",
        )
        parser.add_argument("--json", dest="as_json", action="store_true")

    def handle(
        self,
        *args,
        unit,
        year,
        as_of=None,
        own_office=False,
        as_json=False,
        window=WINDOW_ACTIVITY,
        **options,
    ):
        year_text = to_arabic_digits(year.strip())
        if not (year_text.isdigit() and 2400 <= int(year_text) <= 2700):
            raise CommandError(f"the year must be Buddhist-era, e.g. 2566, got {year!r}")
        target_unit = Unit.objects.filter(code=unit).select_related("parent").first()
        if target_unit is None:
            raise CommandError(f"no unit with code {unit!r}")
        try:
            day = date.fromisoformat(as_of) if as_of else None
        except ValueError:
            raise CommandError(f"--as-of must be YYYY-MM-DD, got {as_of!r}") from None
        plan = plan_for(target_unit, int(year_text))
        if plan is None:
            raise CommandError(f"no plan for {target_unit.code} in {year_text}")
        bind_plan_targets(plan)
        results = evaluate(
            plan,
            target_unit,
            rolled_up=not own_office,
            as_of=day,
            with_trend=True,
            window=window,
        )
        # The project's own KPIs (OSMKH 9.1), counted over the fiscal year.
        project = evaluate_project(
            target_unit, plan.fiscal_year, rolled_up=not own_office, as_of=day
        )
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "unit": target_unit.code,
                        "fiscal_year": plan.fiscal_year,
                        "rolled_up": not own_office,
                        "as_of": day.isoformat() if day else None,
                        "window": window,
                        "summary": summary(results),
                        "indicators": [result.as_dict() for result in results],
                        "project_indicators": [result.as_dict() for result in project],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for result in results:
            activity = result.target.activity
            value = "–" if result.value is None else f"{result.value.value}"
            offices = ""
            if result.rolled_up and result.metric is not None:
                missing = ", ".join(o.office.code for o in result.offices_missing)
                offices = f"  offices {result.offices_met}/{len(result.offices)}"
                offices += f" (not met: {missing})" if missing else ""
            self.stdout.write(
                f"{activity.measure.dimension.number}.{activity.measure.number}.{activity.position}"
                f"  {result.target.text:<40}  {value:>8}  {result.status_label}{offices}"
            )
        for result in project:
            self.stdout.write(
                f"{result.indicator.key}  {result.indicator.text[:40]:<40}  "
                f"{result.value.value:>8}  {result.status_label}"
            )
        totals = summary(results)
        self.stdout.write(
            f"points {totals['points']}/{totals['max_points']}, met {totals['met']}, "
            f"partly {totals['partly']}, not met {totals['not_met']}, "
            f"not measured {totals['targets'] - totals['measured']}"
        )
