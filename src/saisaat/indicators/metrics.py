"""Live metrics that measure a plan's numeric targets.

Every metric takes the units in scope (a unit alone, or a unit and those below it), the
Buddhist-era fiscal year and an optional ``as_of`` date, and returns a
``MetricValue`` with the figure and, where it is a share of people, the counts behind it.
Each runs a fixed number of queries whatever the number of people or records.

The participation metrics are defined beside their records (``participation.metrics``);
the complaint and evidence metrics are here. ``METRICS`` gathers them all.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from saisaat.complaints.models import Channel
from saisaat.participation import metrics as participation_metrics
from saisaat.plans.metrics import Metric, MetricValue, Scope
from saisaat.thai.calendar import fiscal_quarter_bounds
from saisaat.tracking.models import Assignment, EvidenceItem

__all__ = ["METRICS", "Metric", "MetricValue", "Scope"]


def complaint_channels(scope: Scope, **params) -> MetricValue:
    """Kinds of complaint channel the units publish now, offline and online: two
    telephone lines are one kind of channel. The list is today's, whatever the year."""
    published = Channel.objects.published().filter(unit_id__in=scope.unit_ids)
    kinds = set(published.values_list("kind", "medium").distinct())
    offline = sum(1 for kind, _medium in kinds if kind == Channel.Kind.OFFLINE)
    online = len(kinds) - offline
    media = {medium for _kind, medium in kinds}
    return MetricValue(Decimal(len(media)), note=f"{offline} offline, {online} online")


def evidence_items(scope: Scope, *, activity_id: int, **params) -> MetricValue:
    """Current evidence on the units' assignments of the activity, dated in the year."""
    items = EvidenceItem.objects.current().filter(
        assignment__activity_id=activity_id,
        assignment__unit_id__in=scope.unit_ids,
        effective_date__range=(scope.first_day, scope.last_day),
    )
    return MetricValue(Decimal(items.count()))


def quarters_with_evidence(scope: Scope, *, activity_id: int, **params) -> MetricValue:
    """The smallest number of evidence items in any quarter of the activity's period, so
    that "once a quarter" is met only when every quarter has one."""
    assignment = (
        Assignment.objects.filter(activity_id=activity_id, unit_id__in=scope.unit_ids)
        .select_related("activity")
        .first()
    )
    if assignment is None:
        return MetricValue(Decimal("0"))
    dates = list(
        EvidenceItem.objects.current()
        .filter(assignment__activity_id=activity_id, assignment__unit_id__in=scope.unit_ids)
        .filter(effective_date__lte=scope.last_day)
        .values_list("effective_date", flat=True)
    )
    quarters = [
        fiscal_quarter_bounds(scope.fiscal_year, q)
        for q in range(1, 5)
        if _overlaps(fiscal_quarter_bounds(scope.fiscal_year, q), assignment.activity)
    ]
    counts = [sum(first <= d <= last for d in dates) for first, last in quarters]
    return MetricValue(Decimal(min(counts) if counts else 0), note=f"{len(quarters)} quarters")


def _overlaps(bounds, activity) -> bool:
    first, last = bounds
    return activity.period_start <= last and activity.period_end >= first


METRICS: dict[str, Metric] = {
    **participation_metrics.METRICS,
    **{
        metric.key: metric
        for metric in [
            Metric(
                "complaint_channels",
                _("Complaint channels published, offline and online"),
                "count",
                complaint_channels,
            ),
            Metric("evidence_items", _("Evidence items recorded"), "count", evidence_items),
            Metric(
                "quarters_with_evidence",
                _("Evidence items in the thinnest quarter"),
                "count",
                quarters_with_evidence,
            ),
        ]
    },
}
