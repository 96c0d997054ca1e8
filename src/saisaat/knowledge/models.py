"""The knowledge test of rules, laws and procedures (OSMKH, KPI 9.1): a question bank, tests
drawn from it, and each person's attempt.

A person takes each test once: their attempt holds the questions drawn for them (in order)
and, once submitted, their answers and score. There are no retakes; a pre-test and a
post-test are two tests.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.scoping import ScopedQuerySet

MIN_CHOICES, MAX_CHOICES = 2, 5


class Topic(models.TextChoices):
    ANTI_CORRUPTION = "anti_corruption", _("Anti-corruption")
    CONFLICT_OF_INTEREST = "conflict_of_interest", _("Conflict of interest")
    NO_GIFT = "no_gift", _("No Gift policy")
    PROCUREMENT = "procurement", _("Procurement")
    COMPLAINTS = "complaints", _("Complaints handling")
    DISCIPLINE = "discipline", _("Rules and discipline")
    OTHER = "other", _("Other")


class Question(models.Model):
    """A multiple-choice question of an office's bank; the department's bank serves every
    office below it."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    text = models.TextField(_("question"))
    choices = models.JSONField(_("choices"))
    # 1-based, as people number choices on paper.
    correct_choice = models.PositiveSmallIntegerField(_("correct choice"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(correct_choice__gte=1, correct_choice__lte=MAX_CHOICES),
                name="knowledge_question_correct_choice_range",
                violation_error_message=_("The correct choice is one of the choices."),
            ),
        ]

    def __str__(self):
        return self.text[:80]


class Test(models.Model):
    """A test of an office in a fiscal year, its questions drawn from the office's bank and
    the banks above it."""

    class Kind(models.TextChoices):
        PRE = "pre", _("Pre-test")
        POST = "post", _("Post-test")

    unit = models.ForeignKey(
        Unit, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    question_count = models.PositiveSmallIntegerField(
        _("number of questions"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    pass_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="knowledge_test_closes_after_opening",
                violation_error_message=_("A test closes on or after the day it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class Attempt(models.Model):
    """One person's sitting of a test: the questions drawn for them, in order, and once
    submitted their answers (question id -> choice number), score and result."""

    test = models.ForeignKey(
        Test, verbose_name=_("test"), on_delete=models.CASCADE, related_name="attempts"
    )
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    question_ids = models.JSONField(_("questions drawn"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("correct answers"), null=True, blank=True)
    percent = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), default=False)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "test__unit"

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["test", "staff"],
                name="knowledge_one_attempt_per_person",
                violation_error_message=_("This person has already taken this test."),
            ),
        ]

    def __str__(self):
        return f"{self.test} — {self.staff}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
