"""Which live metric measures each numeric target of a plan."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Target


class IndicatorBinding(models.Model):
    """Binds a plan target to a metric computed from live data (see ``metrics.METRICS``).

    Bindings are made by rules that read the target's activity (``bind_plan_targets``) and
    can be changed by an administrator; a target without one is shown as not measured.
    """

    target = models.OneToOneField(
        Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="binding"
    )
    metric = models.CharField(_("metric"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "target__activity__measure__dimension__plan__owner_unit"

    class Meta:
        verbose_name = _("indicator binding")
        verbose_name_plural = _("indicator bindings")

    def __str__(self):
        return f"{self.target} → {self.metric}"
