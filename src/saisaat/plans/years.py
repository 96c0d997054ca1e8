"""Which plan and which year a page shows: the plan a unit follows, the fiscal years that
have one, the year a request asks for, and whether a page rolls a unit up with the units
below it. Every year-dependent page (indicators, participation, budget, surveys) chooses
its year the same way through these."""

from datetime import date
from typing import Literal

from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.orgs.models import Unit
from saisaat.plans.models import Plan
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import to_buddhist_year
from saisaat.thai.dates import BE_YEARS
from saisaat.thai.digits import to_arabic_digits
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


# The session remembers the year last chosen, so that every page opens on it.
SESSION_KEY = "saisaat_plan_year"


def visible_plan_years(user, unit: Unit | None = None) -> list[int]:
    """The fiscal years with a plan the user may see, newest first: the plans the unit
    follows, or for the department (or no unit) every visible plan."""
    plans = Plan.objects.visible_to(user)
    if unit is not None and unit.kind != Unit.Kind.DEPARTMENT:
        plans = plans.filter(owner_unit=_plan_owner(unit))
    return list(plans.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


def default_year(years: list[int], today: date) -> int:
    """Today's fiscal year when it has a plan, else the latest planned year, else today's."""
    current = fiscal_year_of(today)
    return current if current in years or not years else years[0]


# Fiscal years are Buddhist-era years, in the range the database accepts for plans, budgets
# and surveys (a page must never open on a year nothing can be saved in); a number in the
# Christian era's range is one typed in the wrong era.
BUDDHIST_YEARS = BE_YEARS
COMMON_YEARS = range(1800, 2400)


def asked_year(request) -> tuple[int | None, str]:
    """The Buddhist-era fiscal year ``?year=`` asks for (Thai digits too), or None and what
    is wrong with it in the person's language ("" when no year was asked for)."""
    text = to_arabic_digits(request.GET.get("year", "").strip())
    if not text:
        return None, ""
    if is_number(text) and int(text) in BUDDHIST_YEARS:
        return int(text), ""
    if is_number(text) and int(text) in COMMON_YEARS:
        return None, _(
            "%(year)s is a year of the Christian era: give the fiscal year in the Buddhist "
            "era (%(buddhist)s), or choose it from the list."
        ) % {"year": text, "buddhist": to_buddhist_year(int(text))}
    return None, _(
        "“%(year)s” is not a fiscal year: give a Buddhist-era year such as %(example)s, "
        "or choose one from the list."
    ) % {"year": text[:20], "example": fiscal_year_of(timezone.localdate())}


def requested_year(request) -> str:
    """The year a page is asked for: ``?year=`` (remembered in the session for the next
    pages), else the year chosen earlier in the session, else ""."""
    asked, _problem = asked_year(request)
    if asked is not None:
        if request.session.get(SESSION_KEY) != asked:
            request.session[SESSION_KEY] = asked
        return str(asked)
    remembered = request.session.get(SESSION_KEY)
    # A session may outlive a change of the accepted range: what it holds is checked too.
    return str(remembered) if isinstance(remembered, int) and remembered in BUDDHIST_YEARS else ""


def posted_year(request) -> int | None:
    """The year a form carries in its ``year`` field (Buddhist era, Thai digits too), or
    None: a form says which year's page it was filled in on, whatever the session says now."""
    text = to_arabic_digits(request.POST.get("year", "").strip())
    return int(text) if is_number(text) and int(text) in BUDDHIST_YEARS else None


# Which year without anything for it a page still shows (see ``picked_year``).
ShowUnknown = Literal["asked", "chosen"] | None


def picked_year(
    request, known: list[int], *, show_unknown: ShowUnknown = None, today: date | None = None
) -> tuple[list[int], int]:
    """The years a page's year picker offers and the year the page shows.

    ``known`` are the years the page has something for (its plans, its budgets), newest
    first; the picker offers them and the year shown. The page shows the year asked for in
    ``?year=`` (remembered in the session for the next pages), else the one chosen earlier in
    the session, when it is known; else the default year among the known ones. A year not
    known is shown too when ``show_unknown`` is "asked" and ``?year=`` asked for it (to start
    something in a new year, while a year remembered from other pages does not open the page
    on an empty one), or when it is "chosen", however it was chosen."""
    asked, _problem = asked_year(request)
    requested = requested_year(request)
    year = int(requested) if requested else None
    shown = year is not None and (
        year in known or show_unknown == "chosen" or (show_unknown == "asked" and year == asked)
    )
    if not shown:
        year = default_year(known, today or timezone.localdate())
    return sorted({year, *known}, reverse=True), year


def choose_year(request, years: list[int], today: date | None = None) -> int:
    """The year a page shows: the one asked for or chosen earlier in the session when it
    has a plan here, else the default year."""
    return picked_year(request, years, today=today)[1]
