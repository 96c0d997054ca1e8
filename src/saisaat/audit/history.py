"""The change history of one object, and of what belongs to it, read from the audit log.

The audit log is the one history: a page that shows how a plan, a person's record or a
budget line came to be what it is asks here for the entries about it. ``entries_for`` is
one query whatever the number of children (their ids are a subquery), and ``rows`` turns
a page of entries into what the shared changes table shows, with the field names and the
names of the records a foreign key points to, one query per kind of record on the page;
never for a complaint's entries (``IDS_ONLY``), whose related records include the staff a
complaint names: those show as ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.functions import Cast
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from saisaat.audit.models import Entry

# The verb an action ends with, as a reader says it.
VERBS = {
    "created": _("created"),
    "imported": _("created"),
    "added": _("created"),
    "changed": _("changed"),
    "renumbered": _("changed"),
    "groups_changed": _("changed"),
    "moved": _("changed"),
    "deactivated": _("changed"),
    "reactivated": _("changed"),
    "disbursed": _("changed"),
    "deleted": _("deleted"),
    "removed": _("deleted"),
}


def about(target) -> models.Q:
    """Entries about ``target``: a model instance, or every row of a queryset."""
    if isinstance(target, models.QuerySet):
        ids = (
            target.order_by()
            .annotate(audit_object_id=Cast("pk", models.CharField(max_length=64)))
            .values("audit_object_id")
        )
        return models.Q(object_type=target.model._meta.label_lower, object_id__in=ids)
    return models.Q(object_type=target._meta.label_lower, object_id=str(target.pk))


def entries_for(*targets, also: models.Q | None = None, confidential: bool = False):
    """The entries about each of ``targets`` (instances or querysets: an object and its
    children), newest first; ``also`` adds entries found another way (children that are
    gone). Confidential entries (readings of identities) stay out unless asked for."""
    condition = models.Q(pk__in=[])
    for target in targets:
        condition |= about(target)
    if also is not None:
        condition |= also
    entries = Entry.objects.filter(condition)
    if not confidential:
        entries = entries.filter(confidential=False)
    return entries.order_by("-sequence")


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class Row:
    entry: Entry
    verb: str
    kind: str
    changes: list[Change]


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed is shown by its stored name
        return None
    # A reverse relation (a change to what points here) has no name of its own.
    return None if field.auto_created and not field.concrete else field


def _value(field, value):
    """A stored value back in the type a reader's template shows best (dates as dates, a
    choice as its label: "อนุมัติแล้ว", not "approved")."""
    if field is not None and field.choices and not field.is_relation:
        return dict(field.flatchoices).get(value, value)
    if field is None or not isinstance(value, str):
        return value
    if isinstance(field, models.DateTimeField):
        return parse_datetime(value) or value
    if isinstance(field, models.DateField):
        return parse_date(value) or value
    return value


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ids(values) -> list[int]:
    """The record ids in a stored ``[old, new]`` of a relation (a many-to-many's are lists)."""
    found = []
    for value in values if isinstance(values, list) else []:
        found.extend(v for v in (value if isinstance(value, list) else [value]) if _is_id(v))
    return found


def _name(names: dict, model, value):
    """A relation's stored value as the records' names: one id, or a list of them."""
    if isinstance(value, list):
        if not all(_is_id(v) for v in value):
            return value
        return ", ".join(names.get((model, v), str(v)) for v in value) or None
    return names.get((model, value), value) if _is_id(value) else value


# Object types whose relations stay ids on the page: a complaint's related records include
# the staff it names, whose names must never reach a reader of the log.
IDS_ONLY = ("complaints.",)


def resolves_names(entry) -> bool:
    return not entry.object_type.startswith(IDS_ONLY)


def verb(action: str) -> str:
    suffix = action.split(".", 1)[-1]
    for ending, said in VERBS.items():
        if suffix == ending or suffix.endswith("_" + ending):
            return str(said)
    return action


def rows(entries) -> list[Row]:
    """A page of entries as the changes table shows them. The records a changed foreign
    key points to are read once per kind of record, so a page costs the same whatever
    the size of the log."""
    entries = list(entries)
    wanted: dict = {}
    for entry in entries:
        if not resolves_names(entry):
            continue
        model = _model(entry.object_type)
        for name, values in (entry.changes or {}).items():
            field = _field(model, name)
            if field is not None and field.is_relation:
                for value in _ids(values):
                    wanted.setdefault(field.related_model, set()).add(value)
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.select_related().filter(pk__in=ids):
            names[related, obj.pk] = str(obj)
    result = []
    for entry in entries:
        model = _model(entry.object_type)
        changes = []
        for name, values in (entry.changes or {}).items():
            field = _field(model, name)
            old, new = values if isinstance(values, list) and len(values) == 2 else (None, values)
            if field is not None and field.is_relation and resolves_names(entry):
                old, new = (_name(names, field.related_model, v) for v in (old, new))
            label = str(field.verbose_name) if field is not None else name
            changes.append(Change(label, _value(field, old), _value(field, new)))
        kind = str(model._meta.verbose_name) if model is not None else entry.object_type
        result.append(Row(entry=entry, verb=verb(entry.action), kind=kind, changes=changes))
    return result
