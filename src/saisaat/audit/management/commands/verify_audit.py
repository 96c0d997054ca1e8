from django.core.management.base import BaseCommand, CommandError

from saisaat.audit.models import ChainHead, Entry
from saisaat.audit.published import check_published, read_saved_heads
from saisaat.audit.services import verify_chain


def _written_head(value: str) -> tuple[int, str]:
    sequence, _, hash_ = value.partition(":")
    if not sequence.isdigit() or len(hash_) != 64:
        raise CommandError("--at takes SEQUENCE:HASH, as audit_head prints them")
    return int(sequence), hash_.lower()


class Command(BaseCommand):
    help = (
        "Walk the audit chain from the first entry to the head; exit 0 when it is intact, "
        "1 naming the first entry that was altered, removed or reordered, or a chain head "
        "that is not the last entry."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            action="append",
            default=[],
            metavar="SEQUENCE:HASH",
            help="a head written down earlier (audit_head): the chain must still hold it",
        )
        parser.add_argument(
            "--published",
            action="store_true",
            help="the chain must still hold every head published (publish_chain_head)",
        )
        parser.add_argument(
            "--published-file",
            action="append",
            default=[],
            metavar="PATH",
            help="a saved copy of the portal's audit-chain.json: the chain must hold its heads",
        )

    def handle(self, *args, at, published=False, published_file=(), **options):
        written = [_written_head(value) for value in at]
        saved = []
        for path in published_file:
            try:
                with open(path, encoding="utf-8") as copy:
                    saved.extend(read_saved_heads(copy.read()))
            except (OSError, ValueError) as error:
                raise CommandError(f"{path}: {error}") from error
        checked, problem = verify_chain()
        if problem:
            raise CommandError(f"Audit chain broken after {checked} good entries: {problem}")
        for sequence, hash_ in written:
            found = Entry.objects.filter(sequence=sequence).values_list("hash", flat=True)
            if list(found) != [hash_]:
                raise CommandError(
                    f"Audit chain rewritten: entry #{sequence} is not the one written down "
                    f"({hash_[:12]}…)"
                )
        if published:
            mismatch = check_published()
            if mismatch:
                raise CommandError(f"Audit chain rewritten: {mismatch}")
        if published_file:
            mismatch = check_published(saved)
            if mismatch:
                raise CommandError(f"Audit chain rewritten: {mismatch} (saved copy)")
        head = ChainHead.objects.filter(pk=1).first()
        head_hash = head.hash if head else ""
        self.stdout.write(f"Audit chain intact: {checked} entries, head {head_hash}")
