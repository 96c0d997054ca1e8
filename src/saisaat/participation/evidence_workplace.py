"""Workplace-environment activities and publication channels as evidence: a record linked
to a plan activity is filed, through the evidence seam (``plans.evidence``), as a dated
one-page PDF of what was recorded, so a checklist item asking for it can be satisfied by
the record itself rather than by an uploaded file."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saisaat.core.thaipdf import FONT_FAMILY, ThaiPDF
from saisaat.participation.models import EnvironmentActivity, PublicationChannel
from saisaat.plans.evidence import EvidenceSource, Placement, Snapshot
from saisaat.thai.calendar import fiscal_year_bounds, format_thai_date

ENVIRONMENT_ACTIVITY = "environment-activity"
PUBLICATION_CHANNEL = "publication-channel"

_LEFT, _WIDTH, _BOTTOM = 25.0, 160.0, 280.0


def record_pdf(title: str, rows: list[tuple[str, str]], *, on: date) -> bytes:
    """One A4 page: a heading, one paragraph per labelled value, and the day it was made."""
    pdf = ThaiPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 18)
    y = pdf.paragraph(_LEFT, 25, _WIDTH, title, bottom=_BOTTOM) + 4
    for label, value in rows:
        if not value:
            continue
        pdf.set_font(FONT_FAMILY, "B", 15)
        y = pdf.paragraph(_LEFT, y, _WIDTH, label, bottom=_BOTTOM)
        pdf.set_font(FONT_FAMILY, "", 15)
        for line in str(value).splitlines() or [""]:
            y = pdf.paragraph(_LEFT + 8, y, _WIDTH - 8, line, bottom=_BOTTOM)
        y += 2
    pdf.set_font(FONT_FAMILY, "", 12)
    pdf.paragraph(
        _LEFT,
        y + 6,
        _WIDTH,
        _("Printed from Saisaat on %(day)s") % {"day": format_thai_date(on)},
        bottom=_BOTTOM,
    )
    return bytes(pdf.output())


def _office(record) -> str:
    return record.unit.name_th


def _placement(record) -> Placement | None:
    if record.plan_activity_id is None:
        return None
    return Placement(unit_id=record.unit_id, activity_id=record.plan_activity_id)


# ---------------------------------------------------------------------------- activities


def linkable_environment_activities(unit, fiscal_year: int):
    return EnvironmentActivity.objects.filter(
        unit=unit, plan_activity__isnull=False, held_on__range=fiscal_year_bounds(fiscal_year)
    )


def environment_activity_snapshot(activity: EnvironmentActivity, on: date | None) -> Snapshot:
    """The activity as recorded, dated the day it was held."""
    title = _("Workplace-environment activity: %(title)s") % {"title": activity.title}
    content = record_pdf(
        title,
        [
            (_("Office"), _office(activity)),
            (_("Topic"), activity.get_topic_display()),
            (_("Held on"), format_thai_date(activity.held_on)),
            (
                _("Participants"),
                str(activity.participants) if activity.participants is not None else "",
            ),
            (_("What was done"), activity.summary),
        ],
        on=on or timezone.localdate(),
    )
    return Snapshot(
        content=content,
        filename=f"environment-activity-{activity.pk}.pdf",
        title=title[:300],
        effective_date=activity.held_on,
    )


# ---------------------------------------------------------------------------- channels


def linkable_channels(unit, fiscal_year: int):
    first, last = fiscal_year_bounds(fiscal_year)
    return PublicationChannel.objects.filter(
        unit=unit, plan_activity__isnull=False, opened_on__lte=last
    ).exclude(closed_on__lt=first)


def channel_snapshot(channel: PublicationChannel, on: date | None) -> Snapshot:
    """The channel as recorded, dated the day it opened (or ``on``, when later: the day the
    office showed it still open)."""
    day = on or timezone.localdate()
    title = _("Publication channel: %(name)s") % {"name": channel.name}
    content = record_pdf(
        title,
        [
            (_("Office"), _office(channel)),
            (_("Medium"), channel.get_medium_display()),
            (_("Address"), channel.url),
            (_("Open since"), format_thai_date(channel.opened_on)),
            (_("Closed on"), format_thai_date(channel.closed_on) if channel.closed_on else ""),
        ],
        on=day,
    )
    effective = max(channel.opened_on, min(day, channel.closed_on or day))
    return Snapshot(
        content=content,
        filename=f"publication-channel-{channel.pk}.pdf",
        title=title[:300],
        effective_date=effective,
    )


ENVIRONMENT_SOURCE = EvidenceSource(
    kind=ENVIRONMENT_ACTIVITY,
    label=gettext_lazy("Workplace-environment activity"),
    records=linkable_environment_activities,
    placement=_placement,
    snapshot=environment_activity_snapshot,
    not_placed_message=gettext_lazy(
        "This activity is not linked to a plan activity your unit has been assigned."
    ),
)

CHANNEL_SOURCE = EvidenceSource(
    kind=PUBLICATION_CHANNEL,
    label=gettext_lazy("Publication channel"),
    records=linkable_channels,
    placement=_placement,
    snapshot=channel_snapshot,
    not_placed_message=gettext_lazy(
        "This channel is not linked to a plan activity your unit has been assigned."
    ),
)
