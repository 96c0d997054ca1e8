"""The one way into the audit log.

``record`` appends one entry inside the caller's transaction: a service calls it after it
has changed an object, so the change and its entry are committed together or not at all.
New entries are chain format 2 (see ``chain``).

Which office and fiscal year an entry belongs to (its tags, which a format-2 hash covers
and a proof bundle's completeness check relies on) is decided here, once, at write time:

* Office: the ``unit`` the service passes (a Unit, or a Unit's id); ``record_created``,
  ``record_changed`` and ``record_deleted`` default it to the object's own ``unit``
  (``_owner``). The tag is the office's code as it stands when the entry is written (for
  an id, looked up once per ``record_many`` call); no unit, no office tag.
* Fiscal year: the ``fiscal_year`` the service passes (the Buddhist-era year the changed
  thing counts in: its plan's, its survey's, the year of its date), defaulting in the same
  helpers to the object's own ``fiscal_year``; none when neither says. The entry's time
  never decides it: work of fiscal year 2566 is often approved after 30 September 2566.
* An entry with an office but no fiscal year (a staff member's sign-in devices, the staff
  registry) belongs to the office but to no year, and so to no office-and-year extract.
* ``confidential`` entries (readings of a complainant's identity) keep their tags, so a
  bundle can count them as withheld, but never ship their bodies.
"""

import hashlib
import hmac
import json
import secrets

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from saisaat.audit.chain import FORMAT_2, plain
from saisaat.audit.models import ChainHead, Entry

# What an entry may say about the actor when there is no signed-in user.
PUBLIC = "public"
SYSTEM = "system"


def snapshot(obj, fields) -> dict:
    """The values of ``fields`` of ``obj`` as the log stores them (foreign keys by id)."""
    values = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(getattr(obj, name).values_list("pk", flat=True)) if obj.pk else []
        else:
            values[name] = plain(getattr(obj, field.attname))
    return values


def diff(old: dict, new: dict) -> dict:
    """``{field: [old, new]}`` for each field whose value changed."""
    changes = {}
    for name in sorted(set(old) | set(new)):
        before, after = plain(old.get(name)), plain(new.get(name))
        if before != after:
            changes[name] = [before, after]
    return changes


def created(obj, fields) -> dict:
    """The changes of a new object: every field from nothing to its value."""
    return diff({}, snapshot(obj, fields))


def actor_label(actor) -> str:
    if actor is None:
        return SYSTEM
    if isinstance(actor, str):
        return actor
    if not getattr(actor, "is_authenticated", False):
        return PUBLIC
    full_name = actor.get_full_name().strip()
    return f"{actor.get_username()} ({full_name})" if full_name else actor.get_username()


def record(
    actor,
    action: str,
    obj,
    *,
    changes: dict | None = None,
    reason: str = "",
    unit=None,
    fiscal_year: int | None = None,
    label: str | None = None,
    confidential: bool = False,
) -> Entry:
    """Append one entry: ``actor`` (a user, None for the system, or a text such as
    ``PUBLIC``) did ``action`` (``"app.verb"``) to ``obj`` (a model instance, or a
    ``(type, id, label)`` triple for something that is gone), changing ``changes``
    (``{field: [old, new]}``, see ``diff``) for ``reason``, on behalf of ``unit`` in
    ``fiscal_year`` (``unit`` a Unit, or its id when the row is not at hand).
    ``confidential`` entries are readable only by the office head."""
    return record_many(
        [
            dict(
                actor=actor,
                action=action,
                obj=obj,
                changes=changes,
                reason=reason,
                unit=unit,
                fiscal_year=fiscal_year,
                label=label,
                confidential=confidential,
            )
        ]
    )[0]


def record_many(items: list[dict]) -> list[Entry]:
    """Append several entries (each the keyword arguments of ``record``) under one lock,
    in the order given: for a service that changes many objects at once."""
    if not items:
        return []
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            # The migration makes the row; where it is gone (a flushed test database), two
            # first writers must not both create it: one inserts, the other waits and locks.
            # The waiter's insert may meet the head already moved on by the first writer
            # (PostgreSQL's forward-only trigger refuses a head at #0 once entry #1 exists):
            # its savepoint is rolled back and it locks the row the first writer made.
            try:
                with transaction.atomic():
                    ChainHead.objects.bulk_create([ChainHead(pk=1)], ignore_conflicts=True)
            except DatabaseError:
                pass
            head = ChainHead.objects.select_for_update().get(pk=1)
        sequence, previous, now = head.sequence, head.hash, timezone.now()
        codes = _unit_codes(items)
        entries = []
        for item in items:
            sequence += 1
            entry = _entry(sequence=sequence, prev_hash=previous, created_at=now, **item)
            if not entry.unit_code and entry.unit_id is not None:
                entry.unit_code = codes.get(entry.unit_id, "")
            entry.hash = entry.compute_hash()
            previous = entry.hash
            entries.append(entry)
        Entry.objects.bulk_create(entries, batch_size=500)
        ChainHead.objects.filter(pk=1).update(sequence=sequence, hash=previous)
    return entries


def _unit_codes(items: list[dict]) -> dict[int, str]:
    """The codes of the offices the items name by id only, in one query."""
    ids = {item.get("unit") for item in items if isinstance(item.get("unit"), int)}
    if not ids:
        return {}
    # Through the entry's own relation: the audit layer does not import orgs.
    units = Entry._meta.get_field("unit").related_model._default_manager
    return dict(units.filter(pk__in=ids).values_list("pk", "code"))


