"""``manage.py audit_head``: the audit chain's head, to write down outside the system.

An office copies the line into its quarterly memo or a paper register. Later, both
``manage.py verify_audit --at SEQUENCE:HASH`` and a proof bundle's
``python verify.py --head SEQUENCE:HASH --cutover N`` check that the chain still runs through that
entry with that hash: a log rewritten after the head was written down cannot pass. The
line also gives the cut-over, the number of the first format-2 entry: it never moves, and
with it a bundle's verifier refuses a format-2 entry passed off as format 1.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from saisaat.audit.bundle import cutover
from saisaat.audit.chain import GENESIS
from saisaat.audit.models import ChainHead


class Command(BaseCommand):
    help = "Print the audit chain's head (entry number and hash) to write down in a memo."

    def handle(self, *args, **options):
        head = ChainHead.objects.filter(pk=1).first()
        sequence, hash_ = (head.sequence, head.hash) if head else (0, GENESIS)
        now = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
        first_2 = cutover()
        switch = f"format 2 from #{first_2}" if first_2 else "no format-2 entry yet"
        self.stdout.write(f"audit chain head #{sequence} {hash_} ({switch}; at {now})")
