"""Survey results: counts from database aggregates, statistics from the counts.

Every statistic of a satisfaction scale follows from how many answered 5, 4, 3, 2 and 1,
so the database returns one grouped count per question and value and the arithmetic is
done here exactly (integers and fractions) before one square root.

- mean: the arithmetic mean of the scores;
- sd: the *sample* standard deviation (divisor n - 1), as Thai survey reports use it; it is
  undefined (``None``) for fewer than two answers;
- percent satisfied: the share of answers that are 4 or 5, in percent.

The overall figures pool every scale answer of the survey (each answer counts once), and a
section's figures pool that section's scale answers.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from fractions import Fraction
from math import sqrt

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from saisaat.surveys.models import Answer, Choice, Question, Section, Survey

SCALE_VALUES = (5, 4, 3, 2, 1)
SATISFIED_FROM = 4
SCALE_LABELS = {
    5: _("Highest"),
    4: _("High"),
    3: _("Moderate"),
    2: _("Low"),
    1: _("Lowest"),
}


@dataclass(frozen=True)
class ScaleStats:
    """Statistics of a set of 1-5 scores, given as how many times each score was given."""

    counts: Mapping[int, int]
    n: int
    mean: float | None
    sd: float | None
    percent_satisfied: float | None

    @property
    def level(self) -> int | None:
        """The score the mean reads as, on the usual Thai report scale: above 4.50 is
        highest, above 3.50 high, above 2.50 moderate, above 1.50 low, else lowest."""
        if self.mean is None:
            return None
        floors = ((5, 4.5), (4, 3.5), (3, 2.5), (2, 1.5))
        return next((value for value, floor in floors if self.mean > floor), 1)

    @property
    def level_label(self) -> str:
        return SCALE_LABELS[self.level] if self.level else ""

    @property
    def bars(self) -> list[tuple[int, str, int, float]]:
        """(score, label, count, percent of answers) from 5 down to 1, for charts."""
        return [
            (
                value,
                SCALE_LABELS[value],
                self.counts.get(value, 0),
                100 * self.counts.get(value, 0) / self.n if self.n else 0.0,
            )
            for value in SCALE_VALUES
        ]


def scale_stats(counts: Mapping[int, int]) -> ScaleStats:
    """Mean, sample standard deviation and percent satisfied from score counts."""
    counts = {value: int(counts.get(value, 0)) for value in SCALE_VALUES}
    n = sum(counts.values())
    if n == 0:
        return ScaleStats(counts, 0, None, None, None)
    total = sum(value * count for value, count in counts.items())
    squares = sum(value * value * count for value, count in counts.items())
    mean = Fraction(total, n)
    sd = None
    if n >= 2:
        variance = Fraction(n * squares - total * total, n * (n - 1))
        sd = sqrt(variance)
    satisfied = sum(counts[value] for value in SCALE_VALUES if value >= SATISFIED_FROM)
    return ScaleStats(counts, n, float(mean), sd, 100 * satisfied / n)


def pooled_stats(many: Iterable[ScaleStats]) -> ScaleStats:
    """The statistics of all the answers behind several questions taken together."""
    counts: dict[int, int] = defaultdict(int)
    for stats in many:
        for value, count in stats.counts.items():
            counts[value] += count
    return scale_stats(counts)


@dataclass
class ChoiceResult:
    choice: Choice
    count: int | None
    percent: float | None
    """Share of the question's respondents who chose it (multiple choices may add up to
    more than 100)."""


@dataclass
class QuestionResult:
    question: Question
    answered: int
    """How many responses answered this question."""
    scale: ScaleStats | None = None
    choices: list[ChoiceResult] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    """How many written answers (the public pages count them, never load them)."""


@dataclass
class SectionResult:
    section: Section
    questions: list[QuestionResult]
    scale: ScaleStats | None
    """The section's scale answers pooled; ``None`` when it has no scale question."""


@dataclass
class SurveyResults:
    survey: Survey
    response_count: int
    sections: list[SectionResult]
    overall: ScaleStats | None
    """Every scale answer of the survey pooled; ``None`` without scale questions."""
    flagged: int = 0
    """Responses in a suspicious burst (``flag_bursts``); counted, not removed."""

    @property
    def questions(self) -> list[QuestionResult]:
        return [result for section in self.sections for result in section.questions]


