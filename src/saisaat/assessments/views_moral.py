"""A moral-organisation self-assessment's standing: the points, the level reached and what
the next level needs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from saisaat.assessments import moral, services
from saisaat.assessments.models import Framework, Round, Score
from saisaat.assessments.views import _results_shown, _rounds
from saisaat.orgs.scoping import get_visible_or_404


@require_GET
@login_required
def round_moral(request, pk: int):
    """Once the results show: the office's standing from every committee member's scores.
    While the round is open, a member of the committee sees where their own scores put the
    office (nobody else's). 404 for a round that is not a self-assessment."""
    round_ = get_visible_or_404(request, _rounds(), pk=pk)
    if round_.framework.kind != Framework.Kind.MORAL:
        raise Http404
    if _results_shown(request.user, round_):
        own = False
        scores = Score.objects.filter(round=round_)
    elif services.may_score(request.user, round_):
        own = True
        scores = Score.objects.visible_to(request.user).filter(round=round_, assessor=request.user)
    else:
        raise Http404
    context = {
        "round": round_,
        "standing": moral.standing(round_, scores),
        "own": own,
        "open": round_.status == Round.Status.OPEN,
    }
    return render(request, "assessments/round_moral.html", context)
