"""Reminders about work that falls due soon or is overdue: one in-app notification per
person per event, and one e-mail digest per person for what is new."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.orgs.models import User
from saisaat.thai.calendar import format_thai_date
from saisaat.tracking.models import Assignment, Notification

KEY_BATCH = 500


@dataclass
class ReminderResult:
    notifications: int = 0
    emails: int = 0


def _recipients_by_place(assignments) -> dict:
    """Active people of the units concerned, keyed the way ``officers_of`` chooses them."""
    unit_ids = {a.unit_id for a in assignments}
    people = defaultdict(list)
    for person in User.objects.filter(unit_id__in=unit_ids, is_active=True).exclude(
        role=User.Role.COMMITTEE
    ):
        people[(person.unit_id, None)].append(person)
        people[(person.unit_id, person.work_group_id)].append(person)
    return people


def _recipients(assignment, people, by_pk):
    if assignment.officer_id:
        officer = by_pk.get(assignment.officer_id)
        return [officer] if officer else []
    if assignment.unit_id == assignment.province_id and assignment.work_group_id:
        # Every responsible group is reminded; a person is in one group, so none twice.
        return [
            person
            for group_id in sorted(assignment.responsible_group_ids())
            for person in people.get((assignment.unit_id, group_id), [])
        ]
    return people.get((assignment.unit_id, None), [])


def _already_sent(keys: list[str]) -> set[tuple[int, str]]:
    sent = set()
    for start in range(0, len(keys), KEY_BATCH):
        sent.update(
            Notification.objects.filter(event_key__in=keys[start : start + KEY_BATCH]).values_list(
                "recipient_id", "event_key"
            )
        )
    return sent


def send_reminders(*, today: date | None = None, days: int | None = None) -> ReminderResult:
    today = today or timezone.localdate()
    days = settings.SAISAAT_REMINDER_DAYS if days is None else days
    related = ("activity", "unit")
    groups = "activity__responsible_groups"
    events = [
        (Notification.Kind.OVERDUE, a)
        for a in Assignment.objects.overdue(today).select_related(*related).prefetch_related(groups)
    ] + [
        (Notification.Kind.DUE_SOON, a)
        for a in Assignment.objects.due_within(days, today)
        .select_related(*related)
        .prefetch_related(groups)
    ]
    assignments = [a for _, a in events]
    people = _recipients_by_place(assignments)
    by_pk = {p.pk: p for group in people.values() for p in group}
    missing_officers = {a.officer_id for a in assignments if a.officer_id} - set(by_pk)
    by_pk.update({p.pk: p for p in User.objects.filter(pk__in=missing_officers, is_active=True)})

    keyed = [(kind, a, f"{kind}:{a.pk}:{a.due_date.isoformat()}") for kind, a in events]
    sent = _already_sent([key for _, _, key in keyed])
    new: list[Notification] = []
    digest: dict[int, list[Notification]] = defaultdict(list)
    with override("th"):
        for kind, assignment, key in keyed:
            due = format_thai_date(assignment.due_date, abbreviated=True)
            if kind == Notification.Kind.OVERDUE:
                message = _("Overdue since %(due)s: %(activity)s")
            else:
                message = _("Due on %(due)s: %(activity)s")
            message = message % {"due": due, "activity": assignment.activity.text[:200]}
            for person in _recipients(assignment, people, by_pk):
                if (person.pk, key) in sent:
                    continue
                note = Notification(
                    recipient=person,
                    assignment=assignment,
                    kind=kind,
                    event_key=key,
                    message=message[:500],
                )
                new.append(note)
                digest[person.pk].append(note)
                sent.add((person.pk, key))

    result = ReminderResult()
    with transaction.atomic():
        Notification.objects.bulk_create(new, batch_size=1000)
        result.notifications = len(new)
    result.emails = _email_digests(digest, by_pk)
    return result


def _email_digests(digest, by_pk) -> int:
    messages = []
    with override("th"):
        subject = _("Saisaat: work that falls due soon or is overdue")
        for person_pk, notes in digest.items():
            person = by_pk[person_pk]
            if not person.email:
                continue
            base = settings.SAISAAT_BASE_URL
            lines = [f"- {n.message}\n  {base}{n.assignment.get_absolute_url()}" for n in notes]
            body = "\n".join([_("Dear %(name)s,") % {"name": person.get_full_name()}, "", *lines])
            messages.append(EmailMessage(subject, body, None, [person.email]))
    if not messages:
        return 0
    sent = get_connection().send_messages(messages) or 0
    emailed = [note.pk for notes in digest.values() for note in notes if note.pk]
    if emailed:
        Notification.objects.filter(pk__in=emailed).update(emailed_at=timezone.now())
    return sent
