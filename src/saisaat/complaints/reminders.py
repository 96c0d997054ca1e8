"""Reminders about complaints not acknowledged or not finished in time: one notice per
person per complaint and due date. ``saisaat.notices`` runs this daily (``send_reminders``)
and sends the digest."""

from collections import defaultdict
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.complaints.models import Complaint, ComplaintOfficer
from saisaat.complaints.models.complaints import DIRECTORS
from saisaat.notices.models import Notice
from saisaat.notices.services import Email, Tell, notify_many
from saisaat.orgs.models import User
from saisaat.thai.calendar import format_thai_date


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


def create_reminders(today: date, *, days: int | None = None) -> int:
    """Remind the handlers of each complaint not acknowledged or not finished in time;
    returns how many notices were created. ``days`` is the assignments' window, unused:
    a complaint is reminded of once it is late."""
    late = list(Complaint.objects.late(today).select_related("unit"))
    handlers = _handlers(late)
    tells = []
    with override("th"):
        for complaint in late:
            if complaint.is_acknowledgement_overdue(today):
                kind, due = Notice.Kind.ACKNOWLEDGE_OVERDUE, complaint.acknowledge_due
                message = _("Complaint no. %(number)s was due to be acknowledged on %(due)s.")
            else:
                kind, due = Notice.Kind.FINISH_OVERDUE, complaint.finish_due
                message = _("Complaint no. %(number)s was due to be finished on %(due)s.")
            # The internal number and the date only: the notice (and the digest e-mail
            # that carries it) names no complainant, quotes nothing of the complaint and
            # never carries the tracking code, which opens the complainant's status page.
            message = message % {
                "number": complaint.pk,
                "due": format_thai_date(due, abbreviated=True),
            }
            tells += [
                Tell(person, kind, complaint, due.isoformat(), message)
                for person in handlers.get(complaint.pk, [])
            ]
    return len(notify_many(tells, email=Email.DIGEST))
