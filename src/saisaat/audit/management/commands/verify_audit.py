from django.core.management.base import BaseCommand, CommandError

from saisaat.audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Walk the audit chain from the first entry to the head; exit 0 when it is intact, "
        "1 naming the first entry that was altered, removed or reordered."
    )

    def handle(self, *args, **options):
        checked, problem = verify_chain()
        if problem:
            raise CommandError(f"Audit chain broken after {checked} good entries: {problem}")
        from saisaat.audit.models import ChainHead

        head = ChainHead.objects.filter(pk=1).first()
        head_hash = head.hash if head else ""
        self.stdout.write(f"Audit chain intact: {checked} entries, head {head_hash}")
