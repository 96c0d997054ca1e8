"""Every change to surveys and their responses goes through these functions.

Questions are locked once a survey has a response: changing them would change what the
earlier answers mean, so a manager makes an editable copy instead.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Max, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.core.crypto import digest
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.plans import evidence
from saisaat.plans.models import Activity
from saisaat.surveys.catalog import TEMPLATES, SurveyTemplate
from saisaat.surveys.evidence import RESULTS
from saisaat.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Response,
    Section,
    Survey,
)


class SurveyLocked(ValidationError):
    """The survey has responses, so its questions may no longer change."""


def is_locked(survey: Survey) -> bool:
    return survey.responses.exists()


def _require_unlocked(survey: Survey) -> None:
    if is_locked(survey):
        raise SurveyLocked(
            _(
                "This survey already has responses, so its questions are locked. "
                "Make a copy to change them."
            )
        )


# ---------------------------------------------------------------------------- surveys

SURVEY_FIELDS = ["fiscal_year", "title", "description", "activity"]
SECTION_FIELDS = ["title", "description", "position"]
QUESTION_FIELDS = ["section", "position", "kind", "text", "help_text", "required"]


def _audit_part(acting_user, action: str, part, changes: dict):
    """An entry for a change to a survey's section or question, owned by the survey's
    office and year."""
    survey = part.survey
    return audit.record(
        acting_user,
        action,
        part,
        changes=changes,
        unit=survey.unit_id,
        fiscal_year=survey.fiscal_year,
        label=f"{survey.title[:100]}: {str(part)[:140]}",
    )


@transaction.atomic
def create_survey(
    unit: Unit,
    *,
    fiscal_year: int,
    title: str,
    description: str = "",
    activity: Activity | None = None,
    acting_user: User | None = None,
) -> Survey:
    require_manager(acting_user, unit)
    survey = Survey.objects.create(
        unit=unit,
        fiscal_year=fiscal_year,
        title=title.strip(),
        description=description.strip(),
        activity=activity,
        created_by=acting_user,
    )
    audit.record_created(acting_user, "surveys.survey_created", survey, SURVEY_FIELDS)
    return survey


@transaction.atomic
def update_survey(
    survey: Survey,
    *,
    fiscal_year: int,
    title: str,
    description: str,
    activity: Activity | None,
    acting_user: User | None = None,
) -> Survey:
    require_editable(acting_user, survey)
    before = audit.stored(survey, SURVEY_FIELDS)
    survey.fiscal_year = fiscal_year
    survey.title = title.strip()
    survey.description = description.strip()
    survey.activity = activity
    survey.save(update_fields=["fiscal_year", "title", "description", "activity", "updated_at"])
    audit.record_changed(acting_user, "surveys.survey_changed", survey, before)
    return survey


@transaction.atomic
def set_open(survey: Survey, is_open: bool, *, acting_user: User | None = None) -> Survey:
    require_editable(acting_user, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if is_open and not survey.questions.exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    before = audit.snapshot(survey, ["is_open"])
    survey.is_open = is_open
    survey.save(update_fields=["is_open", "updated_at"])
    audit.record_changed(
        acting_user, "surveys.opened" if is_open else "surveys.closed", survey, before
    )
    return survey


@transaction.atomic
def set_results_published(
    survey: Survey, published: bool, *, acting_user: User | None = None
) -> Survey:
    """Show the survey's results on the office's portal (or withdraw them)."""
    require_editable(acting_user, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.results_published == published:
        return survey
    from saisaat.surveys.results import min_public_responses

    smallest = min_public_responses()
    if published and survey.responses.count() < smallest:
        raise ValidationError(
            _("Results are published from %(n)s responses on: fewer would show people's answers.")
            % {"n": smallest}
        )
    before = audit.snapshot(survey, ["results_published"])
    survey.results_published = published
    survey.save(update_fields=["results_published", "updated_at"])
    audit.record_changed(
        acting_user,
        "surveys.results_published" if published else "surveys.results_withdrawn",
        survey,
        before,
    )
    return survey


@transaction.atomic
def delete_survey(survey: Survey, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, survey)
    if is_locked(survey):
        raise SurveyLocked(_("A survey with responses cannot be deleted; close it instead."))
    audit.record_deleted(acting_user, "surveys.survey_deleted", survey, SURVEY_FIELDS)
    survey.delete()


@transaction.atomic
def copy_survey(survey: Survey, *, acting_user: User | None = None) -> Survey:
    """A closed, editable copy with the same sections, questions and options, no responses."""
    copy = Survey.objects.create(
        unit=survey.unit,
        fiscal_year=survey.fiscal_year,
        title=(_("%(title)s (copy)") % {"title": survey.title})[:300],
        description=survey.description,
        activity=survey.activity,
        template_key=survey.template_key,
        created_by=acting_user,
    )
    sections = {}
    for section in survey.sections.all():
        sections[section.pk] = Section.objects.create(
            survey=copy,
            position=section.position,
            title=section.title,
            description=section.description,
        )
    for question in Question.objects.filter(survey=survey).prefetch_related("choices"):
        new = Question.objects.create(
            survey=copy,
            section=sections[question.section_id],
            position=question.position,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
        )
        Choice.objects.bulk_create(
            Choice(question=new, position=c.position, text=c.text) for c in question.choices.all()
        )
    audit.record_created(
        acting_user, "surveys.survey_copied", copy, SURVEY_FIELDS, reason=f"copy of {survey.pk}"
    )
    return copy


# ---------------------------------------------------------------------------- sections


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_section(
    survey: Survey, *, title: str, description: str = "", acting_user: User | None = None
) -> Section:
    require_editable(acting_user, survey)
    _require_unlocked(survey)
    section = Section.objects.create(
        survey=survey,
        position=_next_position(survey.sections.all()),
        title=title.strip(),
        description=description.strip(),
    )
    _audit_part(
        acting_user, "surveys.section_added", section, audit.created(section, SECTION_FIELDS)
    )
    return section


@transaction.atomic
def update_section(
    section: Section, *, title: str, description: str = "", acting_user: User | None = None
) -> Section:
    require_editable(acting_user, section)
    _require_unlocked(section.survey)
    before = audit.stored(section, SECTION_FIELDS)
    section.title = title.strip()
    section.description = description.strip()
    section.save(update_fields=["title", "description"])
    _audit_part(
        acting_user,
        "surveys.section_changed",
        section,
        audit.diff(before, audit.snapshot(section, SECTION_FIELDS)),
    )
    return section


@transaction.atomic
def delete_section(section: Section, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, section)
    _require_unlocked(section.survey)
    _audit_part(
        acting_user,
        "surveys.section_deleted",
        section,
        audit.diff(audit.snapshot(section, SECTION_FIELDS), {}),
    )
    section.delete()
    _renumber(section.survey.sections.all())


def _renumber(queryset) -> None:
    items = list(queryset.order_by("position", "pk"))
    for position, item in enumerate(items, start=1):
        item.position = position
    if items:
        type(items[0]).objects.bulk_update(items, ["position"])


def _move(item, siblings, direction: str, acting_user, action: str) -> None:
    items = list(siblings.order_by("position", "pk"))
    old = {each.pk: each.position for each in items}
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        each.position = position
    type(item).objects.bulk_update(items, ["position"])
    moved = next(each for each in items if each.pk == item.pk)
    _audit_part(acting_user, action, moved, {"position": [old[item.pk], moved.position]})


@transaction.atomic
def move_section(section: Section, direction: str, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, section)
    _require_unlocked(section.survey)
    _move(section, section.survey.sections.all(), direction, acting_user, "surveys.section_moved")


# ---------------------------------------------------------------------------- questions


def _set_choices(question: Question, choices: Sequence[str]) -> None:
    question.choices.all().delete()
    if question.has_choices:
        Choice.objects.bulk_create(
            Choice(question=question, position=position, text=text.strip())
            for position, text in enumerate(choices, start=1)
        )


@transaction.atomic
def add_question(
    section: Section,
    *,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices: Sequence[str] = (),
    acting_user: User | None = None,
) -> Question:
    require_editable(acting_user, section)
    _require_unlocked(section.survey)
    question = Question.objects.create(
        survey=section.survey,
        section=section,
        position=_next_position(section.questions.all()),
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
    )
    _set_choices(question, choices)
    _audit_part(
        acting_user,
        "surveys.question_added",
        question,
        audit.created(question, QUESTION_FIELDS) | {"choices": [None, list(choices)]},
    )
    return question


@transaction.atomic
def update_question(
    question: Question,
    *,
    section: Section,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = True,
    choices: Sequence[str] = (),
    acting_user: User | None = None,
) -> Question:
    require_editable(acting_user, question)
    _require_unlocked(question.survey)
    before = audit.stored(question, QUESTION_FIELDS)
    before["choices"] = list(question.choices.order_by("position").values_list("text", flat=True))
    if section.pk != question.section_id:
        question.section = section
        question.position = _next_position(section.questions.all())
    question.kind = kind
    question.text = text.strip()
    question.help_text = help_text.strip()
    question.required = required
    question.save()
    _set_choices(question, choices)
    after = audit.snapshot(question, QUESTION_FIELDS)
    after["choices"] = [text.strip() for text in choices] if question.has_choices else []
    _audit_part(acting_user, "surveys.question_changed", question, audit.diff(before, after))
    return question


@transaction.atomic
def delete_question(question: Question, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, question)
    _require_unlocked(question.survey)
    _audit_part(
        acting_user,
        "surveys.question_deleted",
        question,
        audit.diff(audit.snapshot(question, QUESTION_FIELDS), {}),
    )
    section = question.section
    question.delete()
    _renumber(section.questions.all())


@transaction.atomic
def move_question(question: Question, direction: str, *, acting_user: User | None = None) -> None:
    require_editable(acting_user, question)
    _require_unlocked(question.survey)
    _move(
        question,
        question.section.questions.all(),
        direction,
        acting_user,
        "surveys.question_moved",
    )


# ---------------------------------------------------------------------------- templates


def find_plan_activity(unit: Unit, fiscal_year: int, words: str) -> Activity | None:
    """The activity of the unit's plan for the year whose text contains ``words``
    (spaces ignored, as the imported plan breaks lines inside words)."""
    province = unit.province or unit
    wanted = words.replace(" ", "")
    candidates = (
        Activity.objects.active()
        .filter(
            measure__dimension__plan__owner_unit=province,
            measure__dimension__plan__fiscal_year=fiscal_year,
            added_by_unit__isnull=True,
        )
        .for_unit_kind(unit.kind)
        .in_plan_order()
    )
    for activity in candidates:
        if wanted in activity.text.replace(" ", ""):
            return activity
    return None


@transaction.atomic
def create_from_template(
    template: SurveyTemplate | str,
    unit: Unit,
    fiscal_year: int,
    *,
    acting_user: User | None = None,
) -> Survey:
    """A new survey with the template's sections and questions, linked to the matching
    activity of the unit's plan for the year when there is one. It starts closed."""
    if isinstance(template, str):
        template = TEMPLATES[template]
    survey = Survey.objects.create(
        unit=unit,
        fiscal_year=fiscal_year,
        title=template.title,
        description=template.description,
        activity=find_plan_activity(unit, fiscal_year, template.activity_words),
        template_key=template.key,
        created_by=acting_user,
    )
    for section_position, section_template in enumerate(template.sections, start=1):
        section = Section.objects.create(
            survey=survey,
            position=section_position,
            title=section_template.title,
            description=section_template.description,
        )
        for position, question_template in enumerate(section_template.questions, start=1):
            question = Question.objects.create(
                survey=survey,
                section=section,
                position=position,
                kind=question_template.kind,
                text=question_template.text,
                required=question_template.required,
            )
            _set_choices(question, question_template.choices)
    audit.record_created(
        acting_user,
        "surveys.survey_created",
        survey,
        SURVEY_FIELDS,
        reason=f"template {template.key}",
    )
    return survey


