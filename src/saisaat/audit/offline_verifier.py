#!/usr/bin/env python3
"""Check a Saisaat proof bundle offline (Python 3.10+, standard library only).

    python verify.py                 # the bundle this script was unpacked with
    python verify.py bundle.zip      # or a bundle as a ZIP file or a directory
    python verify.py --head 1234:9f2c...   # and a head the office wrote down earlier
    python verify.py --cutover 812         # and where format 2 began, as written down

What it checks, and so what a pass proves:
1. Every file listed in manifest.json has the SHA-256 and size the manifest gives, and every
   evidence file has the SHA-256 Saisaat computed when it was uploaded (evidence.json).
2. The chain skeleton (audit/chain.jsonl) lists every entry of the whole audit log, from
   entry #1 to the chain head: its number, format, previous hash and hash, and for a
   format-2 entry also its time, office code, fiscal year, confidential flag, action and
   body hash, which are exactly what its hash covers. The verifier recomputes each format-2
   hash, and checks that the numbers run on from #1 without a gap, that each entry names
   the hash of the one before, and that the last one is the chain head in manifest.json.
3. Every entry body in the bundle (audit/entries.jsonl) hashes to the body hash its
   skeleton line carries (format 2), or to its whole hash (format 1), and sits at its place.
4. Completeness: every format-2 entry of the skeleton tagged with this office and fiscal
   year that is not confidential has its body in the bundle. Confidential entries of the
   office (readings of a complainant's identity) are withheld by rule; their count is
   printed, and their skeleton lines still prove where they are and that they are there.
5. Where the log recorded an evidence item's SHA-256 when it was added, the file carries it.

So, once the chain head printed here matches the head the office wrote down independently
(its quarterly memo or paper register: ``manage.py audit_head``), no format-2 entry of the
office for the year was left out, added, edited or moved. Other offices' entries show only
their skeleton. Entries written before the format-2 chain (format 1) carry no tags in the
skeleton: the office's format-1 entries in the bundle are checked against their hashes and
places, but that none of them was left out is proved only by ``manage.py verify_audit`` on
the agency's own log; their count is printed. ``--head SEQUENCE:HASH`` (repeatable) checks
that the skeleton runs through a head written down earlier, at that number with that hash.

Formats only move forward: entries before the cut-over are format 1, every entry from the
first format-2 one on is format 2, and no other format exists. A skeleton line claiming
format 1 after a format-2 line, or any other format, fails: otherwise a forger could turn
one of the office's format-2 lines into a format-1 line (whose completeness the bundle
cannot prove) and drop its body. The manifest records the cut-over (``chain_cutover``, the
number of the first format-2 entry) and the verifier checks the skeleton switches there;
since the manifest is not signed, ``--cutover N`` (as ``manage.py audit_head`` prints it,
written down with the head) pins it: every line before #N must be format 1 and every line
from #N on format 2.

Known, accepted disclosure: the skeleton shows, for every office, each entry's action kind
(such as ``complaints.identity_read``), exact time, office code, fiscal year and
confidential flag. It shows no body: no actor, no object, no changes, no reason, no name.

Exit status 0 when everything holds; 1, naming each item that fails.
"""

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

GENESIS = "0" * 64
FORMAT_2 = 2

# What a format-2 entry's hash covers (its "header"); the body is covered by its hash.
HEADER_KEYS = (
    "format",
    "sequence",
    "prev_hash",
    "created_at",
    "unit_code",
    "fiscal_year",
    "confidential",
    "action",
    "body_hash",
)
BODY_KEYS = (
    "actor_id",
    "actor_label",
    "object_type",
    "object_id",
    "object_label",
    "unit_id",
    "changes",
    "reason",
    "nonce",
)


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def entry_hash(payload: dict) -> str:
    """The hash of a format-1 entry: of its whole payload."""
    return hashlib.sha256(canonical(payload)).hexdigest()


def body_hash(body: dict) -> str:
    """The hash of a format-2 entry's body (who, what object, what changed, why)."""
    return hashlib.sha256(canonical({key: body.get(key) for key in BODY_KEYS})).hexdigest()


def header_hash(header: dict) -> str:
    """The hash of a format-2 entry: of its header, which holds its body's hash."""
    return hashlib.sha256(canonical({key: header.get(key) for key in HEADER_KEYS})).hexdigest()


