from django.core.management.base import BaseCommand

from saisaat.demo.province import (
    DEMO_LOGINS,
    DEMO_PASSWORD,
    DEPARTMENT_LOGIN,
    seed_current_year,
    seed_demo_province,
)


class Command(BaseCommand):
    help = "Build the Nong Khai demo province with its staff and FY2566 plan. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="do not list the logins")
        parser.add_argument(
            "--no-current-year",
            action="store_true",
            help="only FY2566, without the plan re-based to today's fiscal year",
        )

    def handle(self, *args, quiet_logins=False, no_current_year=False, **options):
        result = seed_demo_province()
        plan = result["plan"]
        self.stdout.write(
            f"จังหวัดสาธิต: {plan.owner_unit.name_th} — แผน {plan.fiscal_year} "
            f"(new accounts: {result['users_created']}, plan changed: {result['plan_changed']}, "
            f"new assignments: {result['assignments_created']})"
        )
        current = {} if no_current_year else seed_current_year(plan.owner_unit)
        if current:
            self.stdout.write(
                f"  แผน {current['plan'].fiscal_year} (the source plan re-based to today's"
                f" fiscal year): new assignments: {current['assignments_created']},"
                f" progress: {current['assignments']}"
            )
        for area, figures in result["areas"].items():
            summary = ", ".join(
                f"{key}: {value}" for key, value in figures.items() if isinstance(value, int | str)
            )
            self.stdout.write(f"  {area}: {summary}")
        if quiet_logins:
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in [*DEMO_LOGINS, DEPARTMENT_LOGIN]:
            self.stdout.write(f"  {login.username:<14} {login.description}")
