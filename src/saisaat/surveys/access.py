"""The one gate for survey views, on the participation rules: everyone signed in whose
visible units include the survey's unit reads it and its results; the unit's approvers and
administrators build and run it. 404 for what one may not see, 403 for what one may see but
not change. The public questionnaire is reached only by its unguessable link."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from saisaat.orgs.access import can_manage, get_for_user
from saisaat.surveys.models import Question, Section, Survey


def get_survey_for_user(request, pk: int, *, manage: bool = False) -> Survey:
    return get_for_user(
        request, Survey.objects.select_related("activity__measure__dimension"), pk, manage=manage
    )


def _in_visible_surveys(request, queryset, pk: int):
    obj = get_object_or_404(
        queryset.filter(survey__unit__in=request.user.visible_units()).select_related(
            "survey__unit"
        ),
        pk=pk,
    )
    if not can_manage(request.user, obj.survey.unit):
        raise PermissionDenied
    return obj


def get_section_for_manager(request, pk: int) -> Section:
    return _in_visible_surveys(request, Section.objects.all(), pk)


def get_question_for_manager(request, pk: int) -> Question:
    return _in_visible_surveys(request, Question.objects.select_related("section"), pk)
