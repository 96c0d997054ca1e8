"""Which plan and which year a page shows: the plan a unit follows, the fiscal years that
have one, the year a request asks for, and whether a page rolls a unit up with the units
below it. Every year-dependent page (indicators, participation, budget, surveys) chooses
its year the same way through these."""

from datetime import date

from saisaat.orgs.models import Unit
from saisaat.plans.models import Plan
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.numbers import is_number


def _plan_owner(unit: Unit) -> Unit:
    """A district office follows its province's plan."""
    return unit.parent if unit.kind == Unit.Kind.DISTRICT and unit.parent_id else unit


def plan_for(unit: Unit, fiscal_year: int) -> Plan | None:
    return Plan.objects.filter(owner_unit=_plan_owner(unit), fiscal_year=fiscal_year).first()


def plan_years(unit: Unit) -> list[int]:
    """The fiscal years with a plan for the unit, newest first."""
    return list(
        Plan.objects.filter(owner_unit=_plan_owner(unit))
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )


def rolls_up(unit: Unit, scope: str) -> bool:
    """Whether a page shows the unit with the units below it (``?scope=own`` asks for the
    office alone; a district office has nothing below it)."""
    return unit.kind != Unit.Kind.DISTRICT and scope != "own"


def chosen_year(requested: str, years: list[int], today: date) -> int:
    """The year asked for when it has a plan, else the newest planned year, else today's."""
    year = int(requested) if is_number(requested) and int(requested) in years else None
    return year or (years[0] if years else fiscal_year_of(today))
