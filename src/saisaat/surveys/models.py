"""Satisfaction surveys (แบบประเมินความพึงพอใจ): a unit's questionnaire, its sections and
questions, and the anonymous responses citizens or staff give through its public link."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity


def new_public_token() -> str:
    return secrets.token_urlsafe(12)


def new_response_key() -> str:
    return secrets.token_urlsafe(18)


class SurveyQuerySet(ScopedQuerySet):
    def results_public(self):
        return self.filter(results_published=True)

    def with_response_counts(self):
        return self.annotate(response_count=Count("responses", distinct=True))


class Survey(models.Model):
    """A questionnaire of one unit for one fiscal year, optionally the evidence of a plan
    activity. Citizens answer it anonymously through ``public_token``."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="surveys"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="surveys",
        null=True,
        blank=True,
        help_text=_("The plan activity whose evidence these results are."),
    )
    template_key = models.CharField(
        _("made from template"), max_length=32, blank=True, editable=False
    )
    is_open = models.BooleanField(_("open for responses"), default=False)
    invitation_only = models.BooleanField(
        _("answered only through invitation links"),
        default=False,
        help_text=_("The public link without an invitation takes no answers."),
    )
    results_published = models.BooleanField(
        _("results public"),
        default=False,
        help_text=_(
            "The results (counts and averages, never free-text answers) are shown on "
            "the office's portal and in its open data."
        ),
    )
    public_token = models.CharField(
        _("public link code"), max_length=32, unique=True, default=new_public_token
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SurveyQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-fiscal_year", "unit__code", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400) & Q(fiscal_year__lte=2700),
                name="survey_fiscal_year_is_buddhist_era",
                violation_error_message=_(
                    "The fiscal year must be a Buddhist-era year such as 2566."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:survey-detail", args=[self.pk])

    def get_public_url(self):
        return reverse("surveys:public", args=[self.public_token])

    def questions_in_order(self) -> list["Question"]:
        """Its questions section by section as respondents read them (``Question``'s
        ordering), each with its options."""
        return list(self.questions.prefetch_related("choices"))


class Section(models.Model):
    """A titled group of questions, e.g. one aspect of the service (ด้านเจ้าหน้าที่)."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "survey__unit"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "pk"]

    def __str__(self):
        return self.title


class Question(models.Model):
    """One question. Scale questions are answered 5 (most satisfied) to 1 (least)."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Satisfaction scale (5 to 1)")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "survey__unit"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Choice(models.Model):
    """An option of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("option"), max_length=300)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "question__survey__unit"

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position", "pk"]

    def __str__(self):
        return self.text


def new_invitation_token() -> str:
    return secrets.token_urlsafe(12)


class Invitation(models.Model):
    """A one-time link to a survey, handed to one respondent: it gives one response,
    which answering again from the same device replaces. It records only that it was used
    (``used_at``), never which response came through it: an office that noted who got
    which link cannot match answers to people."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations"
    )
    token = models.CharField(
        _("invitation token"), max_length=32, unique=True, default=new_invitation_token
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "survey__unit"

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["survey", "pk"]

    def __str__(self):
        return f"{self.survey} #{self.pk}"

    def get_absolute_url(self):
        return f"{self.survey.get_public_url()}?invite={self.token}"


class Response(models.Model):
    """One anonymous respondent's answers. ``key`` is what the respondent's browser keeps
    in a signed cookie, so answering again replaces these answers instead of adding more.
    ``address_digest`` (a keyed hash of the sending address, never the address) lets the
    results flag bursts from one network; it is cleared after the retention period."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    key = models.CharField(_("device key"), max_length=40, unique=True, default=new_response_key)
    address_digest = models.CharField(_("address digest"), max_length=64, blank=True)
    metadata_cleared_at = models.DateTimeField(_("metadata cleared"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "survey__unit"

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "submitted_at", "pk"]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """An answer to one question: a scale value, one chosen option (a multiple-choice
    answer is one row per option) or a text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    scale_value = models.PositiveSmallIntegerField(_("scale value"), null=True, blank=True)
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("option"),
        on_delete=models.CASCADE,
        related_name="answers",
        null=True,
        blank=True,
    )
    text = models.TextField(_("text"), blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "response__survey__unit"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_value__isnull=True)
                | (Q(scale_value__gte=1) & Q(scale_value__lte=5)),
                name="answer_scale_value_between_1_and_5",
                violation_error_message=_("A satisfaction score is between 1 and 5."),
            ),
        ]

    def __str__(self):
        return f"{self.question_id}: {self.scale_value or self.choice_id or self.text[:40]}"
