"""A small survey to test with: one section of two scale questions, a single choice, a
multiple choice and an optional free text."""

from saisaat.surveys import services
from saisaat.surveys.models import Question


def make_survey(unit, *, fiscal_year=2566, is_open=True, title="แบบประเมินทดสอบ", user=None):
    survey = services.create_survey(
        unit, fiscal_year=fiscal_year, title=title, description="คำอธิบาย", acting_user=user
    )
    section = services.add_section(survey, title="ด้านการให้บริการ")
    services.add_question(section, kind=Question.Kind.SCALE, text="ความรวดเร็ว")
    services.add_question(section, kind=Question.Kind.SCALE, text="ความสุภาพ", required=False)
    services.add_question(
        section, kind=Question.Kind.SINGLE, text="เพศ", choices=["ชาย", "หญิง"], required=False
    )
    services.add_question(
        section,
        kind=Question.Kind.MULTIPLE,
        text="เรื่องที่มาติดต่อ",
        choices=["กองทุนสตรี", "OTOP", "อื่น ๆ"],
        required=False,
    )
    services.add_question(section, kind=Question.Kind.TEXT, text="ข้อเสนอแนะ", required=False)
    if is_open:
        services.set_open(survey, True)
        survey.refresh_from_db()
    return survey


def questions_of(survey) -> dict[str, Question]:
    """The test survey's questions by their text."""
    return {q.text: q for q in survey.questions.prefetch_related("choices")}


def answer(survey, *, speed=None, politeness=None, sex=None, topics=(), suggestion=None):
    """Submit one response through the service, naming options by their text."""
    q = questions_of(survey)
    choice = {c.text: c.pk for question in q.values() for c in question.choices.all()}
    return services.submit_response(
        survey,
        {
            q["ความรวดเร็ว"].pk: speed,
            q["ความสุภาพ"].pk: politeness,
            q["เพศ"].pk: choice[sex] if sex else None,
            q["เรื่องที่มาติดต่อ"].pk: [choice[t] for t in topics],
            q["ข้อเสนอแนะ"].pk: suggestion,
        },
    )
