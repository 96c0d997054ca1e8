"""Live metrics that measure a plan's numeric targets.

Every metric takes the offices in scope, the Buddhist-era fiscal year, the window counted
(the fiscal year by default; the engine narrows it to the activity's period) and an
optional ``as_of`` date, and returns a ``MetricValue`` with the figure and, where it is a
share of people, the counts behind it; one definition gives both the number and the list
behind it (see ``plans.metrics``).

The participation and knowledge-test metrics are defined beside their records
(``participation.metrics``, ``knowledge.metrics``);
the complaint and evidence metrics are here. ``METRICS`` gathers them all.
"""

from django.utils.translation import gettext_lazy as _

from saisaat.complaints.models import Channel
from saisaat.knowledge import metrics as knowledge_metrics
from saisaat.participation import metrics as participation_metrics
from saisaat.plans.metrics import (
    Counted,
    Metric,
    MetricValue,
    Row,
    Scope,
    count_of,
    month_keys,
    quarter_keys,
)
from saisaat.thai.calendar import fiscal_quarter_bounds
from saisaat.tracking.models import EvidenceItem

__all__ = ["METRICS", "Metric", "MetricValue", "Scope"]


def complaint_channels(scope: Scope, **params) -> list[Row]:
    """Kinds of complaint channel (two telephone lines are one kind) the offices published
    by the end of the window; the plan asks for offline and online ones (see
    :func:`offline_and_online`). A channel no longer published is not counted."""
    channels = (
        Channel.objects.published()
        .filter(unit_id__in=scope.unit_ids, created_at__date__lte=scope.last_day)
        .select_related("unit")
        .order_by("unit__code", "position", "pk")
    )
    return [
        Row(channel.unit_id, (channel.kind, channel.medium), channel.get_medium_display(), channel)
        for channel in channels
    ]


def channel_kinds(counted: list[Counted]) -> str:
    offline = sum(1 for kind, _medium in (c.key for c in counted) if kind == Channel.Kind.OFFLINE)
    return f"{offline} offline, {len(counted) - offline} online"


def offline_and_online(counted: list[Counted]) -> str:
    kinds = {kind for kind, _medium in (c.key for c in counted)}
    missing = [
        str(label)
        for kind, label in (
            (Channel.Kind.OFFLINE, _("offline")),
            (Channel.Kind.ONLINE, _("online")),
        )
        if kind not in kinds
    ]
    return _("no %(kinds)s channel") % {"kinds": ", ".join(missing)} if missing else ""


def evidence_items(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, dated in the window."""
    items = (
        EvidenceItem.objects.current()
        .filter(
            assignment__activity_id=activity_id,
            assignment__unit_id__in=scope.unit_ids,
            effective_date__range=(scope.first_day, scope.last_day),
        )
        .select_related("assignment__unit")
        .order_by("effective_date", "pk")
    )
    return [Row(item.assignment.unit_id, item.pk, str(item), item) for item in items]


def evidence_by_month(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, by month."""
    return [
        Row(row.office_id, (day.year, day.month), row.label, row.record)
        for row in evidence_items(scope, activity_id=activity_id)
        for day in [row.record.effective_date]
    ]


def evidence_by_quarter(scope: Scope, *, activity_id: int, **params) -> list[Row]:
    """Current evidence on the offices' assignments of the activity, by fiscal quarter."""
    rows = []
    for row in evidence_items(scope, activity_id=activity_id):
        day = row.record.effective_date
        quarter = next(
            q for q in range(1, 5) if day <= fiscal_quarter_bounds(scope.fiscal_year, q)[1]
        )
        rows.append(Row(row.office_id, quarter, row.label, row.record))
    return rows


METRICS: dict[str, Metric] = {
    **participation_metrics.METRICS,
    **knowledge_metrics.METRICS,
    **{
        metric.key: metric
        for metric in [
            count_of(
                "complaint_channels",
                _("Complaint channels published, offline and online"),
                complaint_channels,
                requirement=offline_and_online,
                describe=channel_kinds,
            ),
            count_of("evidence_items", _("Evidence items recorded"), evidence_items),
            count_of(
                "quarters_with_evidence",
                _("Evidence items in the thinnest quarter"),
                evidence_by_quarter,
                keys=quarter_keys,
                per_key=True,
            ),
            count_of(
                "months_with_evidence",
                _("Evidence items in the thinnest month"),
                evidence_by_month,
                keys=month_keys,
                per_key=True,
            ),
        ]
    },
}
