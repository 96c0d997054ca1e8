"""Every change to an assessment round, audited; and the round's results.

A round moves draft -> open -> closed -> published and never back: scores are given only
while it is open, and its results are shown only once it is published (the managers of
the office running it see them from closing, to check them before publishing).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.assessments import aggregation, moral
from saisaat.assessments.models import (
    Criterion,
    Framework,
    Level,
    Round,
    Score,
    Section,
    round_manager,
)
from saisaat.audit import services as audit
from saisaat.audit.services import sealed
from saisaat.core.files import check_evidence_file
from saisaat.indicators.metrics import METRICS
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.plans.metrics import Metric, MetricValue, scope_for


class AssessmentError(ValidationError):
    """A change the round's rules refuse; the message is for the person who asked."""


# The only moves a round makes, and the service name of each in the audit log.
TRANSITIONS = {
    Round.Status.DRAFT: (Round.Status.OPEN, "assessments.round_opened"),
    Round.Status.OPEN: (Round.Status.CLOSED, "assessments.round_closed"),
    Round.Status.CLOSED: (Round.Status.PUBLISHED, "assessments.round_published"),
}
CENTS = Decimal("0.01")
PHOTO_TYPES = frozenset({"jpg", "png", "webp", "heic", "gif"})

ROUND_FIELDS = [
    *("framework", "unit", "fiscal_year", "quarter", "title", "opens_on", "closes_on", "status")
]
SCORE_FIELDS = ["round", "assessor", "unit", "criterion", "points", "level", "comment", "photo"]
SCORE_KEY_FIELDS = ["round", "assessor", "unit", "criterion"]


def _owner(round_: Round) -> dict:
    return {"unit": round_.unit_id, "fiscal_year": round_.fiscal_year}


# ---------------------------------------------------------------------------- rounds


@transaction.atomic
def create_round(
    framework: Framework,
    unit: Unit,
    *,
    fiscal_year: int,
    title: str,
    opens_on: date,
    closes_on: date,
    assessed_units,
    assessors,
    quarter: int | None = None,
    acting_user: User | None = None,
) -> Round:
    """A draft round of ``framework`` run by ``unit``, its managers' to create (of one
    quarter of the fiscal year, for the quarterly 5S inspections)."""
    require_manager(acting_user, unit)
    if closes_on < opens_on:
        raise AssessmentError(_("A round closes on or after the day it opens."))
    assessed_units, assessors = list(assessed_units), list(assessors)
    outside = [u for u in assessed_units if u.pk != unit.pk and u.parent_id != unit.pk]
    if outside:
        raise AssessmentError(
            _("An office can assess only itself and the offices directly below it.")
        )
    # Locked so that two self-assessments of one year cannot be created side by side.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    problem = moral.self_assessment_problem(framework, unit, fiscal_year, assessed_units, assessors)
    if problem:
        raise AssessmentError(problem)
    round_ = Round.objects.create(
        framework=framework,
        unit=unit,
        fiscal_year=fiscal_year,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        quarter=quarter,
    )
    round_.assessed_units.set(assessed_units)
    round_.assessors.set(assessors)
    audit.record_created(
        acting_user,
        "assessments.round_created",
        round_,
        [*ROUND_FIELDS, "assessed_units", "assessors"],
    )
    return round_


def _advance(round_: Round, expected: str, *, acting_user: User | None) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    require_editable(acting_user, locked)
    if locked.status != expected:
        raise AssessmentError(
            _("This round is %(status)s; it cannot make that step.")
            % {"status": locked.get_status_display()}
        )
    new_status, action = TRANSITIONS[expected]
    before = audit.snapshot(locked, ["status", "published_at"])
    locked.status = new_status
    fields = ["status"]
    if new_status == Round.Status.PUBLISHED:
        locked.published_at = timezone.now()
        fields.append("published_at")
    locked.save(update_fields=fields)
    changes = audit.diff(before, audit.snapshot(locked, ["status", "published_at"]))
    if new_status == Round.Status.CLOSED:
        # Scoring is over: the values join the log, each under the digest logged with it.
        changes["scores"] = [
            None,
            [
                [score.pk, score.assessor_id, score.unit_id, score.criterion_id]
                + _score_values(score)
                for score in locked.scores.order_by("pk")
            ],
        ]
    if new_status == Round.Status.PUBLISHED:
        # What was announced, in the log: a later change cannot rewrite it unseen.
        changes["ranking"] = [
            None,
            [[row.unit.code, str(row.score_display), row.rank] for row in results(locked).ranking],
        ]
    audit.record(acting_user, action, locked, changes=changes, **_owner(locked))
    round_.status, round_.published_at = locked.status, locked.published_at
    return round_


@transaction.atomic
def open_round(round_: Round, *, acting_user: User | None = None) -> Round:
    """Opens a draft round for scoring: it needs criteria, offices and assessors."""
    if not Criterion.objects.filter(section__framework_id=round_.framework_id).exists():
        raise AssessmentError(_("The framework has no criteria yet."))
    if not round_.assessed_units.exists() or not round_.assessors.exists():
        raise AssessmentError(_("A round needs offices to assess and assessors to open."))
    return _advance(round_, Round.Status.DRAFT, acting_user=acting_user)


