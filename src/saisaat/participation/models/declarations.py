from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.scoping import ScopedQuerySet


class DeclarationQuerySet(ScopedQuerySet):
    """A declaration's audience is its office and the offices below it, so besides the
    default (the user's own unit and those below) a user reads those of the offices above
    its own (at most two levels). Managed by the publishing office (the default)."""

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id is None:
            return self.none()
        grandparent = Unit.objects.filter(children__children=user.unit_id).values("pk")
        return self.filter(
            Q(unit__in=user.visible_units())
            | Q(unit_id=user.unit.parent_id)
            | Q(unit_id__in=grandparent)
        )


class Declaration(models.Model):
    """A text the office asks its people to acknowledge: the moral-organisation declaration,
    the OSMKH pledge, the No Gift policy. Its wording lives in numbered versions."""

    class Kind(models.TextChoices):
        MORAL_DECLARATION = "moral_declaration", _("Moral-organisation declaration")
        OSMKH_PLEDGE = "osmkh_pledge", _("OSMKH pledge")
        NO_GIFT = "no_gift", _("No Gift policy")
        OTHER = "other", _("Other announcement")

    class Audience(models.TextChoices):
        ALL_STAFF = "all_staff", _("Every staff member")
        LEADERS = "leaders", _("Group directors and district development officers")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="declarations",
        help_text=_(
            "The office that publishes it; its own staff and those of units below it "
            "are the audience."
        ),
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.ALL_STAFF
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DeclarationQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        ordering = ["-fiscal_year", "kind", "pk"]

    def __str__(self):
        return self.title


class DeclarationVersion(models.Model):
    """The exact wording people acknowledge; a changed text is a new version to acknowledge."""

    declaration = models.ForeignKey(
        Declaration,
        verbose_name=_("declaration"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "declaration__unit"

    class Meta:
        verbose_name = _("declaration version")
        verbose_name_plural = _("declaration versions")
        ordering = ["declaration", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "number"],
                name="declarationversion_unique_number",
                violation_error_message=_("This version number already exists."),
            )
        ]

    def __str__(self):
        return f"{self.declaration} v{self.number}"


class Acknowledgement(models.Model):
    """One person's acknowledgement of one version, signed in the app."""

    version = models.ForeignKey(
        DeclarationVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="acknowledgements",
    )
    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="acknowledgements",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "version__declaration__unit"

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["acknowledged_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "staff"],
                name="acknowledgement_once_per_version",
                violation_error_message=_("This person already acknowledged this version."),
            )
        ]

    def __str__(self):
        return f"{self.staff} ✓ {self.version}"
