"""Pre- and post-test results of offices and their people, computed in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Max, Q

from saisaat.knowledge.models import Attempt, Test
from saisaat.orgs.models import StaffMember, Unit
from saisaat.plans.metrics import percent

KINDS = (Test.Kind.PRE, Test.Kind.POST)


@dataclass
class KindFigures:
    """One kind of test (pre or post) in one office: who sat it and how they did."""

    sat: int = 0
    passed: int = 0
    mean: Decimal | None = None

    @property
    def pass_share(self) -> Decimal | None:
        return percent(self.passed, self.sat) if self.sat else None


@dataclass
class OfficeResults:
    office: Unit
    kinds: dict[str, KindFigures] = field(default_factory=dict)

    @property
    def pre(self) -> KindFigures:
        return self.kinds[Test.Kind.PRE]

    @property
    def post(self) -> KindFigures:
        return self.kinds[Test.Kind.POST]

    @property
    def change(self) -> Decimal | None:
        if self.pre.mean is None or self.post.mean is None:
            return None
        return self.post.mean - self.pre.mean


@dataclass
class PersonResults:
    staff: StaffMember
    pre: Decimal | None = None
    post: Decimal | None = None
    passed: bool = False


def _rounded(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)


def submitted(offices: list[Unit], fiscal_year: int):
    return Attempt.objects.filter(
        test__unit__in=offices, test__fiscal_year=fiscal_year, submitted_at__isnull=False
    )


def office_results(offices: list[Unit], fiscal_year: int) -> list[OfficeResults]:
    """Per office, the mean score and pass share of the pre-tests and the post-tests."""
    rows = (
        submitted(offices, fiscal_year)
        .order_by()
        .values("test__unit_id", "test__kind")
        .annotate(sat=Count("pk"), passed=Count("pk", filter=Q(passed=True)), mean=Avg("percent"))
    )
    found = {(row["test__unit_id"], row["test__kind"]): row for row in rows}
    results = []
    for office in offices:
        figures = OfficeResults(office)
        for kind in KINDS:
            row = found.get((office.pk, kind))
            figures.kinds[kind] = (
                KindFigures(row["sat"], row["passed"], _rounded(row["mean"]))
                if row
                else KindFigures()
            )
        results.append(figures)
    return results


def person_results(offices: list[Unit], fiscal_year: int) -> list[PersonResults]:
    """Per person of the offices' active staff, the best pre- and post-test score of the
    year (an office may set more than one of each) and whether any attempt passed."""
    rows = (
        submitted(offices, fiscal_year)
        .order_by()
        .values("staff_id", "test__kind")
        .annotate(best=Max("percent"), passed=Count("pk", filter=Q(passed=True)))
    )
    scores: dict[int, dict] = {}
    for row in rows:
        person = scores.setdefault(row["staff_id"], {"passed": False})
        person[row["test__kind"]] = _rounded(row["best"])
        person["passed"] |= row["passed"] > 0
    staff = (
        StaffMember.objects.filter(unit__in=offices, is_active=True)
        .select_related("unit")
        .order_by("unit__code", "first_name", "last_name")
    )
    return [
        PersonResults(
            person,
            scores.get(person.pk, {}).get(Test.Kind.PRE),
            scores.get(person.pk, {}).get(Test.Kind.POST),
            scores.get(person.pk, {}).get("passed", False),
        )
        for person in staff
    ]
