"""Workplace-environment activities and publication channels: recording, changing and
removing them, each with one audit entry."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.participation.evidence_workplace import ENVIRONMENT_ACTIVITY, PUBLICATION_CHANNEL
from saisaat.participation.models import EnvironmentActivity, PublicationChannel
from saisaat.plans import evidence
from saisaat.plans.models import Activity
from saisaat.thai.calendar import fiscal_year as fiscal_year_of
from saisaat.thai.calendar import fiscal_year_bounds

ACTIVITY_FIELDS = [
    "topic",
    "title",
    "held_on",
    "fiscal_year",
    "participants",
    "summary",
    "plan_activity",
]
CHANNEL_FIELDS = ["medium", "name", "url", "opened_on", "closed_on", "plan_activity"]


def plan_activities(unit: Unit, fiscal_year: int, dimension: int | None):
    """The activities of one dimension (or of all) of the province's plan for the year,
    for linking."""
    owner_id = unit.parent_id if unit.kind == Unit.Kind.DISTRICT else unit.pk
    activities = (
        Activity.objects.active()
        .common()
        .filter(
            measure__dimension__plan__owner_unit_id=owner_id,
            measure__dimension__plan__fiscal_year=fiscal_year,
        )
    )
    if dimension is not None:
        activities = activities.filter(measure__dimension__number=dimension)
    return activities.select_related("measure__dimension").in_plan_order()


def environment_activities_for(unit: Unit, fiscal_year: int):
    return (
        EnvironmentActivity.objects.filter(
            unit=unit, held_on__range=fiscal_year_bounds(fiscal_year)
        )
        .select_related("unit", "plan_activity__measure__dimension")
        .order_by("held_on", "pk")
    )


def channels_for(unit: Unit):
    return (
        PublicationChannel.objects.filter(unit=unit)
        .select_related("unit", "plan_activity__measure__dimension")
        .order_by("opened_on", "pk")
    )


def check_plan_link(
    unit: Unit, plan_activity: Activity | None, day: date, dimension: int | None
) -> None:
    if plan_activity is None:
        return
    if not plan_activities(unit, fiscal_year_of(day), dimension).filter(pk=plan_activity.pk):
        raise ValidationError(
            {"plan_activity": _("Choose an activity of this fiscal year's plan.")}
        )


# ---------------------------------------------------------------------------- activities


@transaction.atomic
def create_environment_activity(
    unit: Unit,
    *,
    topic: str,
    title: str,
    held_on: date,
    participants: int | None = None,
    summary: str = "",
    plan_activity: Activity | None = None,
    acting_user: User,
) -> EnvironmentActivity:
    require_manager(acting_user, unit)
    check_plan_link(unit, plan_activity, held_on, 2)
    activity = EnvironmentActivity.objects.create(
        unit=unit,
        fiscal_year=fiscal_year_of(held_on),
        topic=topic,
        title=title.strip(),
        held_on=held_on,
        participants=participants,
        summary=summary.strip(),
        plan_activity=plan_activity,
        created_by=acting_user,
    )
    audit.record_created(
        acting_user, "participation.environment_activity_created", activity, ACTIVITY_FIELDS
    )
    return activity


@transaction.atomic
def update_environment_activity(
    activity: EnvironmentActivity,
    *,
    topic: str,
    title: str,
    held_on: date,
    participants: int | None = None,
    summary: str = "",
    plan_activity: Activity | None = None,
    acting_user: User,
) -> EnvironmentActivity:
    require_editable(acting_user, activity)
    check_plan_link(activity.unit, plan_activity, held_on, 2)
    activity = EnvironmentActivity.objects.select_for_update().get(pk=activity.pk)
    before = audit.snapshot(activity, ACTIVITY_FIELDS)
    activity.topic = topic
    activity.title = title.strip()
    activity.held_on = held_on
    activity.fiscal_year = fiscal_year_of(held_on)
    activity.participants = participants
    activity.summary = summary.strip()
    activity.plan_activity = plan_activity
    activity.save(update_fields=ACTIVITY_FIELDS)
    audit.record_changed(
        acting_user, "participation.environment_activity_changed", activity, before
    )
    return activity


@transaction.atomic
def delete_environment_activity(activity: EnvironmentActivity, *, acting_user: User) -> None:
    require_editable(acting_user, activity)
    audit.record_deleted(
        acting_user, "participation.environment_activity_deleted", activity, ACTIVITY_FIELDS
    )
    activity.delete()


# ---------------------------------------------------------------------------- channels


def _check_dates(opened_on: date, closed_on: date | None) -> None:
    if closed_on is not None and closed_on < opened_on:
        raise ValidationError({"closed_on": _("A channel cannot close before it opened.")})


@transaction.atomic
def create_channel(
    unit: Unit,
    *,
    medium: str,
    name: str,
    opened_on: date,
    url: str = "",
    closed_on: date | None = None,
    plan_activity: Activity | None = None,
    acting_user: User,
) -> PublicationChannel:
    require_manager(acting_user, unit)
    _check_dates(opened_on, closed_on)
    check_plan_link(unit, plan_activity, opened_on, 3)
    channel = PublicationChannel.objects.create(
        unit=unit,
        medium=medium,
        name=name.strip(),
        url=url.strip(),
        opened_on=opened_on,
        closed_on=closed_on,
        plan_activity=plan_activity,
        created_by=acting_user,
    )
    audit.record_created(
        acting_user,
        "participation.publication_channel_created",
        channel,
        CHANNEL_FIELDS,
        fiscal_year=fiscal_year_of(opened_on),
    )
    return channel


@transaction.atomic
def update_channel(
    channel: PublicationChannel,
    *,
    medium: str,
    name: str,
    opened_on: date,
    url: str = "",
    closed_on: date | None = None,
    plan_activity: Activity | None = None,
    acting_user: User,
) -> PublicationChannel:
    require_editable(acting_user, channel)
    _check_dates(opened_on, closed_on)
    check_plan_link(channel.unit, plan_activity, opened_on, 3)
    channel = PublicationChannel.objects.select_for_update().get(pk=channel.pk)
    before = audit.snapshot(channel, CHANNEL_FIELDS)
    channel.medium = medium
    channel.name = name.strip()
    channel.url = url.strip()
    channel.opened_on = opened_on
    channel.closed_on = closed_on
    channel.plan_activity = plan_activity
    channel.save(update_fields=CHANNEL_FIELDS)
    audit.record_changed(
        acting_user,
        "participation.publication_channel_changed",
        channel,
        before,
        fiscal_year=fiscal_year_of(opened_on),
    )
    return channel


@transaction.atomic
def delete_channel(channel: PublicationChannel, *, acting_user: User) -> None:
    require_editable(acting_user, channel)
    audit.record_deleted(
        acting_user,
        "participation.publication_channel_deleted",
        channel,
        CHANNEL_FIELDS,
        fiscal_year=fiscal_year_of(channel.opened_on),
    )
    channel.delete()


# ---------------------------------------------------------------------------- evidence


def attach_environment_activity(activity: EnvironmentActivity, *, acting_user: User):
    """File the activity as evidence of the plan activity it is linked to."""
    return evidence.attach(ENVIRONMENT_ACTIVITY, activity, acting_user=acting_user)


def attach_channel(channel: PublicationChannel, *, acting_user: User, on: date | None = None):
    """File the channel as evidence of the plan activity it is linked to."""
    return evidence.attach(PUBLICATION_CHANNEL, channel, acting_user=acting_user, on=on)
