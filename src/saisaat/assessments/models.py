"""The rubric engine: frameworks of criteria, rounds in which assessors score offices.

A framework (sections -> criteria) states how its results aggregate; a round applies it to
some offices in one fiscal year, run by one office, scored independently by its assessors.
What a round shows to whom (results only once published; an assessor's own scores until
then) is decided by the querysets below, through the one scoping gate.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet, can_manage_unit


class Framework(models.Model):
    """A set of criteria and the rule that turns scores into one result per office."""

    class Kind(models.TextChoices):
        OSMKH = "osmkh", _("OSMKH evaluation")
        FIVE_S = "5s", _("5S workplace inspection")
        MORAL = "moral", _("Moral-organisation self-assessment")
        OTHER = "other", _("Other assessment")

    class Rule(models.TextChoices):
        WEIGHTED_MEAN = "weighted_mean", _("Weighted mean of the criteria (0–100)")
        SUM = "sum", _("Sum of the points")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(
        _("aggregation rule"), max_length=20, choices=Rule.choices, default=Rule.WEIGHTED_MEAN
    )
    tie_break = models.TextField(
        _("tie-break"),
        help_text=_("The tie-break in words, as the ranking applies it."),
        blank=True,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("office keeping it"),
        on_delete=models.PROTECT,
        related_name="assessment_frameworks",
        null=True,
        blank=True,
        help_text=_("An office's own checklist (the 5S checklist of its work areas)."),
    )

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["code"]

    def __str__(self):
        return self.title


class Section(models.Model):
    """A group of criteria (an OSMKH pillar), with an optional minimum to be eligible."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minimum = models.DecimalField(
        _("minimum to be eligible"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("In the framework's measure: per cent for a weighted mean, points for a sum."),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "position"],
                name="assessments_section_position_unique",
                violation_error_message=_("Two sections cannot share a position."),
            ),
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="assessments_section_code_unique",
                violation_error_message=_("Two sections cannot share a code."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class WorkArea(models.Model):
    """A part of an office inspected in its 5S rounds (the office room, the meeting room,
    the archive...): each gets one criterion per S in the office's 5S checklist."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("office"), on_delete=models.PROTECT, related_name="work_areas"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("work area")
        verbose_name_plural = _("work areas")
        ordering = ["unit", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="assessments_work_area_name_unique",
                violation_error_message=_("The office already has a work area of this name."),
            ),
        ]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """One thing scored, on a scale of points, pass/fail or labelled levels."""

    class Scale(models.TextChoices):
        POINTS = "points", _("Points from 0 to the maximum")
        PASS_FAIL = "pass_fail", _("Pass or fail")
        LEVELS = "levels", _("Levels")

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)
    scale = models.CharField(_("scale"), max_length=10, choices=Scale.choices)
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), help_text=_("A pass is worth this many points; a fail none.")
    )
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    metric_key = models.CharField(
        _("live metric"),
        max_length=60,
        blank=True,
        help_text=_("A metric of the indicators that suggests a score."),
    )
    metric_params = models.JSONField(_("metric parameters"), default=dict, blank=True)
    work_area = models.ForeignKey(
        WorkArea,
        verbose_name=_("work area"),
        on_delete=models.PROTECT,
        related_name="criteria",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "position"],
                name="assessments_criterion_position_unique",
                violation_error_message=_("Two criteria cannot share a position."),
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0),
                name="assessments_criterion_max_positive",
                violation_error_message=_("A criterion is worth at least one point."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="assessments_criterion_weight_positive",
                violation_error_message=_("A criterion's weight is above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        # A criterion added to a framework whose rounds have opened would count 0 for
        # every office already scored (and change a published ranking).
        if self.section_id and not self.pk:
            framework = Section.objects.get(pk=self.section_id).framework
            if framework.rounds.exclude(status="draft").exists():
                raise ValidationError(
                    _("A round of this framework has opened: its criteria are fixed.")
                )
        if self.max_points is not None and self.max_points >= 10000:
            raise ValidationError({"max_points": _("At most 9,999 points.")})


class Level(models.Model):
    """A labelled level of a criterion on the levels scale, worth some points."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="levels"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)
    points = models.PositiveSmallIntegerField(_("points"))

    class Meta:
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        ordering = ["criterion", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "position"],
                name="assessments_level_position_unique",
                violation_error_message=_("Two levels cannot share a position."),
            )
        ]

    def __str__(self):
        return self.label


