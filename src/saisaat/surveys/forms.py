import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.plans.models import Activity
from saisaat.surveys.models import Question, Section, Survey
from saisaat.surveys.results import SCALE_LABELS, SCALE_VALUES

ANSWER_MAX_LENGTH = 2000
MAX_CHOICES = 30
# Control characters other than tab and line breaks have no place in typed text.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Typed text in composed form without control characters; refuse text made only of
    combining marks (Thai vowel and tone marks with no letter to sit on)."""
    value = _CONTROL_RE.sub("", unicodedata.normalize("NFC", value or "")).strip()
    if value and not any(unicodedata.category(ch)[0] in "LNPS" for ch in value):
        raise ValidationError(
            _("Please write your answer in letters; vowel or tone marks alone cannot be read."),
            code="marks_only",
        )
    return value


class CleanTextField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return clean_text(value) if value else value


def plan_activities_for(unit: Unit):
    """Activities of the unit's province's plans that the unit carries out, its own too."""
    province = unit.province or unit
    carried_out = (
        Q(for_district_offices=True)
        if unit.kind == Unit.Kind.DISTRICT
        else Q(for_provincial_office=True)
    )
    return (
        Activity.objects.active()
        .filter(measure__dimension__plan__owner_unit=province)
        .filter((Q(added_by_unit__isnull=True) & carried_out) | Q(added_by_unit=unit))
        .select_related("measure__dimension__plan")
        .order_by(
            "-measure__dimension__plan__fiscal_year",
            "measure__dimension__number",
            "measure__number",
            "position",
        )
    )


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        dimension = obj.measure.dimension
        return (
            f"{dimension.plan.fiscal_year} · {dimension.number}.{obj.measure.number} "
            f"{obj.text[:100]}"
        )


class SurveyForm(forms.ModelForm):
    title = CleanTextField(label=_("Title"), max_length=300)
    description = CleanTextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year (B.E.)"),
        min_value=2400,
        max_value=2700,
        error_messages={
            "min_value": _("The fiscal year must be a Buddhist-era year such as 2566."),
            "max_value": _("The fiscal year must be a Buddhist-era year such as 2566."),
        },
    )
    activity = ActivityChoiceField(
        label=_("Plan activity whose evidence this is"),
        queryset=Activity.objects.none(),
        required=False,
    )

    class Meta:
        model = Survey
        fields = ["title", "description", "fiscal_year", "activity"]

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = plan_activities_for(unit)

    def clean(self):
        data = super().clean()
        activity, year = data.get("activity"), data.get("fiscal_year")
        if activity and year and activity.measure.dimension.plan.fiscal_year != year:
            self.add_error(
                "activity", _("Choose an activity of the plan for the survey's fiscal year.")
            )
        return data


class SectionForm(forms.Form):
    title = CleanTextField(label=_("Section title"), max_length=300)
    description = CleanTextField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    kind = forms.ChoiceField(label=_("Kind of question"), choices=Question.Kind.choices)
    text = CleanTextField(label=_("Question"), max_length=500)
    help_text = CleanTextField(label=_("Explanation"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = CleanTextField(
        label=_("Options, one per line"),
        required=False,
        max_length=MAX_CHOICES * 310,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice questions."),
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()

    def clean(self):
        data = super().clean()
        lines = [line.strip() for line in (data.get("choices") or "").splitlines()]
        lines = list(dict.fromkeys(line for line in lines if line))
        data["choice_list"] = []
        if data.get("kind") in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(lines) < 2:
                self.add_error("choices", _("Give at least two options, one per line."))
            elif len(lines) > MAX_CHOICES:
                self.add_error(
                    "choices", _("Give at most %(count)s options.") % {"count": MAX_CHOICES}
                )
            elif any(len(line) > 300 for line in lines):
                self.add_error("choices", _("Each option may have at most 300 characters."))
            else:
                data["choice_list"] = lines
        return data


class TemplateForm(forms.Form):
    template = forms.ChoiceField(label=_("Template"), choices=())
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2400, max_value=2700)

    def __init__(self, *args, **kwargs):
        from saisaat.surveys.catalog import TEMPLATES

        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(key, t.title) for key, t in TEMPLATES.items()]


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=_("How many links"), min_value=1, max_value=500, initial=20)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# ---------------------------------------------------------------------------- public form


class ResponseForm(forms.Form):
    """The public questionnaire: one field per question, named ``q<id>``."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.field_name(question)] = self._field_for(question)

    @staticmethod
    def field_name(question: Question) -> str:
        return f"q{question.pk}"

    def _field_for(self, question: Question) -> forms.Field:
        common = {
            "label": question.text,
            "help_text": question.help_text,
            "required": question.required,
        }
        required_message = {"required": _("Please answer this question.")}
        if question.kind == Question.Kind.SCALE:
            field = forms.TypedChoiceField(
                choices=[(v, SCALE_LABELS[v]) for v in SCALE_VALUES],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={
                    **required_message,
                    "invalid_choice": _("Choose a score from 1 to 5."),
                },
                **common,
            )
            field.is_scale = True
            return field
        options = [(c.pk, c.text) for c in question.choices.all()]
        choice_errors = {
            **required_message,
            "invalid_choice": _("That option is not part of this question; choose again."),
            "invalid_list": _("That option is not part of this question; choose again."),
        }
        if question.kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(
                choices=options,
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages=choice_errors,
                **common,
            )
        if question.kind == Question.Kind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=options,
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                error_messages=choice_errors,
                **common,
            )
        return CleanTextField(
            max_length=ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={
                **required_message,
                "max_length": _(
                    "Please keep your answer under %(limit_value)s characters "
                    "(it has %(show_value)s)."
                ),
            },
            **common,
        )

    def answers(self) -> dict[int, object]:
        """Question id -> cleaned value, for ``services.submit_response``."""
        return {q.pk: self.cleaned_data.get(self.field_name(q)) for q in self.questions}

    def sections(self, sections):
        """(section, its bound fields) in order, for the template."""
        by_section: dict[int, list] = {}
        for question in self.questions:
            by_section.setdefault(question.section_id, []).append(self[self.field_name(question)])
        return [(section, by_section.get(section.pk, [])) for section in sections]


def initial_from_response(response, questions) -> dict:
    """The form's initial values from an earlier response, to change one's answers."""
    kinds = {q.pk: q.kind for q in questions}
    initial: dict[str, object] = {}
    for answer in response.answers.all():
        name = f"q{answer.question_id}"
        kind = kinds.get(answer.question_id)
        if kind == Question.Kind.SCALE:
            initial[name] = answer.scale_value
        elif kind == Question.Kind.SINGLE:
            initial[name] = answer.choice_id
        elif kind == Question.Kind.MULTIPLE:
            initial.setdefault(name, []).append(answer.choice_id)
        elif kind == Question.Kind.TEXT:
            initial[name] = answer.text
    return initial