@transaction.atomic
def close_round(round_: Round, *, acting_user: User | None = None) -> Round:
    """Stops the scoring; the results can then be checked before publishing."""
    return _advance(round_, Round.Status.OPEN, acting_user=acting_user)


@transaction.atomic
def publish_round(round_: Round, *, acting_user: User | None = None) -> Round:
    """Shows the results to everyone who sees the office or an assessed one."""
    return _advance(round_, Round.Status.CLOSED, acting_user=acting_user)


STEPS = {
    Round.Status.OPEN: open_round,
    Round.Status.CLOSED: close_round,
    Round.Status.PUBLISHED: publish_round,
}


# ---------------------------------------------------------------------------- scores


def points_for(criterion: Criterion, *, points=None, level: Level | None = None) -> Decimal:
    """The points a score of ``criterion`` is worth, or ``AssessmentError`` when the value
    is not on the criterion's scale."""
    if criterion.scale == Criterion.Scale.LEVELS:
        if level is None or level.criterion_id != criterion.pk:
            raise AssessmentError(_("Choose one of the criterion's levels."))
        return Decimal(level.points).quantize(CENTS)
    if level is not None:
        raise AssessmentError(_("This criterion is not scored by levels."))
    try:
        value = Decimal(str(points).strip())
    except (InvalidOperation, TypeError, ValueError):
        raise AssessmentError(_("The score is not a number.")) from None
    if not value.is_finite():
        raise AssessmentError(_("The score is not a number."))
    if criterion.scale == Criterion.Scale.PASS_FAIL:
        if value not in (0, criterion.max_points):
            raise AssessmentError(_("A pass/fail criterion is passed or failed."))
        return value.quantize(CENTS)
    if not value.is_finite() or value != value.to_integral_value():
        raise AssessmentError(_("The score is a whole number of points."))
    if not 0 <= value <= criterion.max_points:
        raise AssessmentError(
            _("The score is from 0 to %(max)s points.") % {"max": criterion.max_points}
        )
    return value.quantize(CENTS)


@transaction.atomic
def record_score(
    round_: Round,
    unit: Unit,
    criterion: Criterion,
    *,
    assessor: User,
    points=None,
    level: Level | None = None,
    comment: str = "",
    photo=None,
    acting_user: User | None = None,
) -> Score:
    """The assessor's score of ``unit`` on ``criterion`` (a second call replaces the first).
    Only while the round is open, only by the assessor themself (or the system)."""
    if acting_user is not None and acting_user.pk != assessor.pk:
        raise PermissionDenied
    # Locked so that a score does not slip in while the round is being closed.
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.status != Round.Status.OPEN:
        raise AssessmentError(_("This round is not open for scoring."))
    if not locked.assessors.filter(pk=assessor.pk).exists():
        raise PermissionDenied
    if not locked.assessed_units.filter(pk=unit.pk).exists():
        raise AssessmentError(_("This office is not assessed in this round."))
    if criterion.section.framework_id != locked.framework_id:
        raise AssessmentError(_("This criterion is not in the round's framework."))
    value = points_for(criterion, points=points, level=level)
    checked = None
    if photo is not None:
        checked = check_evidence_file(photo, max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES)
        if locked.framework.kind == Framework.Kind.MORAL:
            # A self-assessment's evidence is the office's own: a photo or a document.
            if checked.extension not in moral.EVIDENCE_TYPES:
                raise AssessmentError(
                    _("The evidence is a picture (JPEG, PNG, WebP or HEIC) or a PDF.")
                )
        elif checked.extension not in PHOTO_TYPES:
            raise AssessmentError(_("The photo is a picture (JPEG, PNG, WebP or HEIC)."))
    score = (
        Score.objects.select_for_update()
        .filter(round=locked, assessor=assessor, unit=unit, criterion=criterion)
        .first()
    )
    before = {"digest": sealed(score.pk, _score_values(score))} if score else None
    if score is None:
        score = Score(round=locked, assessor=assessor, unit=unit, criterion=criterion)
    score.points, score.level, score.comment = value, level, comment.strip()
    if checked is not None:
        score.photo.save(f"photo.{checked.extension}", photo, save=False)
    score.save()
    # While the round is open the log (read by the office's administrators and heads, who
    # may sit on the committee) holds who scored what, not the score: a keyed digest now,
    # every value in the entry that closes the round.
    digest = sealed(score.pk, _score_values(score))
    if before is None or before.get("digest") != digest:
        audit.record(
            acting_user,
            "assessments.score_given" if before is None else "assessments.score_changed",
            score,
            changes={
                **{
                    name: [None, value]
                    for name, value in audit.snapshot(score, SCORE_KEY_FIELDS).items()
                },
                "digest": [before.get("digest") if before else None, digest],
            },
            **_owner(locked),
        )
    return score


def _score_values(score: Score) -> list:
    return [str(score.points), score.level_id, score.comment, score.photo.name or ""]


