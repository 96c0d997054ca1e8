"""Reminders about complaints not acknowledged or not finished in time: one in-app notice
per person per event, and one e-mail per person for what is new. Safe to run from cron as
often as one likes: an event already notified is not notified again."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.complaints.models import Complaint, ComplaintNotice, ComplaintOfficer
from saisaat.complaints.models.complaints import DIRECTORS
from saisaat.orgs.models import User
from saisaat.thai.calendar import format_thai_date


@dataclass
class ReminderResult:
    notifications: int = 0
    emails: int = 0


def _handlers(complaints) -> dict[int, list[User]]:
    """Who is reminded of each complaint: the designated complaint officers and the
    director of its office and province, never a person the complaint names."""
    places = {c.unit_id for c in complaints} | {c.province_id for c in complaints}
    officers = defaultdict(set)
    for unit_id, user_id in (
        ComplaintOfficer.objects.current()
        .filter(unit_id__in=places)
        .values_list("unit_id", "user_id")
    ):
        officers[unit_id].add(user_id)
    for unit_id, user_id in User.objects.filter(
        DIRECTORS, unit_id__in=places, is_active=True
    ).values_list("unit_id", "pk"):
        officers[unit_id].add(user_id)
    named = defaultdict(set)
    for complaint_id, user_id in Complaint.persons_concerned.through.objects.filter(
        complaint__in=complaints, staffmember__user__isnull=False
    ).values_list("complaint_id", "staffmember__user_id"):
        named[complaint_id].add(user_id)
    people = {u.pk: u for u in User.objects.filter(pk__in=set().union(*officers.values()))}
    return {
        c.pk: [
            people[pk]
            for pk in sorted((officers[c.unit_id] | officers[c.province_id]) - named[c.pk])
            if pk in people
        ]
        for c in complaints
    }


def send_complaint_reminders(*, today: date | None = None) -> ReminderResult:
    today = today or timezone.localdate()
    late = list(Complaint.objects.late(today).select_related("unit"))
    handlers = _handlers(late)
    keys = []
    events = []
    for complaint in late:
        if complaint.is_acknowledgement_overdue(today):
            kind, due = ComplaintNotice.Kind.ACKNOWLEDGE_OVERDUE, complaint.acknowledge_due
        else:
            kind, due = ComplaintNotice.Kind.FINISH_OVERDUE, complaint.finish_due
        key = f"complaint:{kind}:{complaint.pk}:{due.isoformat()}"
        keys.append(key)
        events.append((complaint, kind, due, key))
    sent = set(
        ComplaintNotice.objects.filter(event_key__in=keys).values_list("recipient_id", "event_key")
    )
    new, digest = [], defaultdict(list)
    with override("th"):
        for complaint, kind, due, key in events:
            if kind == ComplaintNotice.Kind.ACKNOWLEDGE_OVERDUE:
                message = _("Complaint %(code)s was due to be acknowledged on %(due)s.")
            else:
                message = _("Complaint %(code)s was due to be finished on %(due)s.")
            message = message % {
                "code": complaint.display_code,
                "due": format_thai_date(due, abbreviated=True),
            }
            for person in handlers.get(complaint.pk, []):
                if (person.pk, key) in sent:
                    continue
                note = ComplaintNotice(
                    recipient=person, complaint=complaint, kind=kind, event_key=key, message=message
                )
                new.append(note)
                digest[person].append(note)
                sent.add((person.pk, key))
    result = ReminderResult()
    with transaction.atomic():
        ComplaintNotice.objects.bulk_create(new, batch_size=500)
    result.notifications = len(new)
    result.emails = _email(digest)
    return result


def _email(digest) -> int:
    messages = []
    with override("th"):
        subject = _("Saisaat: complaints waiting for you")
        for person, notes in digest.items():
            if not person.email:
                continue
            base = settings.SAISAAT_BASE_URL
            # The message names the code only: no complaint text leaves the system by e-mail.
            lines = [f"- {n.message}\n  {base}{n.complaint.get_absolute_url()}" for n in notes]
            body = "\n".join([_("Dear %(name)s,") % {"name": person.get_full_name()}, "", *lines])
            messages.append(EmailMessage(subject, body, None, [person.email]))
    if not messages:
        return 0
    sent = get_connection().send_messages(messages) or 0
    emailed = [n.pk for notes in digest.values() for n in notes if n.pk]
    if emailed:
        ComplaintNotice.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    return sent
