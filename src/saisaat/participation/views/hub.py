"""The participation overview of a unit: one card per area with the figure the plan's
targets ask for, each linking to the area's own page."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from saisaat.indicators.engine import chosen_year, plan_years, scope_for
from saisaat.indicators.metrics import METRICS, MetricValue
from saisaat.participation.access import can_manage, get_unit_for_user, staff_member_of
from saisaat.participation.models import Declaration


@dataclass(frozen=True)
class Card:
    title: str
    url_name: str
    metric_kind: str
    value: MetricValue
    note: str = ""


@require_GET
@login_required
def overview(request, code: str):
    unit = get_unit_for_user(request, code)
    years = plan_years(unit)
    year = chosen_year(request.GET.get("year", ""), years, timezone.localdate())
    rolled_up = unit.kind != "district" and request.GET.get("scope") != "own"
    scope = scope_for(unit, year, rolled_up=rolled_up)

    def value(key, **params):
        return METRICS[key].compute(scope, **params)

    cards = [
        Card(
            _("Anti-corruption training"),
            "participation:certificate-list",
            "percent",
            value("staff_certified"),
        ),
        *(
            Card(
                label,
                "participation:declaration-list",
                "percent",
                value("declaration_acknowledged", kind=kind),
            )
            for kind, label in Declaration.Kind.choices
            if kind != Declaration.Kind.OTHER
        ),
        Card(
            _("Setting the moral goals"),
            "participation:goal-list",
            "percent",
            value("moral_goal_participation"),
        ),
        Card(
            _("Moral goals adopted"),
            "participation:goal-list",
            "count",
            value("adopted_moral_goals"),
        ),
        Card(
            _("Moral-organisation activities"),
            "participation:activity-list",
            "count",
            value("moral_activities"),
        ),
        Card(
            _("Attendance at moral-organisation activities"),
            "participation:activity-list",
            "percent",
            value("moral_activity_attendance"),
        ),
        Card(
            _("Network partner types engaged"),
            "participation:partner-list",
            "count",
            value("partner_types_engaged"),
        ),
        Card(
            _("Innovation projects"),
            "participation:innovation-list",
            "count",
            value("innovation_projects"),
        ),
    ]
    return render(
        request,
        "participation/overview.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "rolled_up": rolled_up,
            "cards": cards,
            "staff_member": staff_member_of(request.user),
            "can_manage": can_manage(request.user, unit),
            "districts": list(unit.children.order_by("code")) if unit.kind == "province" else [],
        },
    )
