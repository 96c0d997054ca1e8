"""The participation overview of a unit: one card per area with the figure the plan's
targets ask for, each linking to the area's own page."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from saisaat.orgs.access import can_manage, get_unit_for_user, staff_member_of
from saisaat.participation.metrics import METRICS
from saisaat.participation.models import Declaration
from saisaat.plans.metrics import Metric, MetricValue, scope_for
from saisaat.plans.years import choose_year, rolls_up, visible_plan_years


@dataclass(frozen=True)
class Card:
    title: str
    url_name: str
    metric: Metric
    value: MetricValue


@require_GET
@login_required
def overview(request, code: str):
    unit = get_unit_for_user(request, code)
    years = visible_plan_years(request.user, unit)
    year = choose_year(request, years)
    rolled_up = rolls_up(unit, request.GET.get("scope", ""))
    scope = scope_for(unit, year, rolled_up=rolled_up)

    def card(title, url_name, key, **params) -> Card:
        metric = METRICS[key]
        return Card(title, url_name, metric, metric.compute(scope, **params))

    cards = [
        card(
            _("Anti-corruption training"),
            "participation:certificate-list",
            "staff_certified",
        ),
        *(
            card(
                label,
                "participation:declaration-list",
                "declaration_acknowledged",
                kind=kind,
            )
            for kind, label in Declaration.Kind.choices
            if kind != Declaration.Kind.OTHER
        ),
        card(
            _("Setting the moral goals"),
            "participation:goal-list",
            "moral_goal_participation",
        ),
        card(
            _("Moral goals adopted"),
            "participation:goal-list",
            "adopted_moral_goals",
        ),
        card(
            _("Moral-organisation activities"),
            "participation:activity-list",
            "moral_activities",
        ),
        card(
            _("Attendance at moral-organisation activities"),
            "participation:activity-list",
            "moral_activity_attendance",
        ),
        card(
            _("Network partner types engaged"),
            "participation:partner-list",
            "partner_types_engaged",
        ),
        card(
            _("Innovation projects"),
            "participation:innovation-list",
            "innovation_projects",
        ),
        card(
            _("Workplace-environment topics"),
            "participation:environment-list",
            "environment_topics",
        ),
        card(
            _("Publication channels"),
            "participation:channel-list",
            "publication_channels",
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
