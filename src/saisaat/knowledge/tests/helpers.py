"""A small knowledge-test world on top of the personas: staff records, a bank, a test."""

from datetime import timedelta

from django.utils import timezone

from saisaat.knowledge import services
from saisaat.knowledge.models import Question
from saisaat.orgs.models import StaffMember

# Every correct answer is the choice that says "ถูกต้อง", so a test can answer from the
# text alone, like a person who knows.
RIGHT = "ถูกต้อง"


def make_bank(unit, count=10) -> list[Question]:
    return services.add_questions(
        unit,
        [
            services.NewQuestion(
                "no_gift",
                f"คำถามที่ {n}",
                ["ผิด ก", RIGHT, "ผิด ข"] if n % 2 else [RIGHT, "ผิด ก", "ผิด ข", "ผิด ค"],
                2 if n % 2 else 1,
            )
            for n in range(count)
        ],
        acting_user=None,
    )


def make_test(unit, *, kind="pre", count=5, opens=-1, closes=30, year=2566, **extra):
    today = timezone.localdate()
    return services.create_test(
        unit,
        title=f"แบบทดสอบ {kind}",
        fiscal_year=year,
        kind=kind,
        question_count=count,
        opens_on=today + timedelta(days=opens),
        closes_on=today + timedelta(days=closes),
        acting_user=None,
        **extra,
    )


def link_staff(user, unit, name="สมชาย") -> StaffMember:
    return StaffMember.objects.create(unit=unit, first_name=name, last_name="สาธิต", user=user)


def answers(attempt, right: int) -> dict[int, int]:
    """Answers to the attempt's questions: the first ``right`` correct, the rest wrong."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    chosen = {}
    for n, question_id in enumerate(attempt.question_ids):
        question = questions[question_id]
        wrong = next(i for i in range(1, len(question.choices) + 1) if i != question.correct_choice)
        chosen[question_id] = question.correct_choice if n < right else wrong
    return chosen
