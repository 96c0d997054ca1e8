"""Write a draft announcement (ประกาศ) or appointment order (คำสั่ง) of an office as PDF or DOCX.

    manage.py draft_document order --unit 43 --year 2566 --title TEXT \\
        --members USERNAME,... --format pdf --out PATH
    manage.py draft_document announcement --unit 43 --year 2566 --title TEXT \\
        --body TEXT --format docx --out PATH

A draft takes no number: it prints ``ที่ ..../<year>`` and a dotted date in ``<year>`` for the
office to fill when it is issued (in the app, issuing takes the next number of the office's
order or announcement series). The committee of an order comes from the staff registry, in
the order given: the first is its chair, the last (of three or more) its secretary, the
others members, unless ``--roles`` says otherwise.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saisaat.documents.correspondence import default_emblem_path
from saisaat.documents.models import CommitteeMember
from saisaat.documents.official import (
    ANNOUNCEMENT,
    ORDER,
    MemberLine,
    OfficialContent,
    render_official_docx,
    render_official_pdf,
)
from saisaat.documents.services import signer_of
from saisaat.orgs.models import StaffMember, Unit, User

ROLES = CommitteeMember.Role.values


def default_roles(count: int) -> list[str]:
    roles = [CommitteeMember.Role.MEMBER] * count
    if count:
        roles[0] = CommitteeMember.Role.CHAIR
    if count >= 3:
        roles[-1] = CommitteeMember.Role.SECRETARY
    return [str(role) for role in roles]


def order_body(unit: Unit, title: str, year: int) -> str:
    return (
        f"เพื่อให้การดำเนินงานตามแผนปฏิบัติการส่งเสริมคุณธรรม จริยธรรม และความโปร่งใส"
        f" ของ{unit.name_th} ประจำปีงบประมาณ พ.ศ. {year} เป็นไปด้วยความเรียบร้อย"
        f" มีประสิทธิภาพ จึง{title} ประกอบด้วย"
    )


class Command(BaseCommand):
    help = "Write a draft announcement or appointment order of an office (PDF or DOCX)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[ORDER, ANNOUNCEMENT])
        parser.add_argument("--unit", required=True, help="unit code, e.g. 43")
        parser.add_argument(
            "--year", type=int, required=True, help="Buddhist-era year printed, e.g. 2566"
        )
        parser.add_argument("--title", required=True, help="the subject after เรื่อง")
        parser.add_argument("--members", default="", help="an order's committee: USERNAME,...")
        parser.add_argument("--roles", default="", help=f"one per member: {', '.join(ROLES)}")
        parser.add_argument(
            "--body", default="", help="the text (paragraphs split by a blank line)"
        )
        parser.add_argument("--duties", default="", help="an order's duties of the committee")
        parser.add_argument("--effective", default="บัดนี้เป็นต้นไป", help="after ทั้งนี้ ตั้งแต่")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf")
        parser.add_argument("--out", required=True, help="file to write")
        parser.add_argument("--arabic-digits", action="store_true")

    def handle(self, *args, **options):
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"No unit with code {options['unit']!r}.")
        if not 2400 <= options["year"] <= 2700:
            raise CommandError("--year is a Buddhist-era year, such as 2566.")
        kind = options["kind"]
        members = self._members(unit, options) if kind == ORDER else []
        if kind == ANNOUNCEMENT and not options["body"].strip():
            raise CommandError("An announcement needs its text: --body TEXT.")
        body = options["body"].strip() or order_body(unit, options["title"], options["year"])
        head = (
            User.objects.filter(unit=unit, role=User.Role.APPROVER, is_active=True)
            .order_by("pk")
            .first()
        )
        name, position = signer_of(head) if head else ("", "")
        content = OfficialContent(
            kind=kind,
            office=unit.name_th,
            title=options["title"].strip(),
            paragraphs=[p.strip() for p in body.split("\n\n") if p.strip()],
            duties=[p.strip() for p in options["duties"].split("\n\n") if p.strip()],
            effective=options["effective"],
            signer_name=name,
            signer_position=position,
            year=options["year"],
            members=members,
            thai_digits=not options["arabic_digits"],
            emblem_path=default_emblem_path(),
        )
        render = render_official_pdf if options["format"] == "pdf" else render_official_docx
        Path(options["out"]).write_bytes(render(content))
        self.stdout.write(f"Wrote {options['out']}")

    def _members(self, unit: Unit, options) -> list[MemberLine]:
        usernames = [name.strip() for name in options["members"].split(",") if name.strip()]
        if not usernames:
            raise CommandError("An order names its committee: --members USERNAME,...")
        roles = [role.strip() for role in options["roles"].split(",") if role.strip()]
        roles = roles or default_roles(len(usernames))
        if len(roles) != len(usernames) or not set(roles) <= set(ROLES):
            raise CommandError(f"Give one role per member, each one of: {', '.join(ROLES)}.")
        staff = {
            s.user.username: s
            for s in StaffMember.objects.filter(
                user__username__in=usernames, unit__in=Unit.objects.within(unit)
            ).select_related("user")
        }
        missing = [name for name in usernames if name not in staff]
        if missing:
            raise CommandError(
                f"Not on the staff registry of unit {unit.code}: {', '.join(missing)}."
            )
        return [
            MemberLine(str(staff[name]), staff[name].position, role)
            for name, role in zip(usernames, roles, strict=True)
        ]
