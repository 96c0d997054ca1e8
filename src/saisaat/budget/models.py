"""A unit's annual spending plan: budget lines with planned and disbursed amounts per month."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.budget.money import MAX_DIGITS
from saisaat.orgs.models import Unit, WorkGroup
from saisaat.orgs.scoping import ScopedQuerySet


class BudgetSource(models.TextChoices):
    """Budget categories of the Budget Bureau (งบรายจ่าย)."""

    PERSONNEL = "personnel", _("Personnel expenses")
    OPERATING = "operating", _("Operating expenses")
    INVESTMENT = "investment", _("Investment expenses")
    SUBSIDY = "subsidy", _("Subsidies")
    OTHER = "other", _("Other expenses")


SOURCE_THAI = {
    BudgetSource.PERSONNEL: "งบบุคลากร",
    BudgetSource.OPERATING: "งบดำเนินงาน",
    BudgetSource.INVESTMENT: "งบลงทุน",
    BudgetSource.SUBSIDY: "งบอุดหนุน",
    BudgetSource.OTHER: "งบรายจ่ายอื่น",
}
"""The names spreadsheets use, whatever the reader's language."""


class BudgetLineQuerySet(ScopedQuerySet):
    def for_year(self, fiscal_year: int):
        return self.filter(fiscal_year=fiscal_year)


class BudgetLine(models.Model):
    """One line of a unit's spending plan for a fiscal year: a project, an activity or an
    expense item, its budget source and the work group responsible. Its planned and
    disbursed amounts live in twelve ``MonthlyAmount`` rows; its totals are their sums."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="budget_lines"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    number = models.PositiveSmallIntegerField(_("line number"))
    name = models.CharField(_("project or activity"), max_length=300)
    source = models.CharField(
        _("budget source"),
        max_length=16,
        choices=BudgetSource.choices,
        default=BudgetSource.OPERATING,
    )
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        null=True,
        blank=True,
    )
    work_group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("responsible work group"),
        on_delete=models.SET_NULL,
        related_name="budget_lines",
        null=True,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)

    objects = BudgetLineQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["unit__code", "fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "fiscal_year", "number"],
                name="budgetline_unique_number",
                violation_error_message=_("This unit already has a line with this number."),
            ),
            models.UniqueConstraint(
                fields=["unit", "fiscal_year", "name"],
                name="budgetline_unique_name",
                violation_error_message=_("This unit already has a line with this name."),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=2400) & Q(fiscal_year__lte=2700),
                name="budgetline_fiscal_year_is_buddhist_era",
                violation_error_message=_("The fiscal year must be a Buddhist-era year."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("budget:line-detail", args=[self.pk])


class MonthlyAmount(models.Model):
    """What a budget line plans to spend and has disbursed in one fiscal month."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.CASCADE, related_name="months"
    )
    month = models.PositiveSmallIntegerField(
        _("fiscal month"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 is October, 12 is September."),
    )
    planned = models.DecimalField(_("planned"), max_digits=MAX_DIGITS, decimal_places=2, default=0)
    disbursed = models.DecimalField(
        _("disbursed"), max_digits=MAX_DIGITS, decimal_places=2, default=0
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "line__unit"

    class Meta:
        verbose_name = _("monthly amount")
        verbose_name_plural = _("monthly amounts")
        ordering = ["line", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["line", "month"],
                name="monthlyamount_unique_month",
                violation_error_message=_("This line already has an amount for this month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12),
                name="monthlyamount_month_1_to_12",
                violation_error_message=_("The fiscal month must be from 1 to 12."),
            ),
            models.CheckConstraint(
                condition=Q(planned__gte=0) & Q(disbursed__gte=0),
                name="monthlyamount_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.line} / {self.month}"
