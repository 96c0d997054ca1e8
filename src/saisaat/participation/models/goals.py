from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.participation.models.virtues import virtue_field


class MoralGoal(models.Model):
    """A proposal for the office's moral goals: a problem to fix or a good deed to do,
    under one of the five virtues. Staff vote; the office adopts some."""

    class Kind(models.TextChoices):
        PROBLEM = "problem", _("A problem we want to fix (ปัญหาที่อยากแก้)")
        GOOD_DEED = "good_deed", _("A good deed we want to do (ความดีที่อยากทำ)")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="moral_goals"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    virtue = virtue_field()
    text = models.TextField(_("proposal"))
    proposed_by = models.ForeignKey(
        StaffMember,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="moral_goals",
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("moral goal")
        verbose_name_plural = _("moral goals")
        ordering = ["-fiscal_year", "kind", "pk"]

    def __str__(self):
        return self.text[:80]


class MoralGoalVote(models.Model):
    goal = models.ForeignKey(
        MoralGoal, verbose_name=_("moral goal"), on_delete=models.CASCADE, related_name="votes"
    )
    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="moral_goal_votes",
    )
    voted_at = models.DateTimeField(_("voted"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "goal__unit"

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "staff"],
                name="moralgoalvote_once_per_person",
                violation_error_message=_("This person already voted for this goal."),
            )
        ]

    def __str__(self):
        return f"{self.staff} → {self.goal}"
