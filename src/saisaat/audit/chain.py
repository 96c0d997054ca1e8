"""The canonical form of an audit entry and its hash.

Kept free of Django so that the proof bundle's offline verifier can carry the same rules:
a payload is a JSON object with sorted keys, no spaces, UTF-8, times in UTC as
``YYYY-MM-DDTHH:MM:SS.ffffffZ``, decimals as plain strings; a hash is the SHA-256 of that
text.

Two formats live in one chain; each entry carries its own (``Entry.format``), and an entry
keeps the formula it was written with:

* Format 1 (the entries written before format 2): the hash covers every field and the
  previous entry's hash, in one payload (``PAYLOAD_KEYS``).
* Format 2 (every new entry): the entry splits into a body (``BODY_KEYS``: actor, object,
  changes, reason, office id and a random nonce) and a header (``HEADER_KEYS``: format,
  sequence, previous hash, time, office code or none, fiscal year or none, confidential
  flag, action and the body's hash). The hash covers the header. So a proof bundle can
  carry every entry's header (the skeleton) and only its own office's bodies, and an
  auditor can still recompute the whole chain and see which entries are the office's.
  The nonce keeps a withheld body (a confidential reading) from being guessed from its
  hash by trying the likely actors and objects.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from uuid import UUID

from saisaat.audit.offline_verifier import (
    BODY_KEYS,
    FORMAT_2,
    GENESIS,
    HEADER_KEYS,
    body_hash,
    canonical,
    entry_hash,
    header_hash,
)

__all__ = [
    "BODY_KEYS",
    "FORMAT_2",
    "GENESIS",
    "HEADER_KEYS",
    "body_hash",
    "canonical",
    "entry_hash",
    "format_time",
    "header_hash",
    "plain",
]

# The format-1 payload's keys, in the order a reader meets them (the hash sorts them anyway).
PAYLOAD_KEYS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "unit_id",
    "unit_code",
    "fiscal_year",
    "changes",
    "reason",
    "confidential",
    "prev_hash",
)


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def plain(value):
    """A value as the log stores it: JSON types only, in one fixed spelling."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # Floats would round differently across databases; store their shortest text.
        return repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return format_time(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "storage"):  # a stored file
        return value.name or ""
    return str(value)
