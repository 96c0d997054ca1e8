"""The daily run: every work app's reminders, then one e-mail digest per person.

Safe to run from cron as often as one likes: each reminder is created once (the
``notice_told_once`` rule), and a notice goes out by e-mail once. A notice waiting for the
digest when the mail server fails stays waiting and goes out with the next run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.notices.models import Notice
from saisaat.notices.registry import hidden_from, reminder_sources, target_type, target_url


@dataclass
class DigestResult:
    notifications: int = 0
    emails: int = 0


def send_reminders(*, today: date | None = None, days: int | None = None) -> DigestResult:
    """Create the reminders due ``today`` from every registered source, then e-mail each
    person one digest of what waits for them."""
    today = today or timezone.localdate()
    result = DigestResult()
    for produce in reminder_sources().values():
        result.notifications += produce(today, days=days)
    result.emails = send_digest()
    return result


def restricted(notice) -> bool:
    return target_type(notice).visible is not None


def send_digest() -> int:
    """E-mail each person the notices waiting for the digest, in one message; returns
    how many messages went out. A person without an address (or no longer active) reads
    them in the app only."""
    by_person = defaultdict(list)
    for notice in (
        Notice.objects.pending_digest()
        # The recipient's unit: the visibility rules start from it.
        .select_related("recipient__unit", "target_type")
        .order_by("recipient_id", "created_at", "pk")
    ):
        by_person[notice.recipient].append(notice)
    unmailable = [
        n.pk
        for person, notices in by_person.items()
        if not (person.email and person.is_active)
        for n in notices
    ]
    # Notices about records the person may no longer read (a complaint they were moved
    # away from, or that now names them) are not e-mailed, now or later: one query per
    # person with notices about records whose reading is restricted (complaints).
    hidden = [
        pk
        for person, notices in by_person.items()
        if person.email and person.is_active and any(restricted(n) for n in notices)
        for pk in Notice.objects.filter(pk__in=[n.pk for n in notices])
        .filter(hidden_from(person))
        .values_list("pk", flat=True)
    ]
    if unmailable or hidden:
        Notice.objects.filter(pk__in=unmailable + hidden).update(in_digest=False)
        skipped = set(hidden)
        by_person = {
            person: kept
            for person, notices in by_person.items()
            if (kept := [n for n in notices if n.pk not in skipped])
        }
    sent, emailed = 0, []
    base = settings.SAISAAT_BASE_URL
    try:
        with override("th"), get_connection() as connection:
            subject = _("Saisaat: what falls due, is overdue or waits for you")
            for person, notices in by_person.items():
                if not (person.email and person.is_active):
                    continue
                # Each line is the notice's own message and link: a complaint's reminder
                # names its code and date only, so no complaint text leaves by e-mail.
                lines = [f"- {n.message}\n  {base}{target_url(n)}" for n in notices]
                body = "\n".join(
                    [_("Dear %(name)s,") % {"name": person.get_full_name()}, "", *lines]
                )
                if connection.send_messages([EmailMessage(subject, body, None, [person.email])]):
                    sent += 1
                    emailed += [n.pk for n in notices]
    finally:
        # What went out is marked even when a later message fails.
        if emailed:
            Notice.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    return sent