def ensure_template_survey(
    template_key: str, unit: Unit, fiscal_year: int, *, acting_user: User | None = None
) -> tuple[Survey, bool]:
    """The unit's survey made from the template for the year, created when missing."""
    existing = (
        Survey.objects.filter(unit=unit, fiscal_year=fiscal_year, template_key=template_key)
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing, False
    return create_from_template(template_key, unit, fiscal_year, acting_user=acting_user), True


# ---------------------------------------------------------------------------- responses

AnswerValue = int | list[int] | str | None


@transaction.atomic
def submit_response(
    survey: Survey,
    answers: Mapping[int, AnswerValue],
    *,
    key: str | None = None,
    address: str = "",
    invitation: Invitation | None = None,
) -> Response:
    """Save one respondent's answers, keyed by question id: a score for a scale question,
    an option id or a list of option ids, or a text. With the ``key`` of this survey's
    earlier response from the same device, that response's answers are replaced. Through
    an ``invitation``, one response per invitation: once used, only a device that has
    answered (its ``key``) may answer again, replacing its own answers. The invitation
    keeps only when it was used, never which response it gave. ``address`` (the sender's)
    is kept only as a keyed digest, to flag bursts in the results. A survey that is
    ``invitation_only`` takes a new response only through an invitation."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_open:
        raise ValidationError(_("This survey is closed."))
    response = None
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.survey_id != survey.pk:
            raise ValidationError(_("This invitation is not for this survey."))
    if key:
        response = Response.objects.filter(survey=survey, key=key).first()
    if survey.invitation_only and invitation is None and response is None:
        raise ValidationError(_("This survey is answered only through an invitation link."))
    if invitation is not None:
        if invitation.used_at is not None and response is None:
            raise ValidationError(_("This invitation has already been used."))
        if invitation.used_at is None:
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
    replaced = response is not None
    if response is None:
        response = Response.objects.create(survey=survey, address_digest=digest("address", address))
    else:
        response.answers.all().delete()
        response.save(update_fields=["updated_at"])

    questions = {q.pk: q for q in survey.questions.all()}
    valid_choices = set(
        Choice.objects.filter(question__survey=survey).values_list("pk", "question_id")
    )
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or value in (None, "", []):
            continue
        if question.kind == Question.Kind.SCALE:
            if not isinstance(value, int) or not 1 <= value <= 5:
                raise ValidationError(_("A satisfaction score is between 1 and 5."))
            rows.append(Answer(response=response, question=question, scale_value=value))
        elif question.has_choices:
            chosen = value if isinstance(value, list) else [value]
            if question.kind == Question.Kind.SINGLE and len(chosen) > 1:
                raise ValidationError(_("Choose only one option."))
            for choice_id in dict.fromkeys(chosen):
                if (choice_id, question.pk) not in valid_choices:
                    raise ValidationError(_("That option is not part of this question."))
                rows.append(Answer(response=response, question=question, choice_id=choice_id))
        else:
            rows.append(Answer(response=response, question=question, text=str(value)))
    Answer.objects.bulk_create(rows)
    # A citizen answered: the entry names the survey and the response, never the answers.
    audit.record(
        audit.PUBLIC,
        "surveys.response_replaced" if replaced else "surveys.response_submitted",
        response,
        changes={"survey": [None, survey.pk]} if not replaced else {},
        unit=survey.unit_id,
        fiscal_year=survey.fiscal_year,
        label=f"survey {survey.pk} response {response.pk}",
    )
    return response


MAX_INVITATIONS = 500


@transaction.atomic
def set_invitation_only(survey: Survey, value: bool, *, acting_user: User) -> Survey:
    """Whether the survey takes answers only through invitation links (the public link
    without one is refused), so that uninvited answers cannot be added."""
    require_editable(acting_user, survey)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.invitation_only == value:
        return survey
    survey.invitation_only = value
    survey.save(update_fields=["invitation_only", "updated_at"])
    audit.record(
        acting_user,
        "surveys.invitation_only_changed",
        survey,
        changes={"invitation_only": [not value, value]},
        unit=survey.unit_id,
        fiscal_year=survey.fiscal_year,
    )
    return survey


@transaction.atomic
def create_invitations(survey: Survey, count: int, *, acting_user: User) -> list[Invitation]:
    """``count`` new one-time links to the survey (at most ``MAX_INVITATIONS`` at once)."""
    require_editable(acting_user, survey)
    if not 1 <= count <= MAX_INVITATIONS:
        raise ValidationError(
            _("Create between 1 and %(max)s invitations at a time.") % {"max": MAX_INVITATIONS}
        )
    invitations = Invitation.objects.bulk_create([Invitation(survey=survey) for _ in range(count)])
    audit.record(
        acting_user,
        "surveys.invitations_created",
        survey,
        changes={"invitations": [None, count]},
        unit=survey.unit_id,
        fiscal_year=survey.fiscal_year,
    )
    return invitations


@transaction.atomic
def clear_response_metadata(cutoff, *, dry_run: bool = False) -> int:
    """The retention rule for survey metadata: responses sent before ``cutoff`` lose their
    address digest and their device key (the answers stay, counted as before). One audit
    entry with the count."""
    due = Response.objects.filter(submitted_at__lt=cutoff, metadata_cleared_at__isnull=True)
    if dry_run:
        return due.count()
    count = due.update(
        address_digest="",
        key=Concat(Value("cleared-"), Cast("pk", output_field=CharField())),
        metadata_cleared_at=timezone.now(),
    )
    if count:
        audit.record(
            audit.SYSTEM,
            "surveys.response_metadata_cleared",
            ("surveys.response", 0, "responses"),
            changes={"responses": [None, count]},
            reason=f"sent before {cutoff.date().isoformat()}",
        )
    return count


# ---------------------------------------------------------------------------- evidence


def attach_results_as_evidence(survey: Survey, *, acting_user: User, on: date | None = None):
    """Attach the results workbook to the unit's assignment of the survey's plan activity."""
    require_editable(acting_user, survey)
    return evidence.attach(RESULTS, survey, acting_user=acting_user, on=on)
