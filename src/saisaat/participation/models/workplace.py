"""Records the plan asks offices to keep that are not uploaded files: the activities of
the workplace-environment plan (dimension 2, "สำนักงานสะดวก") and the channels through
which an office publishes its work with network partners (dimension 3)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity


class EnvironmentTopic(models.TextChoices):
    """What a workplace-environment activity is about. The plan names two topics the
    offices must cover (2.2.1: "การลดและคัดแยกขยะมูลฝอยในหน่วยงาน และโครงการ ลด ละ เลิก
    การใช้โฟมบรรจุอาหาร (No foam)"); the 5S activities of the environment plan (2.1.4)
    and any other topic are recorded too."""

    FIVE_S = "five_s", _("5S workplace tidying")
    WASTE = "waste", _("Reducing and sorting waste")
    NO_FOAM = "no_foam", _("No foam food containers")
    ENERGY = "energy", _("Saving energy and water")
    GREEN = "green", _("Green and clean office")
    OTHER = "other", _("Other environment topic")


# The topics 2.2.1 names ("อย่างน้อย ๒ เรื่อง ประกอบด้วย ...").
REQUIRED_TOPICS = (EnvironmentTopic.WASTE, EnvironmentTopic.NO_FOAM)


class EnvironmentActivity(models.Model):
    """One activity held under the office's workplace-environment action plan (the 5S
    plan): a quarterly 5S day (2.1.4), a waste-sorting or No-foam activity (2.2.1)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="environment_activities",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    topic = models.CharField(_("topic"), max_length=16, choices=EnvironmentTopic.choices)
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    summary = models.TextField(_("what was done"), blank=True)
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="environment_activities",
        null=True,
        blank=True,
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
        verbose_name = _("workplace-environment activity")
        verbose_name_plural = _("workplace-environment activities")
        ordering = ["-held_on", "pk"]
        indexes = [models.Index(fields=["unit", "held_on"], name="environment_activity_unit_idx")]

    def __str__(self):
        return self.title


class PublicationChannel(models.Model):
    """A channel through which the office publishes its work (3.2.3: "ช่องทางเผยแพร่
    การดำเนินงานผ่านระบบออนไลน์ของหน่วยงาน หรือช่องทางอื่น อย่างน้อย ๑ ช่องทาง"), open from
    ``opened_on`` until ``closed_on`` (when it stopped)."""

    class Medium(models.TextChoices):
        WEBSITE = "website", _("Office website")
        FACEBOOK = "facebook", _("Facebook page")
        LINE = "line", _("LINE group or official account")
        YOUTUBE = "youtube", _("YouTube channel")
        BOARD = "board", _("Notice board")
        NEWSLETTER = "newsletter", _("Newsletter or leaflet")
        RADIO = "radio", _("Community radio or loudspeaker")
        OTHER = "other", _("Other channel")

    ONLINE = (Medium.WEBSITE, Medium.FACEBOOK, Medium.LINE, Medium.YOUTUBE)

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="publication_channels",
    )
    medium = models.CharField(_("medium"), max_length=16, choices=Medium.choices)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=500, blank=True)
    opened_on = models.DateField(_("open since"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="publication_channels",
        null=True,
        blank=True,
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
        verbose_name = _("publication channel")
        verbose_name_plural = _("publication channels")
        ordering = ["opened_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="publication_channel_closes_after_opening",
                violation_error_message=_("A channel cannot close before it opened."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_online(self) -> bool:
        return self.medium in self.ONLINE

    def is_open_on(self, day) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on > day)