def _entry(
    *,
    sequence,
    prev_hash,
    created_at,
    actor,
    action,
    obj,
    changes=None,
    reason="",
    unit=None,
    fiscal_year=None,
    label=None,
    confidential=False,
) -> Entry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    if isinstance(obj, tuple):
        object_type, object_id, object_label = obj
    else:
        object_type, object_id = obj._meta.label_lower, obj.pk
        object_label = str(obj) if label is None else label
    return Entry(
        sequence=sequence,
        created_at=created_at,
        actor_id=user.pk if user else None,
        actor_label=actor_label(actor)[:255],
        action=action,
        object_type=object_type,
        object_id="" if object_id is None else str(object_id),
        object_label=(object_label or "")[:255],
        unit_id=unit if isinstance(unit, int) else getattr(unit, "pk", None),
        unit_code=getattr(unit, "code", "") or "",
        fiscal_year=fiscal_year,
        changes=plain(changes or {}),
        reason=reason or "",
        confidential=confidential,
        prev_hash=prev_hash,
        format=FORMAT_2,
        nonce=secrets.token_hex(16),
    )


def verify_chain(entries=None):
    """Walk the whole chain; returns ``(checked, problem)`` where ``problem`` names the
    first entry that was altered, removed or reordered, or is None."""
    from saisaat.audit.chain import GENESIS

    expected_sequence, previous_hash, checked, first_2 = 1, GENESIS, 0, None
    queryset = Entry.objects.order_by("sequence") if entries is None else entries
    for entry in queryset.iterator(chunk_size=2000):
        # Formats only move forward: 1, then 2 from the cut-over on, nothing else.
        if entry.format not in (1, FORMAT_2):
            return checked, f"entry #{entry.sequence} has an unknown chain format {entry.format}"
        if entry.format == FORMAT_2 and first_2 is None:
            first_2 = entry.sequence
        if entry.format != FORMAT_2 and first_2 is not None:
            return checked, (
                f"entry #{entry.sequence} is format 1 after format 2 began at #{first_2} "
                "(formats only move forward)"
            )
        if entry.sequence != expected_sequence:
            if entry.sequence > expected_sequence:
                return checked, (
                    f"entry #{expected_sequence} is missing (removed); the chain goes on at "
                    f"#{entry.sequence}"
                )
            return checked, f"entry #{entry.sequence} is out of order"
        if entry.compute_hash() != entry.hash:
            if entry.prev_hash != previous_hash:
                return checked, (
                    f"entry #{entry.sequence} does not follow #{entry.sequence - 1} "
                    "(reordered or replaced)"
                )
            return checked, f"entry #{entry.sequence} was altered (its hash does not match)"
        if entry.prev_hash != previous_hash:
            return checked, (
                f"entry #{entry.sequence} does not follow #{entry.sequence - 1} "
                "(the entry before it was altered, removed or reordered)"
            )
        previous_hash = entry.hash
        expected_sequence += 1
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    head_sequence, head_hash = (head.sequence, head.hash) if head else (0, GENESIS)
    if head_sequence != checked or head_hash != previous_hash:
        if head_sequence > checked:
            return checked, (
                f"entry #{checked + 1} is missing (removed); the chain head is at #{head_sequence}"
            )
        return checked, f"the chain head (#{head_sequence}) does not match the last entry"
    return checked, None


def record_created(actor, action: str, obj, fields, **kwargs) -> Entry:
    """One entry for a new object, with ``fields`` from nothing to their values; the
    office and fiscal year default to the object's own ``unit`` and ``fiscal_year``."""
    return record(actor, action, obj, changes=created(obj, fields), **_owner(obj, kwargs))


def record_changed(actor, action: str, obj, before: dict, **kwargs) -> Entry:
    """One entry for a changed object: ``before`` is its ``snapshot`` taken before the
    change, over the fields that may change."""
    return record(
        actor, action, obj, changes=diff(before, snapshot(obj, before)), **_owner(obj, kwargs)
    )


def record_deleted(actor, action: str, obj, fields, **kwargs) -> Entry:
    """One entry for an object about to be deleted (call before deleting it)."""
    return record(
        actor, action, obj, changes=diff(snapshot(obj, fields), {}), **_owner(obj, kwargs)
    )


def _owner(obj, kwargs: dict) -> dict:
    """The office and fiscal year of an entry about ``obj``, unless the caller names them:
    the object's own (the loaded office when it is at hand, saving the code's lookup)."""
    if "unit" not in kwargs:
        unit = getattr(obj, "unit_id", None)
        field = next((f for f in obj._meta.concrete_fields if f.attname == "unit_id"), None)
        if unit is not None and field is not None and field.is_cached(obj):
            unit = field.get_cached_value(obj)
        kwargs["unit"] = unit
    kwargs.setdefault("fiscal_year", getattr(obj, "fiscal_year", None))
    return kwargs


def stored(obj, fields) -> dict:
    """``snapshot`` of the object as the database holds it: a form bound to the instance
    has already written the new values onto it before the service runs."""
    return snapshot(type(obj)._default_manager.get(pk=obj.pk), fields)


def sealed(pk, value) -> str:
    """A digest of ``value`` keyed with the site's secret, for an entry whose value the
    log's readers must not see yet (an answer key, a score while a round is open): it
    proves what was stored without letting them work it out (a choice is one of five)."""
    message = json.dumps([pk, value], sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
