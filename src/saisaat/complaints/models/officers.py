from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet


class ComplaintOfficerQuerySet(ScopedQuerySet):
    def current(self):
        """Designations that hold: confirmed by a department administrator, the person is
        active and still works at the office they were designated for (a move to another
        office ends the designation)."""
        return self.filter(
            status=ComplaintOfficer.Status.CONFIRMED,
            user__is_active=True,
            user__unit_id=F("unit_id"),
        )

    def pending(self):
        return self.filter(status=ComplaintOfficer.Status.PENDING)


class ComplaintOfficer(models.Model):
    """A person designated to handle the complaints of a unit, including the confidential
    ones about corruption or staff misconduct (ผู้รับผิดชอบเรื่องร้องเรียน).

    Two people make a designation: the office head proposes it (``PENDING``, no access
    yet) and a department administrator confirms it; only ``complaints.services`` does
    either, each step audited. A designation at the department unit makes the person the
    department's integrity officer: the handler of last resort for complaints that name
    the head of the office handling them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="complaint_officers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="complaint_designations",
    )
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designated by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    designated_at = models.DateTimeField(_("designated"), default=timezone.now)
    # A stray row made outside the services grants nothing until someone confirms it.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = ComplaintOfficerQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("complaint officer")
        verbose_name_plural = _("complaint officers")
        ordering = ["unit__code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user"],
                name="complaint_officer_once_per_unit",
                violation_error_message=_("This person is already a complaint officer here."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.unit}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def clean(self):
        if self.user_id and self.unit_id and self.user.unit_id != self.unit_id:
            raise ValidationError(
                {"user": _("Only staff of this office can be its complaint officers.")}
            )
