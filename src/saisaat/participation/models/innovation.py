from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity


class InnovationProject(models.Model):
    """A transparency innovation (dimension 5) whose benefit is shown by before/after figures."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="innovations"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"))
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="innovations",
        null=True,
        blank=True,
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("innovation project")
        verbose_name_plural = _("innovation projects")
        ordering = ["-fiscal_year", "title"]

    def __str__(self):
        return self.title


class InnovationMeasurement(models.Model):
    """One metric measured before and after: time taken, cost, steps, or any named figure."""

    project = models.ForeignKey(
        InnovationProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    metric = models.CharField(_("what is measured"), max_length=200)
    unit_label = models.CharField(_("unit of measure"), max_length=50, blank=True)
    before = models.DecimalField(_("before"), max_digits=14, decimal_places=2)
    after = models.DecimalField(_("after"), max_digits=14, decimal_places=2)
    lower_is_better = models.BooleanField(
        _("lower is better"),
        default=True,
        help_text=_("True for time, cost and steps; false for, say, satisfaction."),
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "project__unit"

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["project", "pk"]

    def __str__(self):
        return self.metric

    @property
    def change(self) -> Decimal:
        return self.after - self.before

    @property
    def percent_change(self) -> Decimal | None:
        if not self.before:
            return None
        return (self.change * 100 / self.before).quantize(Decimal("0.1"))

    @property
    def improved(self) -> bool:
        return self.after < self.before if self.lower_is_better else self.after > self.before
