"""Reminders about work that falls due soon or is overdue: one notice per person per
assignment and due date. ``saisaat.notices`` runs this daily (``send_reminders``) and
sends the digest."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.notices.models import Notice
from saisaat.notices.services import Email, Tell, notify_many
from saisaat.orgs.models import User
from saisaat.thai.calendar import format_thai_date
from saisaat.tracking.models import Assignment


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


def create_reminders(today: date, *, days: int | None = None) -> int:
    """Tell each unit (or named officer) of work due within ``days`` or overdue; returns
    how many notices were created."""
    days = settings.SAISAAT_REMINDER_DAYS if days is None else days
    related = ("activity", "unit")
    groups = "activity__responsible_groups"
    events = [
        (Notice.Kind.OVERDUE, a)
        for a in Assignment.objects.overdue(today).select_related(*related).prefetch_related(groups)
    ] + [
        (Notice.Kind.DUE_SOON, a)
        for a in Assignment.objects.due_within(days, today)
        .select_related(*related)
        .prefetch_related(groups)
    ]
    assignments = [a for _, a in events]
    people = _recipients_by_place(assignments)
    by_pk = {p.pk: p for group in people.values() for p in group}
    missing_officers = {a.officer_id for a in assignments if a.officer_id} - set(by_pk)
    by_pk.update({p.pk: p for p in User.objects.filter(pk__in=missing_officers, is_active=True)})

    tells = []
    with override("th"):
        for kind, assignment in events:
            due = format_thai_date(assignment.due_date, abbreviated=True)
            if kind == Notice.Kind.OVERDUE:
                message = _("Overdue since %(due)s: %(activity)s")
            else:
                message = _("Due on %(due)s: %(activity)s")
            message = message % {"due": due, "activity": assignment.activity.text[:200]}
            tells += [
                Tell(person, kind, assignment, assignment.due_date.isoformat(), message)
                for person in _recipients(assignment, people, by_pk)
            ]
    return len(notify_many(tells, email=Email.DIGEST))