def flag_bursts(responses, *, count: int, seconds: int) -> set[int]:
    """The ids of responses in a burst: ``count`` or more new responses from one address
    (its digest) within ``seconds``. ``responses`` are ``(id, address_digest,
    submitted_at)`` in any order; responses without a digest are never flagged."""
    by_address = defaultdict(list)
    for pk, address, submitted_at in responses:
        if address:
            by_address[address].append((submitted_at, pk))
    flagged = set()
    window = timedelta(seconds=seconds)
    for rows in by_address.values():
        rows.sort()
        start = 0
        for end in range(len(rows)):
            while rows[end][0] - rows[start][0] > window:
                start += 1
            if end - start + 1 >= count:
                flagged.update(pk for _, pk in rows[start : end + 1])
    return flagged


def flagged_responses(survey: Survey) -> set[int]:
    """The survey's responses in a burst, with the thresholds from the settings."""
    rows = (
        survey.responses.exclude(address_digest="")
        .order_by()
        .values_list("pk", "address_digest", "submitted_at")
    )
    return flag_bursts(
        rows,
        count=max(settings.SAISAAT_SURVEY_BURST_RESPONSES, 2),
        seconds=settings.SAISAAT_SURVEY_BURST_SECONDS,
    )


def min_public_responses() -> int:
    """Below this many responses a survey's results are not shown to the public: with one
    or two, the figures are one person's answers."""
    return getattr(settings, "SAISAAT_SURVEY_MIN_PUBLIC_RESPONSES", 5)


def compute_results(survey: Survey, *, public: bool = False) -> SurveyResults:
    """The survey's results in a fixed number of queries, however many responses it has:
    sections, questions, their options, the response count, grouped answer counts,
    respondents per question and the free-text answers. ``public`` (the portal) counts
    the written answers in the database instead of loading them, and hides an option's
    count when fewer than ``min_public_responses()`` (but some) people chose it."""
    sections = list(survey.sections.all())
    questions = survey.questions_in_order()
    response_count = survey.responses.count()
    answers = Answer.objects.filter(response__survey=survey)
    grouped = (
        answers.exclude(question__kind=Question.Kind.TEXT)
        .values_list("question_id", "scale_value", "choice_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    score_counts: dict[int, dict[int, int]] = defaultdict(dict)
    choice_counts: dict[int, dict[int, int]] = defaultdict(dict)
    for question_id, scale_value, choice_id, n in grouped:
        if scale_value is not None:
            score_counts[question_id][scale_value] = n
        elif choice_id is not None:
            choice_counts[question_id][choice_id] = n
    answered = dict(
        answers.values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    )
    written = answers.filter(question__kind=Question.Kind.TEXT).exclude(text="")
    texts: dict[int, list[str]] = defaultdict(list)
    if public:
        text_counts = dict(written.values_list("question_id").annotate(n=Count("pk")).order_by())
    else:
        for question_id, text in written.order_by("response__submitted_at", "pk").values_list(
            "question_id", "text"
        ):
            texts[question_id].append(text)
        text_counts = {question_id: len(rows) for question_id, rows in texts.items()}
    smallest = min_public_responses() if public else 0

    by_section: dict[int, list[QuestionResult]] = defaultdict(list)
    for question in questions:
        result = QuestionResult(question, answered.get(question.pk, 0))
        if question.kind == Question.Kind.SCALE:
            result.scale = scale_stats(score_counts.get(question.pk, {}))
        elif question.has_choices:
            counts = choice_counts.get(question.pk, {})
            result.choices = []
            for choice in question.choices.all():
                count = counts.get(choice.pk, 0)
                percent = 100 * count / result.answered if result.answered else 0.0
                if 0 < count < smallest:
                    count = percent = None
                result.choices.append(ChoiceResult(choice, count, percent))
        else:
            result.texts = texts.get(question.pk, [])
            result.text_count = text_counts.get(question.pk, 0)
        by_section[question.section_id].append(result)

    section_results = []
    for section in sections:
        results = by_section.get(section.pk, [])
        scales = [r.scale for r in results if r.scale is not None]
        section_results.append(
            SectionResult(section, results, pooled_stats(scales) if scales else None)
        )
    all_scales = [r.scale for s in section_results for r in s.questions if r.scale is not None]
    return SurveyResults(
        survey,
        response_count,
        section_results,
        pooled_stats(all_scales) if all_scales else None,
        # Bursts are for the office to weigh; the public page does not read every response.
        0 if public else len(flagged_responses(survey)),
    )
