"""The action plan as data: programme -> plan -> dimension -> measure -> activity -> target."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, WorkGroup
from saisaat.orgs.scoping import ScopedQuerySet


class Programme(models.Model):
    """A standing programme of the department, e.g. โครงการพัฒนาชุมชนใสสะอาด."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self):
        return self.name_th


class PlanQuerySet(ScopedQuerySet):
    """Changed (published) by the owning office's approvers and administrators, the
    default rule; read also by the district offices that implement the province's plan."""

    def visible_to(self, user):
        """Plans a signed-in user may read: those of its own unit and the units below it,
        and the plan of the provincial office that a district office implements."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id is None:
            return self.none()
        condition = Q(owner_unit__in=user.visible_units())
        if user.unit.parent_id:
            condition |= Q(owner_unit_id=user.unit.parent_id)
        return self.filter(condition)


class Plan(models.Model):
    """A programme's action plan for one fiscal year, owned by one unit."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="plans"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), help_text=_("Buddhist-era fiscal year, e.g. 2566.")
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("owning unit"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=500)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()
    unit_scope = "owner_unit"

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-fiscal_year", "owner_unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "fiscal_year", "owner_unit"],
                name="plan_unique_programme_year_unit",
                violation_error_message=_(
                    "This unit already has a plan for this programme and year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400) & Q(fiscal_year__lte=2700),
                name="plan_fiscal_year_is_buddhist_era",
                violation_error_message=_(
                    "The fiscal year must be a Buddhist-era year such as 2566."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.fiscal_year})"

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.pk])


