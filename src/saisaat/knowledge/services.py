"""Every change to the knowledge test: tests set, attempts started and submitted, questions
imported. Each is atomic and audited; the pages call these and nothing else writes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.audit.services import sealed
from saisaat.knowledge.models import Attempt, Question, Test
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.orgs.scoping import require_manager
from saisaat.plans.metrics import percent


class KnowledgeError(Exception):
    """A request the rules refuse; the message is for the person (400)."""


class AttemptConflict(KnowledgeError):
    """The attempt is already submitted or the test is not open (409)."""


def offices_up(unit: Unit) -> list[int]:
    """The unit and the offices above it, whose question banks serve it."""
    ids = [unit.pk]
    if unit.parent_id:
        ids.append(unit.parent_id)
        if unit.parent.parent_id:
            ids.append(unit.parent.parent_id)
    return ids


def question_pool(unit: Unit):
    return Question.objects.filter(unit_id__in=offices_up(unit), is_active=True)


TEST_FIELDS = [
    "unit",
    "title",
    "fiscal_year",
    "kind",
    "question_count",
    "pass_percent",
    "opens_on",
    "closes_on",
]


@transaction.atomic
def create_test(
    unit: Unit,
    *,
    title: str,
    fiscal_year: int,
    kind: str,
    question_count: int,
    opens_on: date,
    closes_on: date,
    pass_percent: int = 80,
    acting_user: User | None,
) -> Test:
    require_manager(acting_user, unit)
    if closes_on < opens_on:
        raise KnowledgeError(_("A test closes on or after the day it opens."))
    available = question_pool(unit).count()
    if question_count > available:
        raise KnowledgeError(
            _("The question bank has %(available)s active questions; draw no more than that.")
            % {"available": available}
        )
    test = Test.objects.create(
        unit=unit,
        title=title.strip(),
        fiscal_year=fiscal_year,
        kind=kind,
        question_count=question_count,
        pass_percent=pass_percent,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    audit.record_created(acting_user, "knowledge.test_created", test, TEST_FIELDS)
    return test


def staff_taking(test: Test, user: User) -> StaffMember:
    """The person's active staff record in the test's office: only its own staff take it."""
    staff = StaffMember.objects.filter(user=user, unit_id=test.unit_id, is_active=True).first()
    if staff is None:
        raise PermissionDenied
    return staff


def _refuse_unless_open(test: Test, day: date) -> None:
    if day < test.opens_on:
        raise AttemptConflict(_("This test is not open yet."))
    if day > test.closes_on:
        raise AttemptConflict(_("This test has closed; answers are no longer accepted."))


def draw(test: Test, staff: StaffMember) -> list[int]:
    """The questions of one person's attempt: a sample of the pool seeded by the test and
    the person, so a reload draws the same ones; stored on the attempt once drawn."""
    pool = sorted(question_pool(test.unit).values_list("pk", flat=True))
    return random.Random(f"{test.pk}:{staff.pk}").sample(pool, min(test.question_count, len(pool)))


def key_hidden_from(user: User, bank_unit: Unit, *, day: date | None = None) -> bool:
    """Whether the bank's answer key is kept from ``user`` now: they manage it, but a test
    of their own office that draws on this bank is open and they have not yet submitted it
    (an office head sits the office's test too). The key shows again once they have."""
    if not user.is_authenticated or user.unit_id is None:
        return False
    day = day or timezone.localdate()
    waiting = (
        Test.objects.filter(unit_id=user.unit_id, opens_on__lte=day, closes_on__gte=day)
        .exclude(attempts__user=user, attempts__submitted_at__isnull=False)
        .select_related("unit")
    )
    return any(question_pool(test.unit).filter(unit=bank_unit).exists() for test in waiting)


def start_attempt(test: Test, *, acting_user: User, day: date | None = None) -> Attempt:
    """The person's attempt at the test, started now unless it already exists."""
    staff = staff_taking(test, acting_user)
    existing = Attempt.objects.filter(test=test, staff=staff).first()
    if existing is not None:
        return existing
    _refuse_unless_open(test, day or timezone.localdate())
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                test=test, staff=staff, user=acting_user, question_ids=draw(test, staff)
            )
            audit.record_created(
                acting_user,
                "knowledge.attempt_started",
                attempt,
                ["test", "staff", "question_ids"],
                unit=test.unit_id,
                fiscal_year=test.fiscal_year,
            )
    except IntegrityError:
        # Two clicks at once: the other request started it.
        return Attempt.objects.get(test=test, staff=staff)
    return attempt


