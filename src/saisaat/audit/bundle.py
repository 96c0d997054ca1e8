"""The audit part of a proof bundle: one office's entries for one fiscal year, the chain
skeleton that places them in the whole log, the chain head and the offline verifier.

An office's entries are a subsequence of the global chain. The skeleton lists the
sequence number, previous hash and hash of every entry from the office's first entry to the
head (no other office's content), so the verifier can recompute each office entry, find it
at its place and follow the links to the head.
"""

import json
from pathlib import Path

from saisaat.audit.models import ChainHead, Entry

VERIFIER = Path(__file__).with_name("offline_verifier.py")


def _line(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_files(unit_ids, fiscal_year: int) -> tuple[dict[str, bytes], dict]:
    """``({path: content}, head)`` for the entries of ``unit_ids`` in ``fiscal_year``."""
    entries = list(
        Entry.objects.filter(
            unit_id__in=list(unit_ids), fiscal_year=fiscal_year, confidential=False
        ).order_by("sequence")
    )
    head = ChainHead.objects.filter(pk=1).first()
    head_data = {"sequence": head.sequence if head else 0, "hash": head.hash if head else ""}
    lines = [_line({**entry.payload(), "hash": entry.hash}) for entry in entries]
    skeleton = []
    if entries:
        rows = (
            Entry.objects.filter(sequence__gte=entries[0].sequence)
            .order_by("sequence")
            .values_list("sequence", "prev_hash", "hash")
        )
        skeleton = [
            _line({"sequence": s, "prev_hash": p, "hash": h}) for s, p, h in rows.iterator()
        ]
    files = {
        "audit/entries.jsonl": ("\n".join(lines) + "\n").encode("utf-8"),
        "audit/chain.jsonl": ("\n".join(skeleton) + "\n").encode("utf-8"),
        "verify.py": VERIFIER.read_bytes(),
    }
    return files, head_data