def results_shown(user, round_: Round) -> bool:
    """Whether ``user`` sees the round's results: everyone who sees a published round; the
    managers of the office running it from closing."""
    if round_.status == Round.Status.PUBLISHED:
        return True
    return round_.status == Round.Status.CLOSED and round_manager(user, round_)


def may_score(user, round_: Round) -> bool:
    return (
        round_.status == Round.Status.OPEN
        and getattr(user, "is_authenticated", False)
        and round_.assessors.filter(pk=user.pk).exists()
    )


# ---------------------------------------------------------------------------- reading


def criteria_of(framework: Framework) -> list[Criterion]:
    """The framework's criteria in order, with their section and levels (two queries)."""
    return list(
        Criterion.objects.filter(section__framework=framework)
        .select_related("section", "work_area")
        .prefetch_related("levels")
        .order_by("section__position", "position")
    )


# Kinds of framework whose rounds never name a model office nor issue its certificate.
NO_MODEL_OFFICE = (Framework.Kind.MORAL, Framework.Kind.FIVE_S)


@dataclass
class Results:
    round: Round
    sections: list[Section]
    criteria: list[Criterion]
    ranking: list[aggregation.UnitResult]
    assessor_count: int

    @property
    def model_office(self):
        """The office ranked first alone among the eligible, if there is one, and only
        where the round selects a model office: a moral self-assessment has one office and
        a 5S round covers one quarter, so neither names one."""
        if self.round.framework.kind in NO_MODEL_OFFICE:
            return None
        firsts = [r for r in self.ranking if r.eligible and r.rank == 1]
        return firsts[0] if len(firsts) == 1 else None


def results(round_: Round) -> Results:
    """The round's results, ranked, in a fixed number of queries (sections, criteria,
    assessed offices, scores, assessors)."""
    sections = list(Section.objects.filter(framework_id=round_.framework_id))
    criteria = list(
        Criterion.objects.filter(section__framework_id=round_.framework_id).select_related(
            "section"
        )
    )
    units = list(round_.assessed_units.order_by("code"))
    points: dict[tuple[int, int], list] = {}
    for unit_id, criterion_id, value in (
        Score.objects.filter(round=round_)
        .order_by("pk")
        .values_list("unit_id", "criterion_id", "points")
    ):
        points.setdefault((unit_id, criterion_id), []).append(value)
    by_id = {unit.pk: unit for unit in units}
    ranking = aggregation.aggregate(
        round_.framework.rule,
        [aggregation.SectionSpec(s.code, s.minimum) for s in sections],
        [aggregation.CriterionSpec(c.pk, c.section.code, c.max_points, c.weight) for c in criteria],
        list(by_id),
        points,
    )
    for result in ranking:
        result.unit = by_id[result.unit]
    return Results(round_, sections, criteria, ranking, round_.assessors.count())


@dataclass(frozen=True)
class Suggestion:
    """What a criterion's live metric says for an office, and the points it suggests."""

    points: Decimal
    value: MetricValue
    metric: Metric


def suggestion(criterion: Criterion, unit: Unit, fiscal_year: int) -> Suggestion | None:
    """What the criterion's live metric suggests for ``unit``: its figure as a share of
    ``metric_params["target"]`` (the figure that earns full points: a count, or a share of
    staff in per cent, 100 by default), times the maximum. A levels scale suggests the
    highest level the exact product reaches (half the target earns 1 of 2 points, as the
    indicators grade a partly met target). ``None`` without a metric."""
    metric = METRICS.get(criterion.metric_key) if criterion.metric_key else None
    if metric is None:
        return None
    params = dict(criterion.metric_params)
    target = params.pop("target", None)
    value = metric.compute(scope_for(unit, fiscal_year, rolled_up=False), **params)
    whole = Decimal(target or (100 if metric.kind == "percent" else 1))
    share = min(max(Decimal(value.value) / whole, Decimal(0)), Decimal(1))
    if criterion.scale == Criterion.Scale.PASS_FAIL:
        points = Decimal(criterion.max_points) if share >= 1 else Decimal(0)
    elif criterion.scale == Criterion.Scale.LEVELS:
        exact = share * criterion.max_points
        levels = [lv.points for lv in criterion.levels.all() if lv.points <= exact]
        points = Decimal(max(levels, default=0))
    else:
        points = (share * criterion.max_points).to_integral_value()
    return Suggestion(points, value, metric)


def suggested_points(criterion: Criterion, unit: Unit, fiscal_year: int) -> Decimal | None:
    """The points :func:`suggestion` suggests, or ``None`` without a metric."""
    found = suggestion(criterion, unit, fiscal_year)
    return None if found is None else found.points


def signer_of(unit: Unit) -> list[str]:
    """Who signs for ``unit``: its head (an approver who leads no work group), as the
    lines under a signature, the name in brackets and the position."""
    head = (
        User.objects.filter(
            unit=unit, role=User.Role.APPROVER, work_group__isnull=True, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if head is None:
        return [unit.name_th]
    lines = [f"({head.get_full_name() or head.get_username()})"]
    return lines + ([head.position] if head.position else [])
