"""From assessors' scores to one result per office, ranked: pure functions, no database.

1. Each assessor's score of a criterion is normalised to 0..1 of the criterion's maximum.
2. Per office and criterion, the mean over the assessors who scored it; a criterion nobody
   scored counts as 0 (the office is then marked incomplete).
3. The framework's rule: a weighted mean (Σ weight × mean / Σ weight, × 100, so 0–100) or a
   sum of points (Σ weight × mean × maximum). Sections are computed by the same rule over
   their own criteria.
4. An office with a section below that section's minimum is not eligible.
5. Ranking: eligible offices first, by score; on equal scores, the higher score in the
   first section listed, then in the next, and so on; offices still equal share a rank
   (1, 1, 3). Offices not eligible follow, ranked the same way among themselves.

Arithmetic is exact (fractions), so equal scores are equal and never differ in the last
decimal place; figures are rounded to two places only for display.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

WEIGHTED_MEAN = "weighted_mean"
SUM = "sum"


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    section: str
    max_points: int
    weight: Fraction | Decimal | int = 1


@dataclass(frozen=True)
class SectionSpec:
    code: str
    minimum: Decimal | None = None


@dataclass
class UnitResult:
    unit: object
    score: Fraction
    sections: dict[str, Fraction]
    # Per section, its share of what it could have been (0..1): the radar chart's radius.
    shares: dict[str, Fraction]
    eligible: bool
    complete: bool
    below_minimum: list[str] = field(default_factory=list)
    rank: int | None = None

    @property
    def score_display(self) -> Decimal:
        return as_decimal(self.score)

    def section_display(self, code: str) -> Decimal:
        return as_decimal(self.sections[code])


def as_decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


def criterion_means(
    criteria: list[CriterionSpec], points: dict[tuple[object, int], list]
) -> dict[tuple[object, int], Fraction]:
    """``{(unit, criterion id): mean share 0..1}`` from ``{(unit, criterion id): [points of
    each assessor]}``."""
    by_id = {c.id: c for c in criteria}
    means = {}
    for (unit, criterion_id), values in points.items():
        if not values or criterion_id not in by_id:
            continue
        top = by_id[criterion_id].max_points
        shares = [Fraction(Decimal(str(v))) / top for v in values]
        means[unit, criterion_id] = sum(shares, Fraction(0)) / len(shares)
    return means


def _combine(rule: str, criteria: list[CriterionSpec], shares: dict[int, Fraction]):
    """The rule over ``criteria`` with ``shares`` (criterion id -> 0..1): the result and
    its share of the best possible result."""
    weights = {c.id: Fraction(Decimal(str(c.weight))) for c in criteria}
    if rule == WEIGHTED_MEAN:
        total = sum(weights.values(), Fraction(0))
        if not total:
            return Fraction(0), Fraction(0)
        mean = sum((weights[c.id] * shares.get(c.id, 0) for c in criteria), Fraction(0)) / total
        return mean * 100, mean
    if rule == SUM:
        best = sum((weights[c.id] * c.max_points for c in criteria), Fraction(0))
        got = sum(
            (weights[c.id] * c.max_points * shares.get(c.id, 0) for c in criteria), Fraction(0)
        )
        return got, (got / best if best else Fraction(0))
    raise ValueError(f"unknown aggregation rule {rule!r}")


def aggregate(
    rule: str,
    sections: list[SectionSpec],
    criteria: list[CriterionSpec],
    units: list,
    points: dict[tuple[object, int], list],
) -> list[UnitResult]:
    """Every office's result, ranked (see the module's docstring)."""
    means = criterion_means(criteria, points)
    results = []
    for unit in units:
        shares = {c.id: means[unit, c.id] for c in criteria if (unit, c.id) in means}
        score, _share = _combine(rule, criteria, shares)
        section_scores, section_shares, below = {}, {}, []
        for section in sections:
            own = [c for c in criteria if c.section == section.code]
            value, share = _combine(rule, own, shares)
            section_scores[section.code] = value
            section_shares[section.code] = share
            if section.minimum is not None and value < Fraction(Decimal(str(section.minimum))):
                below.append(section.code)
        results.append(
            UnitResult(
                unit=unit,
                score=score,
                sections=section_scores,
                shares=section_shares,
                eligible=not below,
                complete=len(shares) == len(criteria),
                below_minimum=below,
            )
        )
    return rank(results, [s.code for s in sections])


def rank(results: list[UnitResult], section_order: list[str]) -> list[UnitResult]:
    """Sorts ``results`` and sets their ranks: eligible first, then by score, then by the
    sections in order; equal keys share a rank and the next rank skips (1, 1, 3)."""

    def key(result):
        return (result.score, *(result.sections[code] for code in section_order))

    ordered = sorted(results, key=lambda r: (not r.eligible, *(-k for k in key(r))))
    previous = None
    for position, result in enumerate(ordered, start=1):
        current = (result.eligible, key(result))
        result.rank = previous[1] if previous and previous[0] == current else position
        previous = (current, result.rank)
    return ordered
