"""``manage.py audit_head``: the audit chain's head, to write down outside the system.

An office copies the line into its quarterly memo or a paper register. Later, both
``manage.py verify_audit --at SEQUENCE:HASH`` and a proof bundle's
``python verify.py --head SEQUENCE:HASH`` check that the chain still runs through that
entry with that hash: a log rewritten after the head was written down cannot pass.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from saisaat.audit.chain import GENESIS
from saisaat.audit.models import ChainHead


class Command(BaseCommand):
    help = "Print the audit chain's head (entry number and hash) to write down in a memo."

    def handle(self, *args, **options):
        head = ChainHead.objects.filter(pk=1).first()
        sequence, hash_ = (head.sequence, head.hash) if head else (0, GENESIS)
        now = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
        self.stdout.write(f"audit chain head #{sequence} {hash_} (at {now})")
