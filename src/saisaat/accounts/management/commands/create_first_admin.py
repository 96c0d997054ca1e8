"""``manage.py create_first_admin``: the first department administrator, without a shell.

Every two-person rule needs a department administrator to confirm, and the admin site
cannot make one (``orgs.roles.grants_approver_role``): an installation starts here. The
command refuses once an active department administrator exists (``--force`` adds
another, e.g. the second person the rules need), reads the password from
SAISAAT_FIRST_ADMIN_PASSWORD or asks for it twice without echo, checks it against the
password rules and writes an audit entry (never the password).
"""

import getpass
import os
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from saisaat.audit import services as audit
from saisaat.orgs.models import Unit, User

PASSWORD_VARIABLE = "SAISAAT_FIRST_ADMIN_PASSWORD"
ACTOR = "manage.py create_first_admin"
FIELDS = ["username", "first_name", "last_name", "email", "unit", "role", "is_staff"]
FIELDS += ["is_superuser", "is_active"]


def department_administrators():
    return User.objects.filter(
        is_active=True, role=User.Role.ADMINISTRATOR, unit__kind=Unit.Kind.DEPARTMENT
    )


class Command(BaseCommand):
    help = "Create the first department administrator (refused once one exists)."

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--email", required=True, help="Where a sign-in reset sends its password link."
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--department-code", default="00", help="Code of the department unit (default 00)."
        )
        parser.add_argument(
            "--department-name",
            default="",
            help="Creates the department unit with this name if none has the code yet.",
        )
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help="Do not give the admin site's full rights (given by default, to load units).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add another department administrator although one exists.",
        )

    def handle(self, *args, **options):
        existing = department_administrators()
        if existing.exists() and not options["force"]:
            raise CommandError(
                f"A department administrator already exists ({existing.count()}); new ones "
                "are proposed and confirmed in the app. Use --force to add one anyway."
            )
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"The username {options['username']!r} is taken.")
        password = self.read_password()
        with transaction.atomic():
            department = self.department(options)
            user = User(
                username=options["username"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                unit=department,
                role=User.Role.ADMINISTRATOR,
                is_staff=True,
                is_superuser=not options["no_superuser"],
            )
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
            user.save()
            audit.record(
                ACTOR,
                "accounts.first_admin_created",
                user,
                changes=audit.created(user, FIELDS),
                unit=department,
                reason="forced: another department administrator existed"
                if existing.exists()
                else "",
            )
        self.stdout.write(
            f"Created department administrator {user.username} at {department.name_th}. "
            "They enrol an authenticator at their first sign-in."
        )

    def read_password(self) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(f"Set {PASSWORD_VARIABLE} or run the command in a terminal.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first

    def department(self, options) -> Unit:
        code = options["department_code"]
        unit = Unit.objects.filter(code=code).first()
        if unit is not None:
            if unit.kind != Unit.Kind.DEPARTMENT:
                raise CommandError(f"Unit {code} is not the department.")
            return unit
        if not options["department_name"]:
            raise CommandError(
                f"No unit has code {code}: give --department-name to create the department."
            )
        unit = Unit.objects.create(
            code=code, kind=Unit.Kind.DEPARTMENT, name_th=options["department_name"]
        )
        audit.record(
            ACTOR,
            "orgs.unit_created",
            unit,
            changes=audit.created(unit, ["code", "kind", "name_th"]),
            unit=unit,
        )
        return unit
