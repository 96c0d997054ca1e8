"""The people or records behind an indicator's number."""

from django.db.models import Q

from saisaat.complaints.models import Channel
from saisaat.indicators.metrics import Metric, Scope
from saisaat.participation.models import InnovationProject, MoralGoal, OfficeActivity, PartnerType
from saisaat.tracking.models import EvidenceItem

LIMIT = 500


def records(metric: Metric, scope: Scope, parameters: dict) -> dict:
    if metric.people is not None:
        people = metric.people(scope, **parameters)
        staff = (
            metric.population(scope, **parameters)
            .select_related("unit", "work_group")
            .order_by("unit__code", "first_name", "last_name")
        )
        return {
            "done": list(staff.filter(pk__in=people)[:LIMIT]),
            "pending": list(staff.exclude(pk__in=people)[:LIMIT]),
            "kind": "people",
        }
    first, last = scope.first_day, scope.last_day
    if metric.key == "adopted_moral_goals":
        items = MoralGoal.objects.filter(
            unit_id__in=scope.unit_ids, fiscal_year=scope.fiscal_year, adopted_at__isnull=False
        ).select_related("unit")
    elif metric.key == "moral_activities":
        items = OfficeActivity.objects.filter(
            unit_id__in=scope.unit_ids, is_moral_organisation=True, held_on__range=(first, last)
        ).select_related("unit")
    elif metric.key == "partner_types_engaged":
        items = (
            PartnerType.objects.filter(
                Q(
                    partners__mous__unit_id__in=scope.unit_ids,
                    partners__mous__signed_on__range=(first, last),
                )
                | Q(
                    partners__joint_activities__unit_id__in=scope.unit_ids,
                    partners__joint_activities__held_on__range=(first, last),
                )
            )
            .distinct()
            .order_by("position")
        )
    elif metric.key == "innovation_projects":
        items = InnovationProject.objects.filter(
            unit_id__in=scope.unit_ids, fiscal_year=scope.fiscal_year
        ).select_related("unit")
    elif metric.key in ("evidence_items", "quarters_with_evidence"):
        items = (
            EvidenceItem.objects.current()
            .filter(
                assignment__activity_id=parameters["activity_id"],
                assignment__unit_id__in=scope.unit_ids,
                effective_date__lte=last,
            )
            .select_related("assignment__unit")
        )
    elif metric.key == "complaint_channels":
        items = (
            Channel.objects.published()
            .filter(unit_id__in=scope.unit_ids)
            .select_related("unit")
            .order_by("unit__code", "position")
        )
    else:
        items = []
    return {"items": list(items[:LIMIT]), "kind": metric.key}
