#!/usr/bin/env python3
"""Check a Saisaat proof bundle offline (Python 3.10+, standard library only).

    python verify.py                 # the bundle this script was unpacked with
    python verify.py bundle.zip      # or a bundle as a ZIP file or a directory

What it checks, and so what a pass proves:
1. Every file listed in manifest.json has the SHA-256 the manifest gives, and every
   evidence file has the SHA-256 Saisaat computed when it was uploaded (evidence.json).
2. Every audit entry of the office (audit/entries.jsonl) hashes to its stored hash: the
   hash covers all its fields and the previous entry's hash, so no field was edited.
3. The chain skeleton (audit/chain.jsonl: sequence, previous hash and hash of every entry
   of the whole log from the office's first entry to the head) is unbroken: the numbers
   run on without a gap and each entry names the hash of the one before. Each office entry
   sits in the skeleton at its own number with its own hash, and the skeleton ends at the
   chain head given in the manifest (compare it with the one the agency publishes;
   ``manage.py verify_audit`` prints it). The contents of other offices' entries are not
   in the bundle; their hashes are taken as given.
   What this does NOT prove yet: the skeleton holds each entry's hashes, not what a hash
   covers, so whoever builds a bundle could edit an office entry, recompute its hash and
   re-point the next link's previous hash, or leave an office entry out, and this check
   would still pass. Completeness and integrity of the office's entries are proved only
   against the agency's own log (``verify_audit``); a later chain format, in which each
   hash covers a body hash the skeleton carries, is to close this.
4. Where the log recorded an evidence item's SHA-256 when it was added, the file carries it.

Exit status 0 when everything holds; 1 naming each item that fails.
"""

import hashlib
import json
import sys
import zipfile
from pathlib import Path

GENESIS = "0" * 64


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def entry_hash(payload: dict) -> str:
    return hashlib.sha256(canonical(payload)).hexdigest()


class Bundle:
    """Files of a bundle, from a ZIP archive or an unpacked directory."""

    def __init__(self, location: Path):
        self.zip = zipfile.ZipFile(location) if location.is_file() else None
        self.root = location

    def names(self):
        if self.zip:
            return set(self.zip.namelist())
        return {str(p.relative_to(self.root)).replace("\\", "/") for p in self.root.rglob("*")}

    def read(self, name: str) -> bytes | None:
        try:
            if self.zip:
                return self.zip.read(name)
            return (self.root / name).read_bytes()
        except (KeyError, FileNotFoundError):
            return None


def _lines(data: bytes | None) -> list[dict]:
    if not data:
        return []
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]


def verify(location: Path) -> list[str]:
    """The failures found, each naming its item; empty when the bundle holds."""
    bundle = Bundle(location)
    failures: list[str] = []
    manifest_bytes = bundle.read("manifest.json")
    if manifest_bytes is None:
        return ["manifest.json: missing"]
    manifest = json.loads(manifest_bytes)

    # 1. Files.
    for item in manifest.get("files", []):
        data = bundle.read(item["path"])
        if data is None:
            failures.append(f"file {item['path']}: missing")
        elif hashlib.sha256(data).hexdigest() != item["sha256"]:
            failures.append(f"file {item['path']}: SHA-256 differs from the manifest")
    evidence = json.loads(bundle.read("evidence.json") or b"[]")
    for item in evidence:
        if not item.get("path"):
            continue
        data = bundle.read(item["path"])
        if data is not None and hashlib.sha256(data).hexdigest() != item["sha256"]:
            failures.append(
                f"evidence item {item['id']} ({item['path']}): SHA-256 differs from the "
                "one recorded at upload"
            )

    # 2. Entries.
    entries = _lines(bundle.read("audit/entries.jsonl"))
    by_sequence = {}
    for entry in entries:
        stored = entry.pop("hash", "")
        if entry_hash(entry) != stored:
            failures.append(f"audit entry #{entry.get('sequence')}: altered (hash differs)")
        by_sequence[entry.get("sequence")] = (entry, stored)

    # 3. Skeleton and head.
    skeleton = _lines(bundle.read("audit/chain.jsonl"))
    head = manifest.get("chain_head", {})
    previous = None
    for link in skeleton:
        if previous is not None:
            if link["sequence"] != previous["sequence"] + 1:
                failures.append(
                    f"audit entry #{previous['sequence'] + 1}: missing from the chain "
                    "(removed or reordered)"
                )
                break
            if link["prev_hash"] != previous["hash"]:
                failures.append(
                    f"audit entry #{link['sequence']}: does not follow #{previous['sequence']} "
                    "(an entry was removed, altered or reordered)"
                )
                break
        elif link["sequence"] == 1 and link["prev_hash"] != GENESIS:
            failures.append("audit entry #1: does not start the chain")
        previous = link
    if skeleton and (
        skeleton[-1]["sequence"] != head.get("sequence") or skeleton[-1]["hash"] != head.get("hash")
    ):
        failures.append("chain head: the chain does not end at the head in manifest.json")
    links = {link["sequence"]: link for link in skeleton}
    for sequence, (entry, stored) in sorted(by_sequence.items()):
        link = links.get(sequence)
        if link is None or link["hash"] != stored or link["prev_hash"] != entry.get("prev_hash"):
            failures.append(f"audit entry #{sequence}: not in the chain at its place")

    # 4. Evidence against the log.
    recorded = {}
    for entry, _stored in by_sequence.values():
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
    return failures


def main(argv: list[str]) -> int:
    location = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    failures = verify(location)
    for failure in failures:
        print("FAIL", failure)
    if failures:
        return 1
    print("OK: files, evidence hashes and the audit chain all verify.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
