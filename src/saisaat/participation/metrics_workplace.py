"""The live metrics on the workplace-environment activities and publication channels an
office records (``participation.models.workplace``): the plan's 2.1.4 (environment-plan
activities once a quarter), 2.2.1 (at least two topics, waste sorting and No foam) and
3.2.3 (at least one channel publishing the office's work).

Each is defined by its rows, so one definition gives the number and the list behind it
(``plans.metrics``), and each counts only what each office recorded within the window.
"""

from django.utils.translation import gettext_lazy as _

from saisaat.participation.models import EnvironmentActivity, EnvironmentTopic, PublicationChannel
from saisaat.participation.models.workplace import REQUIRED_TOPICS
from saisaat.plans.metrics import Counted, Metric, Row, Scope, count_of, quarter_keys
from saisaat.thai.calendar import fiscal_quarter


def _environment_activities(scope: Scope):
    return (
        EnvironmentActivity.objects.filter(
            unit_id__in=scope.unit_ids, held_on__range=(scope.first_day, scope.last_day)
        )
        .select_related("unit")
        .order_by("held_on", "pk")
    )


def environment_activities_by_quarter(scope: Scope, **params) -> list[Row]:
    """Workplace-environment activities held in the window, by fiscal quarter: "ไตรมาสละ
    ๑ ครั้ง" is met when every quarter of the activity's period has one."""
    return [
        Row(activity.unit_id, fiscal_quarter(activity.held_on), str(activity), activity)
        for activity in _environment_activities(scope)
    ]


def environment_topics(scope: Scope, **params) -> list[Row]:
    """The topics of the workplace-environment activities held in the window: "อย่างน้อย
    ๒ เรื่อง" counts topics, so two waste-sorting days are one topic."""
    return [
        Row(activity.unit_id, activity.topic, str(EnvironmentTopic(activity.topic).label), activity)
        for activity in _environment_activities(scope)
    ]


def named_topics_covered(counted: list[Counted]) -> str:
    """The plan names the two topics ("ประกอบด้วย การลดและคัดแยกขยะ ... และ No foam"): two
    other topics make the number but not the target."""
    topics = {thing.key for thing in counted}
    missing = [str(topic.label) for topic in REQUIRED_TOPICS if topic not in topics]
    return _("no activity on %(topics)s") % {"topics": ", ".join(missing)} if missing else ""


def publication_channels(scope: Scope, **params) -> list[Row]:
    """Channels publishing the office's work that were open on the last day counted (opened
    by then and not closed before it)."""
    day = scope.last_day
    channels = (
        PublicationChannel.objects.filter(unit_id__in=scope.unit_ids, opened_on__lte=day)
        .exclude(closed_on__lte=day)
        .select_related("unit")
        .order_by("opened_on", "pk")
    )
    return [Row(channel.unit_id, channel.pk, str(channel), channel) for channel in channels]


def channel_media(counted: list[Counted]) -> str:
    online = sum(1 for thing in counted for record in thing.records[:1] if record.is_online)
    return f"{online} online, {len(counted) - online} other"


METRICS: dict[str, Metric] = {
    metric.key: metric
    for metric in [
        count_of(
            "environment_activities_by_quarter",
            _("Workplace-environment activities in the thinnest quarter"),
            environment_activities_by_quarter,
            keys=quarter_keys,
            per_key=True,
        ),
        count_of(
            "environment_topics",
            _("Workplace-environment topics with an activity"),
            environment_topics,
            requirement=named_topics_covered,
        ),
        count_of(
            "publication_channels",
            _("Channels publishing the office's work"),
            publication_channels,
            describe=channel_media,
        ),
    ]
}
