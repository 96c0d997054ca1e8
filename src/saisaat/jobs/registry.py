"""The kinds of job the worker knows, registered by the apps that produce them.

The job runner sits in the lowest layer; the apps above it (documents' exports, for one)
register their job functions here from their ``AppConfig.ready``, so the runner never
imports them. A job function is ``run(job, progress) -> Result``: ``job.parameters`` says
what to make, ``progress(done, total)`` moves the bar, and the result is a file to store.
It raises ``JobError`` with a message for the user when the job cannot be done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class Result:
    """What a finished job hands over: an open binary file (or bytes), its name for the
    download, and its type."""

    content: IO[bytes] | bytes
    filename: str
    content_type: str


class JobError(Exception):
    """A job that cannot be done, with a message the user can act on (translatable)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    run: Callable


_kinds: dict[str, Kind] = {}


def register(name: str, *, label, run: Callable) -> None:
    """Register ``run`` under ``name`` (``"app.thing"``); registering a name twice is an
    error, so two apps never fight over one kind."""
    if name in _kinds and _kinds[name].run is not run:
        raise ValueError(f"job kind {name!r} is registered already")
    _kinds[name] = Kind(name=name, label=label, run=run)


def get(name: str) -> Kind | None:
    return _kinds.get(name)


def unregister(name: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(name, None)
