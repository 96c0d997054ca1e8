"""One seam through which a record of any app becomes evidence of a plan activity.

A work app or a document app that keeps records able to prove an activity (survey results,
memos; later certificates, acknowledgements, goals, attendance, MOUs, innovation
comparisons, budget reports, complaint statistics) registers an ``EvidenceSource`` in its
``AppConfig.ready()``: its kind, a label, which records an office can link in a fiscal year,
which office and plan activity a record reports on, and how to make a dated snapshot file
of it. The app that keeps the evidence (``tracking``) registers itself as the
``EvidenceKeeper``. ``attach`` joins the two, so no app reaches into another's internals:
the record's app never imports the keeper, and the keeper never imports the record's app.

A snapshot is a fixed copy (the file as it was on the day), stored as evidence with its
SHA-256 like any upload; later changes to the record do not change the evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from saisaat.thai.numbers import is_number


@dataclass(frozen=True)
class Placement:
    """Where a record counts: the office and the plan activity it reports on."""

    unit_id: int
    activity_id: int


@dataclass(frozen=True)
class Snapshot:
    """A record as a file on one day, ready to be filed as evidence."""

    content: bytes
    filename: str
    title: str
    effective_date: date

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class EvidenceSource:
    """A kind of record that can be evidence.

    ``records(unit, fiscal_year)`` lists the records the office can link; ``placement(record)``
    names the office and plan activity a record reports on (``None`` when it reports on
    none); ``snapshot(record, on)`` makes the dated file, raising ``ValidationError`` when
    the record has nothing to show yet. ``attached(record, item)`` runs after filing, in
    the same transaction, for a source that remembers its evidence. ``lock(record)``
    returns the record re-read under a row lock, for a source whose ``attached`` writes.
    A ``windowed`` source's snapshot is of the activity it is linked for
    (``snapshot(record, on, activity=...)``): a list counted in the activity's window, as
    its indicator counts it.
    """

    kind: str
    label: str
    records: Callable[[Any, int], QuerySet]
    placement: Callable[[Any], Placement | None]
    snapshot: Callable[[Any, date | None], Snapshot]
    attached: Callable[[Any, Any], None] | None = None
    lock: Callable[[Any], Any] | None = None
    not_placed_message: str = ""
    describe: Callable[[Any], str] | None = None
    windowed: bool = False

    def candidates(self, unit, fiscal_year: int) -> list[tuple[str, str]]:
        """``(key, label)`` of each record the office can link in the year."""
        describe = self.describe or str
        return [(str(r.pk), describe(r)) for r in self.records(unit, fiscal_year)]

    def find(self, unit, fiscal_year: int, key: str):
        """The office's record of the year under ``key``, or ``None``: a key of another
        office's record finds nothing."""
        if not is_number(str(key)):
            return None
        return self.records(unit, fiscal_year).filter(pk=int(key)).first()


class EvidenceKeeper(Protocol):
    """What the app that keeps evidence offers the seam."""

    def target_for(self, placement: Placement) -> Any | None:
        """The office's current work item for the activity, or ``None``."""

    def file(
        self, target: Any, snapshot: Snapshot, *, acting_user, requirement=None, source_kind=""
    ) -> Any:
        """File the snapshot as evidence of the target (for ``requirement``, an item of
        the activity's checklist, when given) and return the evidence item."""

    def activity_of(self, target: Any) -> Any:
        """The plan activity the target is work on."""

    def item_asking_for(self, target: Any, kind: str) -> Any | None:
        """The checklist item a record of ``kind`` filed on the target ticks: the first
        with no current evidence asking for that kind, else the first, else ``None``."""


_sources: dict[str, EvidenceSource] = {}
_keeper: EvidenceKeeper | None = None


def register_source(source: EvidenceSource) -> None:
    if _sources.get(source.kind, source) is not source:
        raise ImproperlyConfigured(f"Two evidence sources of kind {source.kind!r}")
    _sources[source.kind] = source


def register_keeper(keeper: EvidenceKeeper) -> None:
    global _keeper
    _keeper = keeper


def sources() -> list[EvidenceSource]:
    return list(_sources.values())


def source(kind: str) -> EvidenceSource:
    return _sources[kind]


def keeper() -> EvidenceKeeper:
    if _keeper is None:
        raise ImproperlyConfigured("No app keeps evidence (is saisaat.tracking installed?)")
    return _keeper


def target_for(kind: str, record) -> Any | None:
    """The work item the record would be evidence of, or ``None``."""
    placement = source(kind).placement(record)
    return keeper().target_for(placement) if placement else None


@transaction.atomic
def attach(kind: str, record, *, acting_user, on: date | None = None):
    """File a snapshot of ``record`` as evidence of the activity it reports on and return
    the evidence item; ``ValidationError`` when it reports on no activity of the office or
    has nothing to show."""
    origin = source(kind)
    if origin.lock:
        record = origin.lock(record)
    target = target_for(kind, record)
    if target is None:
        raise ValidationError(
            origin.not_placed_message
            or _("This record is not linked to an activity your unit has been assigned.")
        )
    item = keeper().file(
        target,
        origin.snapshot(record, on),
        acting_user=acting_user,
        requirement=keeper().item_asking_for(target, kind),
        source_kind=kind,
    )
    if origin.attached:
        origin.attached(record, item)
    return item


@transaction.atomic
def link(kind: str, record, target, *, acting_user, requirement=None, on: date | None = None):
    """File a snapshot of ``record`` as evidence of ``target`` (a work item the caller
    fetched for the record's office, e.g. an assignment) for one item of its checklist, and
    return the evidence item. Unlike :func:`attach` the record need not name an activity:
    the office's declaration progress, budget report or complaint statistics prove what
    the office's checklist asks wherever they are linked."""
    origin = source(kind)
    if origin.lock:
        record = origin.lock(record)
    if origin.windowed:
        snapshot = origin.snapshot(record, on, activity=keeper().activity_of(target))
    else:
        snapshot = origin.snapshot(record, on)
    item = keeper().file(
        target,
        snapshot,
        acting_user=acting_user,
        requirement=requirement,
        source_kind=kind,
    )
    if origin.attached:
        origin.attached(record, item)
    return item
