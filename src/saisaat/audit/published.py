"""Publishing the audit chain's head once a day, and checking a chain against the heads
published before."""

import json
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

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


@dataclass(frozen=True)
class Head:
    """A published head as read from anywhere: the table, the log, a saved portal copy."""

    day: date
    entry_count: int
    hash: str


def logged_heads() -> list[Head]:
    """The heads as the chain itself recorded publishing them (``audit.head_published``):
    emptying or rewinding the heads table does not remove these."""
    heads = []
    for changes in Entry.objects.filter(action="audit.head_published").values_list(
        "changes", flat=True
    ):
        try:
            heads.append(
                Head(
                    date.fromisoformat(changes["day"][1]),
                    int(changes["entry_count"][1]),
                    str(changes["hash"][1]),
                )
            )
        except (KeyError, TypeError, ValueError, IndexError):
            continue
    return heads


def read_saved_heads(text: str) -> list[Head]:
    """The heads of a saved ``audit-chain.json`` from the portal; ValueError when it is not
    one."""
    try:
        document = json.loads(text)
        return [
            Head(date.fromisoformat(row["day"]), int(row["entry_count"]), str(row["hash"]))
            for row in document["heads"]
        ]
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a saved audit-chain.json: {error}") from error


def _describe(head) -> str:
    return f"the head published on {head.day.isoformat()} (#{head.entry_count} {head.hash[:12]}…)"


def check_published(heads=None) -> str:
    """'' when the chain still runs through every published head (or ``heads``, e.g. a
    saved copy), else what does not match: a head whose entry is gone or has another hash,
    a count that went down from one day to the next, or (checking the table) a head the
    chain logged as published that the table lost or changed."""
    if heads is None:
        table = [
            Head(row.day, row.entry_count, row.hash)
            for row in PublishedHead.objects.order_by("day")
        ]
        by_day = {head.day: head for head in table}
        for logged in sorted(logged_heads(), key=lambda head: head.day):
            if by_day.get(logged.day) != logged:
                return f"{_describe(logged)} is missing or changed in the published heads"
        heads = table
    heads = sorted(heads, key=lambda head: head.day)
    for earlier, later in pairwise(heads):
        if later.entry_count < earlier.entry_count:
            return (
                f"{_describe(later)} counts fewer entries than the one of "
                f"{earlier.day.isoformat()} (#{earlier.entry_count})"
            )
    wanted = {head.entry_count for head in heads if head.entry_count}
    found = dict(
        Entry.objects.filter(sequence__in=wanted).values_list("sequence", "hash").order_by()
    )
    for head in heads:
        if head.entry_count == 0:
            continue
        if found.get(head.entry_count) != head.hash:
            return f"{_describe(head)} is no longer in the chain"
    return ""