class Bundle:
    """Files of a bundle, from a ZIP archive or an unpacked directory."""

    def __init__(self, location: Path):
        self.zip = zipfile.ZipFile(location) if location.is_file() else None
        self.root = location

    def open(self, name: str):
        """A binary file object, or None when the bundle lacks the file."""
        try:
            if self.zip:
                return self.zip.open(name)
            return (self.root / name).open("rb")
        except (KeyError, FileNotFoundError, IsADirectoryError):
            return None

    def read(self, name: str) -> bytes | None:
        handle = self.open(name)
        if handle is None:
            return None
        with handle:
            return handle.read()

    def digest(self, name: str) -> tuple[str, int] | None:
        """``(sha256, size)`` of a file, read in chunks."""
        handle = self.open(name)
        if handle is None:
            return None
        sha, size = hashlib.sha256(), 0
        with handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                sha.update(chunk)
                size += len(chunk)
        return sha.hexdigest(), size

    def lines(self, name: str):
        """The JSON lines of a file, one at a time."""
        handle = self.open(name)
        if handle is None:
            return
        with handle, io.TextIOWrapper(handle, encoding="utf-8") as text:
            for line in text:
                if line.strip():
                    yield json.loads(line)


def check_files(bundle: Bundle, manifest: dict, evidence: list, failures: list) -> None:
    for item in manifest.get("files", []):
        found = bundle.digest(item["path"])
        if found is None:
            failures.append(f"file {item['path']}: missing")
        elif found[0] != item["sha256"]:
            failures.append(f"file {item['path']}: SHA-256 differs from the manifest")
    for item in evidence:
        if not item.get("path"):
            continue
        found = bundle.digest(item["path"])
        if found is not None and found[0] != item["sha256"]:
            failures.append(
                f"evidence item {item['id']} ({item['path']}): SHA-256 differs from the "
                "one recorded at upload"
            )


def check_body(line: dict, failures: list) -> None:
    """A shipped entry against its own hashes."""
    sequence = line.get("sequence")
    if line.get("format") == FORMAT_2:
        if body_hash(line) != line.get("body_hash"):
            failures.append(f"audit entry #{sequence}: altered (its body hash differs)")
        elif header_hash(line) != line.get("hash"):
            failures.append(f"audit entry #{sequence}: altered (hash differs)")
    else:
        payload = {key: value for key, value in line.items() if key != "hash"}
        if entry_hash(payload) != line.get("hash"):
            failures.append(f"audit entry #{sequence}: altered (hash differs)")


class Formats:
    """Formats only move forward: 1 up to the cut-over, 2 from it on, nothing else.
    ``written`` is the cut-over the auditor holds (``--cutover``), or None."""

    def __init__(self, written: int | None):
        self.written = written
        self.first_2 = None  # the number of the first format-2 line met

    def check(self, link: dict, failures: list) -> None:
        sequence, kind = link.get("sequence"), link.get("format")
        if kind not in (1, FORMAT_2):
            failures.append(f"audit entry #{sequence}: unknown chain format {kind!r}")
            return
        if kind == FORMAT_2 and self.first_2 is None:
            self.first_2 = sequence
        if kind == 1 and self.first_2 is not None:
            failures.append(
                f"audit entry #{sequence}: format 1 after format 2 began at #{self.first_2} "
                "(formats only move forward: a format-2 entry rewritten as format 1)"
            )
        if self.written is not None and isinstance(sequence, int):
            if kind == 1 and sequence >= self.written:
                failures.append(
                    f"audit entry #{sequence}: format 1, but the chain is format 2 from "
                    f"#{self.written} on (the cut-over written down)"
                )
            elif kind == FORMAT_2 and sequence < self.written:
                failures.append(
                    f"audit entry #{sequence}: format 2, but the chain is format 1 before "
                    f"#{self.written} (the cut-over written down)"
                )


def check_cutover(manifest: dict, formats: Formats, failures: list) -> None:
    """The cut-over the manifest records is where the skeleton switched to format 2."""
    if "chain_cutover" in manifest and manifest["chain_cutover"] != formats.first_2:
        failures.append(
            f"chain cut-over: manifest.json says format 2 from #{manifest['chain_cutover']}, "
            f"the chain switches at #{formats.first_2}"
        )