class RoundQuerySet(ScopedQuerySet):
    """A round is read by its assessors once it is open, by the managers of the office
    running it, and by everyone who sees that office or an assessed one once it is
    published; nobody else learns it exists."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        units = user.visible_units()
        rule = Q(assessors=user) & ~Q(status=Round.Status.DRAFT)
        if (user.is_approver or user.is_administrator) and user.unit_id:
            rule |= Q(unit_id=user.unit_id)
        rule |= Q(status=Round.Status.PUBLISHED) & (Q(unit__in=units) | Q(assessed_units__in=units))
        return self.filter(pk__in=Round.objects.filter(rule).values("pk"))


class Round(models.Model):
    """One application of a framework: the offices assessed, by whom, from when to when."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for scoring")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="rounds"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("office running it"),
        on_delete=models.PROTECT,
        related_name="assessment_rounds",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter of the fiscal year"), null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=300)
    assessed_units = models.ManyToManyField(
        Unit, verbose_name=_("offices assessed"), related_name="assessments_received"
    )
    assessors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("assessors"), related_name="assessment_rounds"
    )
    opens_on = models.DateField(_("scoring opens on"))
    closes_on = models.DateField(_("scoring closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-fiscal_year", "-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="assessments_round_dates_in_order",
                violation_error_message=_("A round closes on or after the day it opens."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="assessments_round_quarter_1_to_4",
                violation_error_message=_("A quarter is 1 to 4."),
            ),
            models.UniqueConstraint(
                fields=["framework", "unit", "fiscal_year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="assessments_round_once_per_quarter",
                violation_error_message=_("The office already has a round of this quarter."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("assessments:round-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def photo_upload_path(score: "Score", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"assessments/{score.round_id}/{uuid.uuid4().hex}.{suffix}"


class ScoreQuerySet(ScopedQuerySet):
    """Until its round is published an assessor reads only their own scores; the managers
    of the office running the round read them all once it has closed."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        published = Round.objects.visible_to(user).filter(status=Round.Status.PUBLISHED)
        rule = Q(assessor=user) | Q(round__in=published)
        if (user.is_approver or user.is_administrator) and user.unit_id:
            rule |= Q(round__unit_id=user.unit_id, round__status=Round.Status.CLOSED)
        return self.filter(rule)

    def editable_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(assessor=user, round__status=Round.Status.OPEN)

    def allows_edit(self, user, obj) -> bool:
        return (
            getattr(user, "is_authenticated", False)
            and obj.assessor_id == user.pk
            and obj.round.status == Round.Status.OPEN
        )


class Score(models.Model):
    """One assessor's score of one office on one criterion, in points."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="scores"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="assessment_scores",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("office assessed"),
        on_delete=models.PROTECT,
        related_name="assessment_scores",
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    level = models.ForeignKey(
        Level,
        verbose_name=_("level"),
        on_delete=models.PROTECT,
        related_name="scores",
        null=True,
        blank=True,
    )
    comment = models.TextField(_("comment"), blank=True)
    photo = models.FileField(_("photo"), upload_to=photo_upload_path, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScoreQuerySet.as_manager()
    unit_scope = "round__unit"

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["round", "unit__code", "criterion__section__position", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "assessor", "unit", "criterion"],
                name="assessments_score_once_per_assessor",
                violation_error_message=_(
                    "An assessor scores each office once per criterion in a round."
                ),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0),
                name="assessments_score_not_negative",
                violation_error_message=_("A score is not negative."),
            ),
        ]

    def __str__(self):
        return f"{self.round} · {self.unit_id} · {self.criterion.code}"


class CorrectiveActionQuerySet(ScopedQuerySet):
    """A corrective action is read by whoever reads its round, and by the office it asks
    to correct once the round is published."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(round__in=Round.objects.visible_to(user))

    def still_open(self):
        return self.filter(closed_at__isnull=True)


class CorrectiveAction(models.Model):
    """What an office is to put right after a weak score in an inspection: what, who does
    it and by when. An open one is carried into the office's next round of the same
    checklist (shown on its scoring page) until it is closed."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="actions"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("office to correct"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    action = models.TextField(_("what is to be done"))
    responsible = models.CharField(_("who does it"), max_length=200)
    due_on = models.DateField(_("due on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    outcome = models.TextField(_("what was done"), blank=True)

    objects = CorrectiveActionQuerySet.as_manager()
    unit_scope = "round__unit"

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.action[:80]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class FivesProgramme(models.Model):
    """An office's 5S programme of one fiscal year: its measures (มาตรการ ๕ ส) and the
    working group appointed to run them, chosen from the staff registry. Its activities by
    topic (5S days, waste sorting, No foam) are the participation app's
    workplace-environment activities, not kept twice."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("office"), on_delete=models.PROTECT, related_name="fives_programmes"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    measures = models.TextField(_("5S measures"))
    working_group = models.ManyToManyField(
        "orgs.StaffMember", verbose_name=_("5S working group"), related_name="fives_programmes"
    )
    appointed_by = models.CharField(
        _("appointed by (order)"),
        max_length=200,
        blank=True,
        help_text=_("The order appointing the working group, e.g. its number and date."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("5S programme")
        verbose_name_plural = _("5S programmes")
        ordering = ["unit", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "fiscal_year"],
                name="assessments_fives_programme_once_a_year",
                violation_error_message=_("The office has a 5S programme for this year."),
            ),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.fiscal_year}"


def round_manager(user, round_: Round) -> bool:
    """Whether ``user`` manages ``round_`` (the approvers and administrators of the office
    running it)."""
    return can_manage_unit(user, round_.unit_id)


class OrganisationLevel(models.Model):
    """A level a self-assessment reaches with at least so many points in total (the moral
    organisation's องค์กรส่งเสริมคุณธรรม, องค์กรคุณธรรม, องค์กรคุณธรรมต้นแบบ)."""

    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="organisation_levels",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("label"), max_length=200)
    minimum_points = models.PositiveSmallIntegerField(
        _("minimum points"), help_text=_("The total of points from which this level is reached.")
    )

    class Meta:
        verbose_name = _("organisation level")
        verbose_name_plural = _("organisation levels")
        ordering = ["framework", "minimum_points", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "position"],
                name="assessments_organisation_level_position_unique",
                violation_error_message=_("Two levels cannot share a position."),
            ),
            models.UniqueConstraint(
                fields=["framework", "minimum_points"],
                name="assessments_organisation_level_minimum_unique",
                violation_error_message=_("Two levels cannot start at the same points."),
            ),
        ]

    def __str__(self):
        return f"{self.label} (≥ {self.minimum_points})"
