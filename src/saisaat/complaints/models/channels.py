from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet


class ChannelQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Channel(models.Model):
    """One way the office takes complaints: a telephone number, a letter address, the
    counter, an e-mail address, the office's social-media page, the complaint box or the
    online form. The list is the office's own and is published on the public pages."""

    class Kind(models.TextChoices):
        OFFLINE = "offline", _("Offline")
        ONLINE = "online", _("Online")

    class Medium(models.TextChoices):
        PHONE = "phone", _("Telephone")
        LETTER = "letter", _("Letter")
        WALK_IN = "walk_in", _("In person")
        EMAIL = "email", _("E-mail")
        SOCIAL_MEDIA = "social_media", _("Social media page")
        BOX = "box", _("Complaint box")
        WEBSITE = "website", _("Online form")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="complaint_channels"
    )
    medium = models.CharField(_("medium"), max_length=16, choices=Medium.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    how_to_reach = models.CharField(
        _("how to reach it"),
        max_length=500,
        blank=True,
        help_text=_("A number, an address, a link or opening hours, as citizens should see it."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ChannelQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("complaint channel")
        verbose_name_plural = _("complaint channels")
        ordering = ["unit__code", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="complaint_channel_unique_name_per_unit",
                violation_error_message=_("This office already has a channel with this name."),
            )
        ]

    def __str__(self):
        return self.name


# (medium, kind, Thai name) of the channels every office starts with; the online form
# is this application's own /complaints/new/.
STANDARD_CHANNELS = [
    (Channel.Medium.PHONE, Channel.Kind.OFFLINE, "โทรศัพท์"),
    (Channel.Medium.LETTER, Channel.Kind.OFFLINE, "หนังสือ/จดหมาย"),
    (Channel.Medium.WALK_IN, Channel.Kind.OFFLINE, "ติดต่อด้วยตนเอง"),
    (Channel.Medium.BOX, Channel.Kind.OFFLINE, "ตู้รับเรื่องร้องเรียน"),
    (Channel.Medium.EMAIL, Channel.Kind.ONLINE, "อีเมล"),
    (Channel.Medium.SOCIAL_MEDIA, Channel.Kind.ONLINE, "เฟซบุ๊กสำนักงาน"),
    (Channel.Medium.WEBSITE, Channel.Kind.ONLINE, "เว็บไซต์ (แบบฟอร์มออนไลน์)"),
]
