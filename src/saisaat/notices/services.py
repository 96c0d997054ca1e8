"""Telling people things: the one way a notice is created, read, and e-mailed at once.

Each event tells each person once. The check below spares the database needless inserts;
the ``notice_told_once`` constraint with ``ON CONFLICT DO NOTHING`` makes it hold when two
runs create the same notice at the same time.

Notices are a person's own inbox, not a record of the agency's work: creating and reading
them writes no audit entry (the service that produced the event writes its own).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.notices.models import Notice
from saisaat.notices.registry import hidden_from

BATCH = 500


class Email(Enum):
    """Whether a notice is also e-mailed."""

    NO = "no"  # in the app only
    DIGEST = "digest"  # in the next daily digest (``send_reminders``)
    NOW = "now"  # at once, when the transaction commits


@dataclass(frozen=True)
class Tell:
    """One notice to create: tell ``recipient`` of ``kind`` about ``target``; ``key`` tells
    this event apart from others of the same kind about the same target."""

    recipient: object
    kind: str
    target: object
    key: str
    message: str


def notify(recipients, kind, target, *, key: str, message: str, email: Email = Email.NO):
    """Tell each recipient once about one event; returns the notices created."""
    return notify_many(
        [Tell(person, kind, target, key, message) for person in recipients], email=email
    )


@transaction.atomic
def notify_many(tells: Iterable[Tell], *, email: Email = Email.NO) -> list[Notice]:
    """Create the notices not created before; returns them (their ``pk`` may be unset)."""
    tells = list(tells)
    if not tells:
        return []
    types = {
        model: ContentType.objects.get_for_model(model) for model in {type(t.target) for t in tells}
    }
    now = timezone.now()
    seen = _existing(tells, types)
    new = []
    for t in tells:
        identity = (t.recipient.pk, str(t.kind), types[type(t.target)].pk, t.target.pk, t.key)
        if identity in seen:
            continue
        seen.add(identity)
        new.append(
            Notice(
                recipient=t.recipient,
                kind=t.kind,
                target_type=types[type(t.target)],
                target_id=t.target.pk,
                key=t.key,
                message=t.message[:500],
                created_at=now,
                in_digest=email is Email.DIGEST,
                emailed_at=now if email is Email.NOW else None,
            )
        )
    Notice.objects.bulk_create(new, batch_size=BATCH, ignore_conflicts=True)
    if email is Email.NOW:
        _email_on_commit(new)
    return new


def _existing(tells: list[Tell], types) -> set[tuple]:
    found = set()
    for start in range(0, len(tells), BATCH):
        batch = tells[start : start + BATCH]
        found.update(
            Notice.objects.filter(
                Q(key__in={t.key for t in batch}),
                Q(target_id__in={t.target.pk for t in batch}),
                Q(recipient_id__in={t.recipient.pk for t in batch}),
                Q(target_type__in={types[type(t.target)] for t in batch}),
            ).values_list("recipient_id", "kind", "target_type_id", "target_id", "key")
        )
    return found


def _email_on_commit(notices: list[Notice]) -> None:
    messages = [
        EmailMessage(
            _("Saisaat: %(message)s") % {"message": n.message[:120]},
            n.message,
            None,
            [n.recipient.email],
        )
        for n in notices
        if n.recipient.email
    ]
    if messages:
        # A mail server that is down must not undo the work that produced the notice.
        transaction.on_commit(lambda: get_connection(fail_silently=True).send_messages(messages))


def mark_all_read(user) -> int:
    """Mark the person's unread notices read (those they may still see, as the list
    shows them); returns how many."""
    return (
        Notice.objects.filter(recipient=user, read_at__isnull=True)
        .exclude(hidden_from(user))
        .update(read_at=timezone.now())
    )
