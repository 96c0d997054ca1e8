import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet


class PartnerType(models.Model):
    """A kind of network partner; the department counts seven by default."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("partner type")
        verbose_name_plural = _("partner types")
        ordering = ["position", "code"]

    def __str__(self):
        return self.name_th


class Partner(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=300)
    partner_type = models.ForeignKey(
        PartnerType,
        verbose_name=_("partner type"),
        on_delete=models.PROTECT,
        related_name="partners",
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("network partner")
        verbose_name_plural = _("network partners")
        ordering = ["unit", "name"]

    def __str__(self):
        return self.name


def mou_upload_path(mou: "MemorandumOfUnderstanding", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"mou/{mou.unit_id}/{uuid.uuid4().hex}.{suffix}"


class MemorandumOfUnderstanding(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="mous"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    signed_on = models.DateField(_("signed on"))
    partners = models.ManyToManyField(Partner, verbose_name=_("parties"), related_name="mous")
    file = models.FileField(_("file"), upload_to=mou_upload_path, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("memorandum of understanding")
        verbose_name_plural = _("memoranda of understanding")
        ordering = ["-signed_on", "pk"]

    def __str__(self):
        return self.title


class JointActivity(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="joint_activities"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners"), related_name="joint_activities"
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title
