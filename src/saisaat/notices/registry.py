"""What the work apps tell this app, so that it never imports them.

A work app registers, in its ``AppConfig.ready()``:

- each kind of record its notices are about (``register_target``): how to link to a
  record by its id, and optionally which records a person may still read today. A notice
  about a record the person may no longer read is hidden from them (a complaint officer
  who stepped down no longer sees the reminders about misconduct complaints).
- what produces its daily reminders (``register_reminders``): a function that creates the
  reminder notices due on a day (through ``services.notify_many``) and returns how many
  it created. The ``send_reminders`` command runs each of them, then sends one digest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class TargetType:
    """A kind of record notices are about."""

    label: str  # "app_label.model_name"
    url: Callable[[int], str]
    visible: Callable[[Any], QuerySet] | None = None


ReminderSource = Callable[..., int]

_targets: dict[str, TargetType] = {}
_reminders: dict[str, ReminderSource] = {}


def _label(app_label: str, model_name: str) -> str:
    return f"{app_label}.{model_name}"


def register_target(model, *, url: Callable[[int], str], visible=None) -> None:
    """``url(pk)`` links to a record; ``visible(user)`` is the queryset of the records the
    user may read today (``None``: every notice about this kind stays visible)."""
    label = _label(model._meta.app_label, model._meta.model_name)
    _targets[label] = TargetType(label=label, url=url, visible=visible)


def register_reminders(name: str, produce: ReminderSource) -> None:
    """``produce(today, days=...)`` creates the reminders due on ``today`` and returns how
    many notices it created; ``days`` is the command's ``--days`` (``None`` for the
    source's own default)."""
    _reminders[name] = produce


def reminder_sources() -> dict[str, ReminderSource]:
    return dict(_reminders)


def target_type(notice) -> TargetType:
    label = _label(notice.target_type.app_label, notice.target_type.model)
    try:
        return _targets[label]
    except KeyError:
        raise ImproperlyConfigured(f"No notice target registered for {label}") from None


def target_url(notice) -> str:
    return target_type(notice).url(notice.target_id)


def hidden_from(user) -> Q:
    """Notices about records the user may no longer read: one subquery per registered kind
    of record that restricts reading, no query of its own."""
    hidden = Q(pk__in=[])
    for target in _targets.values():
        if target.visible is None:
            continue
        app_label, model_name = target.label.split(".")
        hidden |= Q(target_type__app_label=app_label, target_type__model=model_name) & ~Q(
            target_id__in=target.visible(user).values("pk")
        )
    return hidden


def registered_targets() -> dict[str, TargetType]:
    return dict(_targets)
