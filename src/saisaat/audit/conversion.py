"""Copy the rows django-simple-history kept into the audit log, once, from a migration.

Before the audit log the project kept a second history, a "historical" copy of each row
of the plans, the staff registry and the budget at every save. The migrations that drop
those tables first call ``copy_history`` so an installation loses none of it: each
historical row becomes one entry with its user, its object, created/changed/deleted and
the fields that differ from the row's version before it. The chain's time only moves
forward, so the entry's own time is the migration's and the original time is written at
the start of its reason.

Since the audit log came, every service wrote both; a historical row that has an entry
about the same object from the same moment (within ``SAME_CHANGE``) is that entry's
twin and is not copied again, though it still counts as the version the next one is
compared with.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# A service saved the row, then wrote its entry when its whole change was done: an import
# of a large plan takes a few seconds between its first save and its entries.
SAME_CHANGE = (timedelta(seconds=-2), timedelta(minutes=2))
BATCH = 500


@dataclass
class Source:
    """One model with a history: ``owner`` says where its office and fiscal year come
    from, either ``(unit field, fiscal year field or None)`` on the row itself or the
    name of the foreign key to a model listed before it (its parent); ``m2m`` names
    ``(field, historical through model, its target's field)`` for a kept many-to-many."""

    app_label: str
    model_name: str
    owner: tuple[str, str | None] | str | None = None
    m2m: tuple[str, str, str] | None = None
    label_fields: tuple[str, ...] = ("title", "name", "text", "name_th")


@dataclass(frozen=True)
class _Actor:
    """What ``audit.record`` reads of a user, from the migration's own user rows."""

    pk: int
    username: str
    full_name: str
    is_authenticated: bool = field(default=True, init=False)

    def get_username(self) -> str:
        return self.username

    def get_full_name(self) -> str:
        return self.full_name


def _label(row, source: Source) -> str:
    for name in source.label_fields:
        value = getattr(row, name, None)
        if value:
            return str(value)[:200]
    if getattr(row, "first_name", None) is not None:
        parts = [getattr(row, "title", ""), row.first_name, " ", getattr(row, "last_name", "")]
        return "".join(parts).strip()
    return f"{source.model_name} {row.id}"


def _fields(historical) -> list:
    return [
        f
        for f in historical._meta.concrete_fields
        if not f.name.startswith("history_") and f.name != "id"
    ]


def _reason(row) -> str:
    moment = timezone.localtime(row.history_date).isoformat(timespec="seconds")
    reason = (row.history_change_reason or "").strip()
    return f"as recorded {moment}" + (f"; {reason}" if reason else "")


def copy_history(apps, sources: list[Source]) -> int:
    """Write the entries of every historical row of ``sources`` (``apps`` the migration's
    models), oldest first; returns how many were written."""
    from saisaat.audit import services as audit  # the live service: the chain's one writer

    entry_model = apps.get_model("audit", "Entry")
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    types = [f"{s.app_label}.{s.model_name.lower()}" for s in sources]
    already = defaultdict(list)
    for object_type, object_id, created_at in entry_model.objects.filter(
        object_type__in=types
    ).values_list("object_type", "object_id", "created_at"):
        already[object_type, object_id].append(created_at)

    owners: dict[str, dict] = {}
    pending = []  # (history_date, source's place, history_id, the entry's arguments)
    for order, source in enumerate(sources):
        historical = apps.get_model(source.app_label, f"Historical{source.model_name}")
        object_type = f"{source.app_label}.{source.model_name.lower()}"
        fields = _fields(historical)
        groups = {}
        if source.m2m:
            _name, through, target = source.m2m
            through_model = apps.get_model(source.app_label, through)
            found = defaultdict(list)
            for history_id, target_id in through_model.objects.values_list(
                "history_id", f"{target}_id"
            ):
                found[history_id].append(target_id)
            groups = {key: sorted(value) for key, value in found.items()}
        mine = owners.setdefault(source.model_name.lower(), {})
        previous: dict = {}
        rows = historical.objects.order_by("history_date", "history_id")
        for row in rows.iterator(chunk_size=2000):
            values = {f.name: getattr(row, f.attname) for f in fields}
            if source.m2m:
                values[source.m2m[0]] = groups.get(row.history_id, [])
            unit_id, fiscal_year = _owner(row, source, owners)
            mine[row.id] = (unit_id, fiscal_year)
            before = previous.get(row.id)
            previous[row.id] = values
            if _twin(already.get((object_type, str(row.id)), ()), row.history_date):
                continue
            if row.history_type == "+":
                changes = audit.diff({}, values)
            elif row.history_type == "-":
                changes = audit.diff(before or values, {})
            else:
                changes = audit.diff(before or {}, values)
            item = dict(
                actor=row.history_user_id,
                action=f"{object_type}_{ACTIONS.get(row.history_type, 'changed')}",
                obj=(object_type, row.id, _label(row, source)),
                changes=changes,
                reason=_reason(row),
                unit=unit_id,
                fiscal_year=fiscal_year,
            )
            pending.append((row.history_date, order, row.history_id, item))
    pending.sort(key=lambda p: p[:3])

    actor_ids = {p[3]["actor"] for p in pending if p[3]["actor"] is not None}
    actors = {
        pk: _Actor(pk, username, f"{first} {last}".strip())
        for pk, username, first, last in user_model.objects.filter(pk__in=actor_ids).values_list(
            "pk", "username", "first_name", "last_name"
        )
    }
    # The office as a row, so that the entry keeps its code as the services' entries do.
    unit_ids = {p[3]["unit"] for p in pending if p[3]["unit"] is not None}
    units = apps.get_model("orgs", "Unit").objects.in_bulk(unit_ids)
    items = []
    for *_key, item in pending:
        actor_id = item["actor"]
        item["actor"] = actors.get(actor_id, None if actor_id is None else f"user {actor_id}")
        item["unit"] = units.get(item["unit"], item["unit"])
        items.append(item)
    for start in range(0, len(items), BATCH):
        audit.record_many(items[start : start + BATCH])
    return len(items)


def _owner(row, source: Source, owners: dict) -> tuple[int | None, int | None]:
    if source.owner is None:
        return None, None
    if isinstance(source.owner, tuple):
        unit_field, year_field = source.owner
        return getattr(row, f"{unit_field}_id"), getattr(row, year_field) if year_field else None
    parent_id = getattr(row, f"{source.owner}_id")
    parent_model = row._meta.get_field(source.owner).related_model._meta.model_name
    return owners.get(parent_model, {}).get(parent_id, (None, None))


def _twin(times, moment) -> bool:
    low, high = moment + SAME_CHANGE[0], moment + SAME_CHANGE[1]
    return any(low <= t <= high for t in times)


def noop(apps, schema_editor):
    """Going back keeps the entries: the log is append-only."""
