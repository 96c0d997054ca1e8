"""The canonical form of an audit entry and its hash.

Kept free of Django so that the proof bundle's offline verifier can carry the same rules:
an entry's payload is a JSON object with sorted keys, no spaces, UTF-8, times in UTC as
``YYYY-MM-DDTHH:MM:SS.ffffffZ``, decimals as plain strings; its hash is the SHA-256 of that
text, and the payload includes the previous entry's hash.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from uuid import UUID

from saisaat.audit.offline_verifier import GENESIS, canonical, entry_hash

__all__ = ["GENESIS", "canonical", "entry_hash", "format_time", "plain"]

# The payload's keys, in the order a reader meets them (the hash sorts them anyway).
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