class Dimension(models.Model):
    """A dimension (มิติ) of the plan."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="dimensions"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "plan__owner_unit"

    class Meta:
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="dimension_unique_number_per_plan",
                violation_error_message=_("The plan already has a dimension with this number."),
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Measure(models.Model):
    """A policy, measure or guideline (นโยบาย/มาตรการ/แนวทาง) within a dimension."""

    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.CASCADE, related_name="measures"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "dimension__plan__owner_unit"

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["dimension", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["dimension", "number"],
                name="measure_unique_number_per_dimension",
                violation_error_message=_("The dimension already has a measure with this number."),
            )
        ]

    def __str__(self):
        return f"{self.dimension.number}.{self.number} {self.title}"


class ActivityQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def common(self):
        """Activities of the plan itself, not those a unit added to its own copy."""
        return self.filter(added_by_unit__isnull=True)

    def for_plan(self, plan):
        return self.filter(measure__dimension__plan=plan)

    def overlapping(self, first_day: date, last_day: date):
        """Activities whose period overlaps the given days."""
        return self.filter(period_start__lte=last_day, period_end__gte=first_day)

    def due_between(self, first_day: date, last_day: date):
        return self.filter(period_end__range=(first_day, last_day))

    def for_unit_kind(self, kind: str):
        if kind == Unit.Kind.PROVINCE:
            return self.filter(for_provincial_office=True)
        if kind == Unit.Kind.DISTRICT:
            return self.filter(for_district_offices=True)
        return self

    def in_plan_order(self):
        return self.order_by("measure__dimension__number", "measure__number", "position")


class Activity(models.Model):
    """An activity or project (กิจกรรม/โครงการ) with its period, the work groups responsible,
    the kinds of unit that implement it and the evidence that proves it was done."""

    class ImplementingUnit(models.TextChoices):
        PROVINCE = "province", _("Provincial office (สพจ.)")
        DISTRICT = "district", _("District offices (สพอ.)")

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(_("position within the measure"))
    text = models.TextField(_("activity"))
    period_text = models.CharField(_("period as written"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    responsible_text = models.CharField(_("responsible as written"), max_length=300, blank=True)
    responsible_groups = models.ManyToManyField(
        WorkGroup, verbose_name=_("responsible work groups"), related_name="activities", blank=True
    )
    implementing_text = models.CharField(_("implementing units as written"), max_length=100)
    for_provincial_office = models.BooleanField(_("implemented by the provincial office"))
    for_district_offices = models.BooleanField(_("implemented by the district offices"))
    evidence = models.TextField(_("evidence required"), blank=True)
    added_by_unit = models.ForeignKey(
        Unit,
        verbose_name=_("added by unit"),
        on_delete=models.PROTECT,
        related_name="added_activities",
        null=True,
        blank=True,
        help_text=_("Set when a unit added this activity to its own copy of the plan."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An activity dropped from a re-imported plan is retired, not deleted."),
    )

    objects = ActivityQuerySet.as_manager()
    unit_scope = "measure__dimension__plan__owner_unit"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["measure", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "position"],
                condition=Q(added_by_unit__isnull=True),
                name="activity_unique_position_per_measure",
                violation_error_message=_("The measure already has an activity at this position."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="activity_period_starts_before_it_ends",
                violation_error_message=_("The period must start before it ends."),
            ),
            models.CheckConstraint(
                condition=Q(for_provincial_office=True) | Q(for_district_offices=True),
                name="activity_has_an_implementing_unit",
                violation_error_message=_("An activity needs at least one implementing unit kind."),
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("tracking:activity-detail", args=[self.pk])

    @property
    def implementing_units(self) -> list[str]:
        kinds = []
        if self.for_provincial_office:
            kinds.append(self.ImplementingUnit.PROVINCE)
        if self.for_district_offices:
            kinds.append(self.ImplementingUnit.DISTRICT)
        return kinds

    @property
    def implementing_labels(self) -> list[str]:
        return [self.ImplementingUnit(kind).label for kind in self.implementing_units]


class Target(models.Model):
    """A numeric target the plan states for an activity, to be computed from live data later."""

    class Kind(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        COUNT = "count", _("Count")
        PER_QUARTER = "per_quarter", _("Times per quarter")
        PER_MONTH = "per_month", _("Times per month")

    class Source(models.TextChoices):
        ACTIVITY = "activity", _("Activity text")
        EVIDENCE = "evidence", _("Evidence text")

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    minimum = models.PositiveIntegerField(_("at least"))
    out_of = models.PositiveIntegerField(_("out of"), null=True, blank=True)
    unit_label = models.CharField(_("counted in"), max_length=100, blank=True)
    source = models.CharField(_("found in"), max_length=16, choices=Source.choices)
    text = models.CharField(_("as written"), max_length=300)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "activity__measure__dimension__plan__owner_unit"

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["activity", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "position"],
                name="target_unique_position_per_activity",
                violation_error_message=_("The activity already has a target at this position."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="percent") | Q(minimum__lte=100),
                name="target_percent_at_most_100",
                violation_error_message=_("A percentage target cannot exceed 100."),
            ),
        ]

    def __str__(self):
        return self.describe()

    def describe(self) -> str:
        if self.kind == self.Kind.PERCENT:
            return _("at least %(n)s%%") % {"n": self.minimum}
        if self.kind == self.Kind.PER_QUARTER:
            return _("%(n)s %(label)s per quarter") % {"n": self.minimum, "label": self.unit_label}
        if self.kind == self.Kind.PER_MONTH:
            return _("%(n)s %(label)s per month") % {"n": self.minimum, "label": self.unit_label}
        if self.out_of:
            return _("at least %(n)s of %(total)s %(label)s") % {
                "n": self.minimum,
                "total": self.out_of,
                "label": self.unit_label,
            }
        return _("at least %(n)s %(label)s") % {"n": self.minimum, "label": self.unit_label}


class EvidenceRequirementQuerySet(ScopedQuerySet):
    def in_use(self):
        """The items an activity asks for now: not retired."""
        return self.filter(retired_at__isnull=True)


class EvidenceRequirement(models.Model):
    """One item of the evidence an activity asks for (its หลักฐานเชิงประจักษ์ as a checklist),
    e.g. "the announcement", "the sign-off sheet of at least 80 % of the staff".

    ``kind`` names the kind of record Saisaat holds that can satisfy it (an evidence source
    of ``plans.evidence``); empty means an uploaded file or a link does. Audited through
    ``saisaat.audit`` rather than a history table.

    An item that evidence was filed for is never deleted (the evidence's link protects
    it): taken off the checklist it is *retired* (``retired_at``), so the evidence stays
    linked and shows what it was filed for."""

    class MinimumKind(models.TextChoices):
        PERCENT = "percent", _("Percentage")
        COUNT = "count", _("Count")

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    label = models.CharField(_("item"), max_length=500)
    kind = models.CharField(
        _("record that satisfies it"),
        max_length=40,
        blank=True,
        help_text=_("Empty: an uploaded file or a link."),
    )
    minimum = models.PositiveIntegerField(_("at least"), null=True, blank=True)
    minimum_kind = models.CharField(
        _("threshold kind"), max_length=8, choices=MinimumKind.choices, blank=True
    )
    minimum_unit = models.CharField(_("counted in"), max_length=100, blank=True)
    retired_at = models.DateTimeField(
        _("retired"),
        null=True,
        blank=True,
        help_text=_("Taken off the checklist while evidence was filed for it."),
    )

    objects = EvidenceRequirementQuerySet.as_manager()
    unit_scope = "activity__measure__dimension__plan__owner_unit"

    class Meta:
        verbose_name = _("evidence item required")
        verbose_name_plural = _("evidence items required")
        ordering = ["activity_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "position"],
                name="requirement_unique_position_per_activity",
                violation_error_message=_("The activity already has an item at this position."),
            ),
            models.CheckConstraint(
                condition=~Q(minimum_kind="percent") | Q(minimum__lte=100),
                name="requirement_percent_at_most_100",
                violation_error_message=_("A percentage cannot exceed 100."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def linked_evidence_count(self) -> int:
        """How many pieces of evidence name this item, whichever app keeps them (plans
        never imports the work apps: it asks the relations that point here)."""
        return sum(
            relation.related_model._base_manager.filter(**{relation.field.name: self}).count()
            for relation in self._meta.related_objects
        )

    def threshold_text(self) -> str:
        if self.minimum is None:
            return ""
        if self.minimum_kind == self.MinimumKind.PERCENT:
            return _("at least %(n)s%%") % {"n": self.minimum}
        return _("at least %(n)s %(label)s") % {"n": self.minimum, "label": self.minimum_unit}
