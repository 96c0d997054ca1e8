import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.scoping import ScopedQuerySet
from saisaat.plans.models import Activity


def new_checkin_token() -> str:
    return secrets.token_urlsafe(16)


class OfficeActivity(models.Model):
    """Something the office held — a moral-organisation activity or any other — with the
    virtues it served and who attended."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="office_activities"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    title = models.CharField(_("title"), max_length=300)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    virtues = models.JSONField(
        _("virtues"),
        default=list,
        blank=True,
        help_text=_("The target virtues this activity served."),
    )
    is_moral_organisation = models.BooleanField(
        _("part of the moral-organisation plan"), default=True
    )
    is_osmkh_workshop = models.BooleanField(
        _("OSMKH workshop"),
        default=False,
        help_text=_(
            "The OSMKH project's workshop (item 4.4): its attendance is a metric of the "
            "OSMKH evaluation."
        ),
    )
    plan_activity = models.ForeignKey(
        Activity,
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="office_activities",
        null=True,
        blank=True,
    )
    checkin_token = models.CharField(
        _("check-in code"), max_length=32, unique=True, default=new_checkin_token
    )
    checkin_open = models.BooleanField(_("check-in open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("office activity")
        verbose_name_plural = _("office activities")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    class Method(models.TextChoices):
        LIST = "list", _("Recorded from the attendance list")
        QR = "qr", _("Checked in with the QR code")

    activity = models.ForeignKey(
        OfficeActivity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "activity__unit"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "staff"],
                name="attendance_once_per_person",
                violation_error_message=_("This person is already on the list."),
            )
        ]

    def __str__(self):
        return f"{self.staff} @ {self.activity}"
