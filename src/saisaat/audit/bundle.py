"""Writing a proof bundle: a ZIP written file by file as a stream, and its audit part.

The audit part proves one office's entries for one fiscal year complete and unaltered
without showing anyone else's:

* ``audit/chain.jsonl``, the chain skeleton: one line per entry of the whole log, from
  entry #1 to the chain head. A format-2 line is the entry's header (sequence, previous
  hash, time, office code, fiscal year, confidential flag, action, body hash) and its hash,
  so the verifier recomputes every hash from the line itself; a format-1 line carries only
  the links. Formats only move forward; the manifest records the cut-over
  (``chain_cutover``, the first format-2 entry's number), which the verifier checks and an
  auditor pins with ``--cutover`` as ``audit_head`` printed it.
* ``audit/entries.jsonl``: the whole entries (header and body) of the office for the year,
  confidential ones excepted.
* ``verify.py``: the offline verifier (standard library only).

Why the whole chain from entry #1 rather than from the fiscal year's first entry with the
hash before it as an anchor: an entry's fiscal year is what the work counts in, not when it
was written (plans are published before 1 October, late approvals come after 30
September), so no entry number marks where a year's entries begin; and an anchor is
trustworthy only if the auditor already holds it. From entry #1 the only value an auditor
must take from the office is the head, which the office writes down each quarter
(``manage.py audit_head``). The price is size: a skeleton line is about 400 bytes, some
100 once compressed (each hash appears twice, as one entry's hash and the next one's
previous hash), so a million entries add some 100 MB; it is written and read as a stream,
never held in memory.
"""

import hashlib
import json
import shutil
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.db.models import Q

from saisaat.audit.chain import FORMAT_2, GENESIS
from saisaat.audit.models import ChainHead, Entry

VERIFIER = Path(__file__).with_name("offline_verifier.py")
CHUNK = 1 << 20


def _line(data: dict) -> bytes:
    return (
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"
    ).encode("utf-8")


class _Hashing:
    """A writable file that passes on what it gets and counts its SHA-256 and size."""

    def __init__(self, target):
        self.target, self.sha, self.size = target, hashlib.sha256(), 0

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self.target.write(data)


class BundleWriter:
    """A ZIP archive written one file at a time as a stream (nothing held whole in
    memory), remembering each file's SHA-256 and size for the manifest."""

    def __init__(self, path):
        self.archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.files: list[dict] = []

    @contextmanager
    def open(self, name: str):
        info = zipfile.ZipInfo(name, time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        with self.archive.open(info, "w", force_zip64=True) as target:
            handle = _Hashing(target)
            yield handle
        self.files.append({"path": name, "sha256": handle.sha.hexdigest(), "size": handle.size})

    def write(self, name: str, data: bytes) -> None:
        with self.open(name) as handle:
            handle.write(data)

    def copy(self, name: str, source) -> None:
        """A file from storage (an open binary file), in chunks."""
        with self.open(name) as handle:
            shutil.copyfileobj(source, handle, CHUNK)

    def close(self, manifest: dict) -> None:
        """Write ``manifest.json`` (``manifest`` and the list of files) and finish."""
        files = sorted(self.files, key=lambda item: item["path"])
        data = json.dumps({**manifest, "files": files}, ensure_ascii=False, indent=1)
        self.archive.writestr("manifest.json", data.encode("utf-8"))
        self.archive.close()


def office_entries(unit, fiscal_year: int, up_to: int):
    """The entries a bundle of ``unit`` for ``fiscal_year`` ships whole: the ones tagged
    with its code and the year (format 2; format-1 entries by the office's id, as they
    were selected before), never a confidential one."""
    return Entry.objects.filter(
        Q(format=FORMAT_2, unit_code=unit.code) | Q(format=1, unit_id=unit.pk),
        fiscal_year=fiscal_year,
        confidential=False,
        sequence__lte=up_to,
    ).order_by("sequence")


def write_audit(writer: BundleWriter, unit, fiscal_year: int) -> dict:
    """Write the audit part for ``unit`` and ``fiscal_year``; returns the chain head it
    ends at and how many entries it holds."""
    # The head first: entries are only ever appended, so everything up to it stands still
    # while the rest is read.
    head = ChainHead.objects.filter(pk=1).first()
    head_data = {"sequence": head.sequence, "hash": head.hash} if head else None
    head_data = head_data or {"sequence": 0, "hash": GENESIS}
    shipped = 0
    with writer.open("audit/entries.jsonl") as handle:
        for entry in office_entries(unit, fiscal_year, head_data["sequence"]).iterator(2000):
            handle.write(_line(entry.full()))
            shipped += 1
    with writer.open("audit/chain.jsonl") as handle:
        chain = Entry.objects.filter(sequence__lte=head_data["sequence"]).order_by("sequence")
        for entry in chain.iterator(chunk_size=2000):
            handle.write(_line(entry.skeleton()))
    with VERIFIER.open("rb") as source:
        writer.copy("verify.py", source)
    return {"head": head_data, "entries": shipped, "cutover": cutover(head_data["sequence"])}


def cutover(up_to: int | None = None) -> int | None:
    """The number of the first format-2 entry (up to ``up_to``), or None: formats only
    move forward, so every entry before it is format 1 and every one from it on format 2.
    The manifest records it and ``audit_head`` prints it to be written down."""
    entries = Entry.objects.filter(format=FORMAT_2)
    if up_to is not None:
        entries = entries.filter(sequence__lte=up_to)
    return entries.order_by("sequence").values_list("sequence", flat=True).first()
