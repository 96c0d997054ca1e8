"""The demo surveys: the satisfaction survey from its template, with answers."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from saisaat.orgs.models import Unit, User
from saisaat.surveys.catalog import MORAL_ORGANISATION, SERVICE
from saisaat.surveys.models import Answer, Question, Response
from saisaat.surveys.services import (
    ensure_template_survey,
    set_results_published,
)
from saisaat.thai.calendar import to_common_year

DEMO_SUGGESTIONS = {
    SERVICE: [
        "อยากให้มีที่จอดรถสำหรับผู้มาติดต่อเพิ่มขึ้น",
        "เจ้าหน้าที่ให้คำแนะนำดีมาก ขอบคุณครับ",
        "ควรประชาสัมพันธ์ขั้นตอนการกู้เงินกองทุนพัฒนาบทบาทสตรีทางเพจของสำนักงานให้มากขึ้น",
        "อยากให้มีบริการยื่นเอกสารออนไลน์ จะได้ไม่ต้องเดินทางมาหลายรอบ",
        "ป้ายบอกทางไปห้องกลุ่มงานส่งเสริมยังไม่ชัดเจน",
        "บริการรวดเร็ว ประทับใจค่ะ",
    ],
    MORAL_ORGANISATION: [
        "อยากให้จัดกิจกรรมจิตอาสาร่วมกับชุมชนบ่อยขึ้น",
        "ควรแจ้งกำหนดการกิจกรรมล่วงหน้าอย่างน้อย ๑ สัปดาห์",
        "กิจกรรมออมเงินดีมาก อยากให้ทำต่อเนื่องทุกปี",
        "ขอให้สำนักงานอำเภอได้ร่วมกิจกรรมกับจังหวัดมากขึ้น",
    ],
}
# Most people served are satisfied; a few are not.
DEMO_SCORE_WEIGHTS = {5: 46, 4: 38, 3: 12, 2: 3, 1: 1}


def _demo_answers(
    questions: list[Question], rng: random.Random, suggestions: list[str]
) -> list[dict]:
    """Keyword arguments of the answers one made-up respondent gives."""
    rows = []
    # One respondent is generally happier or grumpier than another.
    mood = rng.choice([0, 0, 0, 1, -1])
    for question in questions:
        if question.kind == Question.Kind.SCALE:
            score = rng.choices(list(DEMO_SCORE_WEIGHTS), list(DEMO_SCORE_WEIGHTS.values()))[0]
            rows.append({"question": question, "scale_value": max(1, min(5, score + mood))})
        elif question.has_choices:
            choices = list(question.choices.all())
            if not question.required and rng.random() < 0.1:
                continue
            count = 1 if question.kind == Question.Kind.SINGLE else rng.randint(1, 2)
            rows.extend({"question": question, "choice": c} for c in rng.sample(choices, count))
        elif suggestions and rng.random() < 0.25:
            rows.append({"question": question, "text": rng.choice(suggestions)})
    return rows


@transaction.atomic
def seed_surveys_demo(province: Unit, fiscal_year: int) -> dict:
    """The two template surveys of the province for the year, linked to the plan's
    activities, open, with about 40 and 30 realistic responses inside the fiscal year.
    Running it again changes nothing."""
    director = User.objects.filter(username="director").first()
    wanted = {SERVICE: 40, MORAL_ORGANISATION: 30}
    created_surveys = created_responses = 0
    linked = 0
    for key, count in wanted.items():
        survey, created = ensure_template_survey(key, province, fiscal_year, acting_user=director)
        created_surveys += created
        linked += survey.activity_id is not None
        if not survey.is_open and survey.questions.exists():
            survey.is_open = True
            survey.save(update_fields=["is_open", "updated_at"])
        if not survey.responses.exists():
            created_responses += _seed_responses(survey, key, count, province, fiscal_year)
        if key == SERVICE and not survey.results_published:
            # The service survey's results are on the province's portal (OIT O15), once
            # it has enough responses to be published.
            set_results_published(survey, True, acting_user=director)
    return {"surveys": created_surveys, "responses": created_responses, "linked": linked}


def _seed_responses(survey, key, count: int, province: Unit, fiscal_year: int) -> int:
    """The demo responses of one survey, spread over the fiscal year."""
    rng = random.Random(f"{province.code}-{fiscal_year}-{key}")
    questions = list(survey.questions.prefetch_related("choices").order_by("pk"))
    # January to August of the fiscal year, as the plan's period says.
    first = date(to_common_year(fiscal_year), 1, 9)
    for _number in range(count):
        response = Response.objects.create(survey=survey)
        day = first + timedelta(days=rng.randint(0, 220))
        at = time(8 + rng.randint(0, 7), rng.randint(0, 59))
        when = timezone.make_aware(datetime.combine(day, at))
        Response.objects.filter(pk=response.pk).update(submitted_at=when, updated_at=when)
        Answer.objects.bulk_create(
            Answer(response=response, **row)
            for row in _demo_answers(questions, rng, DEMO_SUGGESTIONS[key])
        )
    return count
