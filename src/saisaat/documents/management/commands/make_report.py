"""Produce a report without the web UI, e.g. from cron at the end of a quarter:

python manage.py make_report quarterly --unit 43 --year 2566 --quarter 2 --format pdf --out q2.pdf

A PDF or DOCX memo is issued: it takes the office's next number (``ที่ นค 0016.1/7`` for
district 4301) and is kept in the office's memo list, signed for by the office head, so no
other memo can get its number. ``--draft`` writes it with the number it would take, keeping
nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from saisaat.documents import exports, services
from saisaat.documents.kinds import quarterly_paragraphs, quarterly_subject
from saisaat.documents.memo import (
    MemoContent,
    default_emblem_path,
    render_memo_docx,
    render_memo_pdf,
)
from saisaat.documents.quarterly import NoPlan, build_quarterly_report
from saisaat.orgs.models import Unit, User
from saisaat.thai.calendar import to_buddhist_year


class Command(BaseCommand):
    help = "Generate the quarterly progress report of a unit or province as PDF, DOCX or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["quarterly"])
        parser.add_argument("--unit", required=True, help="unit code, e.g. 43")
        parser.add_argument("--year", type=int, required=True, help="fiscal year (B.E.), e.g. 2566")
        parser.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4])
        parser.add_argument("--format", choices=["pdf", "docx", "xlsx"], default="pdf")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument(
            "--arabic-digits", action="store_true", help="Arabic instead of Thai digits"
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="write the memo with the number it would take, without issuing it",
        )

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).select_related("parent").first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        try:
            report = build_quarterly_report(unit, options["year"], options["quarter"])
        except NoPlan:
            raise CommandError(
                f"Unit {unit.code} has no plan for fiscal year {options['year']}."
            ) from None
        if options["format"] == "xlsx":
            data = exports.quarterly_xlsx(report)
        else:
            today = timezone.localdate()
            director = (
                User.objects.filter(unit=unit, role=User.Role.APPROVER).order_by("pk").first()
                or User.objects.filter(unit=unit.province or unit, role=User.Role.APPROVER)
                .order_by("pk")
                .first()
            )
            name, position = services.signer_of(director) if director else ("", "")
            fields = services.MemoFields(
                number="",
                date=today,
                office=unit.name_th,
                subject=quarterly_subject(report),
                recipient=services.default_recipient(unit),
                body="\n\n".join(quarterly_paragraphs(report)),
                signer_name=name,
                signer_position=position,
                thai_digits=not options["arabic_digits"],
            )
            if options["draft"] or director is None:
                content = MemoContent(
                    office=fields.office,
                    number=services.propose_number(unit, to_buddhist_year(today.year)),
                    date=today,
                    subject=fields.subject,
                    recipient=fields.recipient,
                    paragraphs=quarterly_paragraphs(report),
                    signer_name=name,
                    signer_position=position,
                    thai_digits=fields.thai_digits,
                    emblem_path=default_emblem_path(),
                )
                render = render_memo_pdf if options["format"] == "pdf" else render_memo_docx
                data = render(content)
                if director is None:
                    self.stderr.write("No office head to sign for the memo: written as a draft.")
            else:
                memo = services.create_memo(
                    unit=unit,
                    kind="quarterly",
                    fields=fields,
                    acting_user=director,
                    parameters={
                        "unit": unit.code,
                        "year": options["year"],
                        "quarter": options["quarter"],
                    },
                )
                stored = memo.pdf if options["format"] == "pdf" else memo.docx
                with stored.open("rb") as handle:
                    data = handle.read()
                self.stdout.write(f"memo {memo.number} ({memo.get_absolute_url()})")
        out = Path(options["out"])
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error}") from None
        self.stdout.write(f"{out} ({len(data)} bytes)")
