"""Awards, praise and letters of thanks an office receives from outside bodies: the plan
asks offices to keep them as evidence (2.3.3 for service, 3.4.4 for network partners,
4.4.1 for the moral organisation: "รางวัลหรือการชื่นชมหรือคำขอบคุณ ... จากหน่วยงานภายนอก")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity


class Recognition(models.Model):
    """One award, word of praise or letter of thanks, as written by the body that gave it."""

    class Kind(models.TextChoices):
        AWARD = "award", _("Award")
        PRAISE = "praise", _("Praise or certificate of honour")
        THANKS = "thanks", _("Letter of thanks")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="recognitions"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    given_by = models.CharField(_("given by"), max_length=300)
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("letter or certificate number"), max_length=100, blank=True)
    summary = models.TextField(_("for what"), blank=True)
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="recognitions",
        null=True,
        blank=True,
    )
    filed_at = models.DateTimeField(
        _("filed as evidence"),
        null=True,
        blank=True,
        help_text=_("When the entry was filed as evidence of its plan activity (once only)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("award or letter of thanks")
        verbose_name_plural = _("awards and letters of thanks")
        ordering = ["-received_on", "pk"]
        indexes = [models.Index(fields=["unit", "received_on"], name="recognition_unit_idx")]

    def __str__(self):
        return self.title
