"""Survey results as evidence: the results workbook of a survey linked to a plan activity,
filed through the evidence seam (``plans.evidence``)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.plans.evidence import EvidenceSource, Placement, Snapshot
from saisaat.surveys.export import results_workbook
from saisaat.surveys.models import Survey
from saisaat.surveys.results import compute_results

RESULTS = "survey-results"


def linkable_surveys(unit, fiscal_year: int):
    return Survey.objects.filter(unit=unit, fiscal_year=fiscal_year, activity__isnull=False)


def placement(survey: Survey) -> Placement | None:
    if survey.activity_id is None:
        return None
    return Placement(unit_id=survey.unit_id, activity_id=survey.activity_id)


def results_snapshot(survey: Survey, on: date | None) -> Snapshot:
    results = compute_results(survey)
    if results.response_count == 0:
        raise ValidationError(_("There are no responses to report yet."))
    return Snapshot(
        content=results_workbook(results),
        filename="survey-results.xlsx",
        title=(
            _("Satisfaction survey results: %(title)s (%(count)s responses)")
            % {"title": survey.title, "count": results.response_count}
        )[:300],
        effective_date=on or timezone.localdate(),
    )


SOURCE = EvidenceSource(
    kind=RESULTS,
    label=gettext_lazy("Satisfaction survey results"),
    records=linkable_surveys,
    placement=placement,
    snapshot=results_snapshot,
    not_placed_message=gettext_lazy(
        "This survey is not linked to an activity your unit has been assigned."
    ),
)
