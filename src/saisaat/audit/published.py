"""Publishing the audit chain's head once a day, and checking a chain against the heads
published before."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from saisaat.audit import services as audit
from saisaat.audit.chain import GENESIS
from saisaat.audit.models import ChainHead, Entry, PublishedHead


@transaction.atomic
def publish_head(day: date | None = None) -> tuple[PublishedHead, bool]:
    """The head of ``day`` (today by default), written the first time only: a second run
    on the same day returns the row already published. Returns (row, created)."""
    day = day or timezone.localdate()
    # The chain head row is the lock every appender takes: the head cannot move between
    # reading it and writing it down.
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    existing = PublishedHead.objects.filter(day=day).first()
    if existing is not None:
        return existing, False
    sequence, hash_ = (head.sequence, head.hash) if head else (0, GENESIS)
    published = PublishedHead.objects.create(
        day=day, entry_count=sequence, hash=hash_, published_at=timezone.now()
    )
    audit.record(
        None,
        "audit.head_published",
        published,
        changes=audit.created(published, ["day", "entry_count", "hash"]),
    )
    return published, True


def check_published(heads=None) -> str:
    """'' when the chain still runs through every published head (or ``heads``), else
    what does not match: the first published head whose entry is gone or has another hash."""
    heads = list(heads if heads is not None else PublishedHead.objects.order_by("day"))
    wanted = {head.entry_count for head in heads if head.entry_count}
    found = dict(
        Entry.objects.filter(sequence__in=wanted).values_list("sequence", "hash").order_by()
    )
    for head in heads:
        if head.entry_count == 0:
            continue
        if found.get(head.entry_count) != head.hash:
            return (
                f"the head published on {head.day.isoformat()} (#{head.entry_count} "
                f"{head.hash[:12]}…) is no longer in the chain"
            )
    return ""