@transaction.atomic
def submit_attempt(
    attempt: Attempt, answers: dict[int, int], *, acting_user: User, day: date | None = None
) -> Attempt:
    """Score the person's answers (question id -> choice number, every drawn question
    answered). Refused once submitted and outside the test's dates."""
    attempt = Attempt.objects.select_for_update().select_related("test").get(pk=attempt.pk)
    if attempt.user_id != acting_user.pk:
        raise PermissionDenied
    if attempt.is_submitted:
        raise AttemptConflict(_("You have already submitted this test."))
    test = attempt.test
    _refuse_unless_open(test, day or timezone.localdate())
    questions = Question.objects.in_bulk(attempt.question_ids)
    chosen = {}
    for number, question_id in enumerate(attempt.question_ids, 1):
        question = questions.get(question_id)
        choice = answers.get(question_id)
        if question is None:
            continue
        if choice is None or not 1 <= choice <= len(question.choices):
            raise KnowledgeError(
                _("Answer question %(number)s before submitting.") % {"number": number}
            )
        chosen[str(question_id)] = choice
    before = audit.snapshot(attempt, AUDITED_ATTEMPT_FIELDS)
    score = sum(
        1
        for question_id, choice in chosen.items()
        if questions[int(question_id)].correct_choice == choice
    )
    attempt.answers = chosen
    attempt.score = score
    attempt.percent = percent(score, len(attempt.question_ids))
    attempt.passed = attempt.percent >= Decimal(test.pass_percent)
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["answers", "score", "percent", "passed", "submitted_at"])
    changes = audit.diff(before, audit.snapshot(attempt, AUDITED_ATTEMPT_FIELDS))
    # The answers themselves would teach the key to whoever reads the log (administrators
    # of the office and above): a keyed digest proves them without showing them.
    changes["answers_digest"] = [None, sealed(attempt.pk, attempt.answers)]
    audit.record(
        acting_user,
        "knowledge.attempt_submitted",
        attempt,
        changes=changes,
        unit=test.unit_id,
        fiscal_year=test.fiscal_year,
    )
    return attempt


AUDITED_ATTEMPT_FIELDS = ["score", "percent", "passed", "submitted_at"]


def questions_for(attempt: Attempt) -> list[dict]:
    """What the test-taker's page shows of each drawn question: its text and choices,
    never which choice is correct."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    shown = []
    for number, question_id in enumerate(attempt.question_ids, 1):
        question = questions.get(question_id)
        if question is None:
            continue
        shown.append(
            {
                "number": number,
                "id": question_id,
                "text": question.text,
                "choices": list(enumerate(question.choices, 1)),
                "answer": attempt.answers.get(str(question_id)),
            }
        )
    return shown


@transaction.atomic
def set_question_active(question: Question, active: bool, *, acting_user: User | None) -> None:
    """Take a question out of the draw (or put it back); attempts already drawn keep it."""
    require_manager(acting_user, question.unit)
    if question.is_active == active:
        return
    before = audit.snapshot(question, ["is_active"])
    question.is_active = active
    question.save(update_fields=["is_active"])
    audit.record_changed(acting_user, "knowledge.question_changed", question, before)


@dataclass(frozen=True)
class NewQuestion:
    topic: str
    text: str
    choices: list[str]
    correct_choice: int


# The key is not written to the log in the clear (see ``sealed``).
QUESTION_FIELDS = ["unit", "topic", "text", "choices"]


@transaction.atomic
def add_questions(unit: Unit, questions: list[NewQuestion], *, acting_user: User | None):
    """Add checked questions to the office's bank, all at once."""
    require_manager(acting_user, unit)
    created = Question.objects.bulk_create(
        Question(
            unit=unit,
            topic=q.topic,
            text=q.text,
            choices=q.choices,
            correct_choice=q.correct_choice,
        )
        for q in questions
    )
    audit.record_many(
        [
            dict(
                actor=acting_user,
                action="knowledge.question_added",
                obj=question,
                changes=audit.created(question, QUESTION_FIELDS)
                | {"correct_choice_digest": [None, sealed(question.pk, question.correct_choice)]},
                unit=unit,
            )
            for question in created
        ]
    )
    return created