def verify(
    location: Path, report: list | None = None, written=(), cutover: int | None = None
) -> list[str]:
    """The failures found, each naming its item; empty when the bundle holds. ``report``,
    when given, receives the lines that say what was proved; ``written`` holds
    ``(sequence, hash)`` heads written down earlier that the chain must run through;
    ``cutover``, the number of the first format-2 entry as written down."""
    written = dict(written)
    report = [] if report is None else report
    bundle = Bundle(location)
    failures: list[str] = []
    manifest_bytes = bundle.read("manifest.json")
    if manifest_bytes is None:
        return ["manifest.json: missing"]
    manifest = json.loads(manifest_bytes)
    unit, year = manifest.get("unit"), manifest.get("fiscal_year")
    head = manifest.get("chain_head", {})

    # 1. Files.
    evidence = json.loads(bundle.read("evidence.json") or b"[]")
    check_files(bundle, manifest, evidence, failures)

    # 3 (first half). The shipped bodies against their own hashes.
    shipped = {}
    for line in bundle.lines("audit/entries.jsonl"):
        check_body(line, failures)
        shipped[line.get("sequence")] = line

    # 2. The skeleton, streamed: links, format-2 hashes, places, completeness.
    expected, previous, broken = 1, GENESIS, False
    withheld = legacy = 0
    placed = set()
    written_cutover, cutover = cutover, Formats(cutover)
    for link in bundle.lines("audit/chain.jsonl"):
        sequence = link.get("sequence")
        cutover.check(link, failures)
        if not broken and sequence != expected:
            failures.append(
                f"audit entry #{expected}: missing from the chain (removed or reordered)"
            )
            broken = True
        if not broken and link.get("prev_hash") != previous:
            failures.append(
                f"audit entry #{sequence}: does not follow #{expected - 1} "
                "(an entry was removed, altered or reordered)"
            )
            broken = True
        if link.get("format") == FORMAT_2:
            if header_hash(link) != link.get("hash"):
                failures.append(f"audit entry #{sequence}: skeleton altered (hash differs)")
            office_entry = link.get("unit_code") == unit and link.get("fiscal_year") == year
            if office_entry and link.get("confidential"):
                withheld += 1
            elif office_entry and sequence not in shipped:
                failures.append(
                    f"audit entry #{sequence}: an entry of office {unit} for {year} is not in "
                    "the bundle (incomplete)"
                )
        else:
            legacy += 1
        if sequence in written and written.pop(sequence) != link.get("hash"):
            failures.append(f"audit entry #{sequence}: not the head written down (rewritten)")
        body = shipped.get(sequence)
        if body is not None:
            placed.add(sequence)
            keys = HEADER_KEYS if link.get("format") == FORMAT_2 else ("prev_hash",)
            if body.get("format", 1) != link.get("format") or any(
                body.get(key) != link.get(key) for key in (*keys, "hash")
            ):
                failures.append(f"audit entry #{sequence}: not in the chain at its place")
            elif link.get("format") == FORMAT_2 and (
                link.get("confidential")
                or link.get("unit_code") != unit
                or link.get("fiscal_year") != year
            ):
                failures.append(
                    f"audit entry #{sequence}: in the bundle but not an entry of office "
                    f"{unit} for {year}"
                )
        previous, expected = link.get("hash"), expected + 1
    for sequence in sorted(written):
        failures.append(f"audit entry #{sequence}: the head written down is not in the chain")
    for sequence in sorted(set(shipped) - placed, key=str):
        failures.append(f"audit entry #{sequence}: not in the chain at its place")
    if (expected - 1, previous) != (head.get("sequence"), head.get("hash")):
        failures.append("chain head: the chain does not end at the head in manifest.json")

    # 5. Evidence against the log.
    recorded = {}
    for entry in shipped.values():
        if entry.get("object_type") == "tracking.evidenceitem":
            sha = (entry.get("changes") or {}).get("sha256")
            if sha:
                recorded[entry["object_id"]] = sha[1]
    for item in evidence:
        sha = recorded.get(str(item["id"]))
        if sha and sha != item.get("sha256"):
            failures.append(
                f"evidence item {item['id']}: SHA-256 differs from the one in the audit log"
            )

    check_cutover(manifest, cutover, failures)

    report.append(f"office {unit}, fiscal year {year}: {len(shipped)} entries in the bundle")
    report.append(f"withheld by rule (confidential): {withheld} entries of the office")
    if legacy:
        report.append(
            f"format-1 entries in the chain: {legacy} (their completeness is proved by "
            "verify_audit at the office, not by this bundle)"
        )
    report.append(
        f"chain head #{head.get('sequence')} {head.get('hash')}: compare it with the head "
        "the office wrote down"
    )
    if written_cutover is None:
        report.append(
            f"format 2 from entry #{cutover.first_2} on: compare it with the cut-over the "
            "office wrote down (or pass --cutover)"
        )
    return failures


def main(argv: list[str]) -> int:
    arguments, written, cutover = list(argv[1:]), [], None
    usage = "usage: verify.py [BUNDLE] [--head SEQUENCE:HASH]... [--cutover SEQUENCE]"
    if "--cutover" in arguments:
        at = arguments.index("--cutover")
        value = arguments[at + 1] if at + 1 < len(arguments) else ""
        del arguments[at : at + 2]
        if not value.isdigit() or int(value) < 1:
            print(usage)
            return 2
        cutover = int(value)
    while "--head" in arguments:
        at = arguments.index("--head")
        value = arguments[at + 1] if at + 1 < len(arguments) else ""
        del arguments[at : at + 2]
        sequence, _, hash_ = value.partition(":")
        if not sequence.isdigit() or len(hash_) != 64:
            print(usage)
            return 2
        written.append((int(sequence), hash_.lower()))
    location = Path(arguments[0]) if arguments else Path(__file__).resolve().parent
    report: list[str] = []
    failures = verify(location, report, written, cutover)
    for line in report:
        print(line)
    for failure in failures:
        print("FAIL", failure)
    if failures:
        return 1
    print("OK: files, evidence hashes, the audit chain and the office's entries all verify.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
