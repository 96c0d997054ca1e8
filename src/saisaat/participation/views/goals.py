"""Moral goals of a unit: propose, vote, adopt, and see who has taken part."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.orgs.access import (
    can_manage,
    get_unit_for_user,
    staff_member_of,
)
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.participation.forms.goals import GoalForm
from saisaat.participation.models import MoralGoal
from saisaat.participation.services import goals as services
from saisaat.participation.views.partners import selected_year
from saisaat.plans.years import posted_year
from saisaat.thai.calendar import fiscal_year as fiscal_year_of


def _list_url(goal_or_unit, year: int, anchor: str = "") -> str:
    unit = getattr(goal_or_unit, "unit", goal_or_unit)
    url = reverse("participation:goal-list", args=[unit.code]) + f"?year={year}"
    return url + (f"#{anchor}" if anchor else "")


def _board_context(request, unit, year: int, **extra) -> dict:
    me = staff_member_of(request.user)
    member = services.can_take_part(me, unit)
    goals = list(services.goals_for(unit, year, me if member else None))
    for goal in goals:
        goal.changeable = member and services.can_change(goal, me)
    groups = services.group_goals(goals)
    left = services.votes_left(goals, me if member else None)
    for group in groups:
        group["votes_left"] = left.get(group["kind"].value)
    context = {
        "unit": unit,
        "year": year,
        "groups": groups,
        "goal_count": len(goals),
        "adopted_count": sum(1 for goal in goals if goal.adopted_at),
        "me": me if member else None,
        "vote_limit": services.VOTES_PER_KIND,
        "can_manage": can_manage(request.user, unit),
        "participation": services.participation(unit, year),
        "year_ended": year < fiscal_year_of(timezone.localdate()),
    }
    context.update(extra)
    return context


@require_GET
@login_required
def goal_list(request, code: str):
    unit = get_unit_for_user(request, code)
    years, year = selected_year(request, unit)
    context = _board_context(request, unit, year, years=years)
    if context["me"] is not None:
        context["form"] = GoalForm(initial={"kind": MoralGoal.Kind.PROBLEM})
    return render(request, "participation/goals/goal_list.html", context)


@require_POST
@login_required
def goal_propose(request, code: str):
    unit = get_unit_for_user(request, code)
    me = staff_member_of(request.user)
    if not services.can_take_part(me, unit):
        raise PermissionDenied
    years, year = selected_year(request, unit)
    # The board's year, carried by the form: another tab may have changed the session's.
    year = posted_year(request) or year
    form = GoalForm(request.POST)
    if not form.is_valid():
        context = _board_context(request, unit, year, years=years, form=form)
        return render(request, "participation/goals/goal_list.html", context, status=400)
    goal = services.propose_goal(unit, year, staff=me, **form.cleaned_data)
    messages.success(request, _("Your proposal was added. Colleagues can now vote for it."))
    return redirect(_list_url(unit, year, f"goal-{goal.pk}"))


@require_POST
@login_required
def goal_vote(request, pk: int):
    goal = get_visible_or_404(request, MoralGoal.objects.select_related("unit"), pk=pk)
    me = staff_member_of(request.user)
    if not services.can_take_part(me, goal.unit):
        raise PermissionDenied
    error = ""
    try:
        voted = services.toggle_vote(goal, staff=me)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        context = _board_context(request, goal.unit, goal.fiscal_year, vote_error=error)
        context["error_goal"] = goal.pk if error else None
        response = render(
            request,
            "participation/goals/_board.html",
            context,
            status=400 if error else 200,
        )
        patch_vary_headers(response, ["HX-Request"])
        return response
    if error:
        messages.error(request, error)
    elif voted:
        messages.success(request, _("Your vote was counted."))
    else:
        messages.success(request, _("Your vote was taken back."))
    return redirect(_list_url(goal, goal.fiscal_year, f"goal-{goal.pk}"))


def _own_goal(request, pk: int):
    goal = get_visible_or_404(
        request, MoralGoal.objects.select_related("unit", "proposed_by"), pk=pk
    )
    me = staff_member_of(request.user)
    if not services.can_change(goal, me):
        raise PermissionDenied
    return goal, me


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request, pk: int):
    goal, me = _own_goal(request, pk)
    if request.method == "POST":
        form = GoalForm(request.POST)
        if form.is_valid():
            services.update_goal(goal, staff=me, **form.cleaned_data)
            messages.success(request, _("Your proposal was updated."))
            return redirect(_list_url(goal, goal.fiscal_year, f"goal-{goal.pk}"))
        status = 400
    else:
        form = GoalForm(initial={"kind": goal.kind, "virtue": goal.virtue, "text": goal.text})
        status = 200
    return render(
        request,
        "participation/goals/goal_edit.html",
        {"goal": goal, "unit": goal.unit, "form": form},
        status=status,
    )


@require_POST
@login_required
def goal_withdraw(request, pk: int):
    goal, me = _own_goal(request, pk)
    services.withdraw_goal(goal, staff=me)
    messages.success(request, _("Your proposal was withdrawn."))
    return redirect(_list_url(goal, goal.fiscal_year))


@require_POST
@login_required
def goal_adopt(request, pk: int):
    goal = get_editable_or_403(request, MoralGoal.objects.select_related("unit"), pk=pk)
    adopt = request.POST.get("adopted") != "0"
    services.set_adopted(goal, adopt, acting_user=request.user)
    if adopt:
        messages.success(request, _("The goal was adopted by the office."))
    else:
        messages.success(request, _("The goal is no longer adopted."))
    return redirect(_list_url(goal, goal.fiscal_year, f"goal-{goal.pk}"))


@require_GET
@login_required
def goal_participation(request, code: str):
    unit = get_unit_for_user(request, code)
    year = selected_year(request, unit)[1]
    done, pending = services.participants(unit, year)
    return render(
        request,
        "participation/goals/participation.html",
        {
            "unit": unit,
            "year": year,
            "done": done,
            "pending": pending,
            "participation": services.participation(unit, year),
        },
    )
