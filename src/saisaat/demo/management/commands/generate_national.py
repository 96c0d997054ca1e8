from django.core.management.base import BaseCommand, CommandError

from saisaat.demo.national import (
    MAX_PROVINCES,
    SOURCE_FISCAL_YEAR,
    AlreadyGenerated,
    generate_national,
)


class Command(BaseCommand):
    help = (
        "Build a synthetic department-scale data set for load tests: provincial offices "
        "901..9NN, their district offices and staff, the source plan imported and published "
        "in each, statuses and evidence. Stops (successfully) if it was already generated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--provinces", type=int, default=76, help=f"provincial offices, 1-{MAX_PROVINCES}"
        )
        parser.add_argument(
            "--districts-per-province",
            type=float,
            default=11.5,
            help=(
                "average district offices per province; the total is provinces x average "
                "rounded half up (76 x 11.5 = 874; the country has about 878)"
            ),
        )
        parser.add_argument(
            "--evidence-per-assignment",
            type=float,
            default=4.5,
            help="average evidence items on each started assignment (not-started get none)",
        )
        parser.add_argument(
            "--year",
            type=int,
            default=SOURCE_FISCAL_YEAR,
            help="Buddhist-era fiscal year (the last one when --years is more than 1)",
        )
        parser.add_argument(
            "--years",
            type=int,
            default=1,
            help="fiscal years ending with --year, each with its own plan per province",
        )
        parser.add_argument("--seed", type=int, default=1, help="seed of the status draw")

    def handle(self, *args, **options):
        try:
            counts = generate_national(
                provinces=options["provinces"],
                districts_per_province=options["districts_per_province"],
                evidence_per_assignment=options["evidence_per_assignment"],
                fiscal_year=options["year"],
                years=options["years"],
                seed=options["seed"],
                progress=self.stdout.write,
            )
        except AlreadyGenerated as exists:
            self.stdout.write(f"Already generated, nothing to do ({exists}).")
            return
        except ValueError as error:
            raise CommandError(str(error)) from None
        statuses = ", ".join(f"{status} {n}" for status, n in sorted(counts.statuses.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {counts.provinces} provinces, {counts.districts} districts, "
                f"{counts.users} users, {counts.plans} plans, {counts.assignments} assignments, "
                f"{counts.evidence} evidence items in {counts.seconds:.1f} s"
            )
        )
        self.stdout.write(f"Statuses: {statuses}")
