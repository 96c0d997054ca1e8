"""Personal data protection (PDPA 2562): the register of personal-data breaches, and the
erasures people ask for, which a second person confirms."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import ConfirmedByAnother, Unit, User
from saisaat.orgs.scoping import ScopedQuerySet

# The PDPA's deadline for telling the PDPC office after a breach is found.
REPORT_WITHIN = timedelta(hours=72)


def reads_breaches_of(user, unit_id) -> bool:
    """The office's head and administrators, and the department (which oversees them)."""
    if not (user.is_authenticated and user.is_active and user.unit_id is not None):
        return False
    if user.is_department_user:
        return True
    return user.unit_id == unit_id and (user.is_office_head or user.is_administrator)


def records_breaches_of(user, unit_id) -> bool:
    """Only the office's own head and administrators record and update its breaches."""
    return (
        user.is_authenticated
        and user.is_active
        and user.unit_id == unit_id
        and (user.is_office_head or user.is_administrator)
    )


class BreachQuerySet(ScopedQuerySet):
    """Breaches are not read by the office's staff at large: see ``reads_breaches_of``."""

    def visible_to(self, user):
        if not (user.is_authenticated and user.is_active and user.unit_id is not None):
            return self.none()
        if user.is_department_user:
            return self
        if user.is_office_head or user.is_administrator:
            return self.filter(unit_id=user.unit_id)
        return self.none()

    def editable_by(self, user):
        if not (user.is_authenticated and user.is_active and user.unit_id is not None):
            return self.none()
        if user.is_office_head or user.is_administrator:
            return self.filter(unit_id=user.unit_id)
        return self.none()

    def allows_edit(self, user, obj) -> bool:
        return records_breaches_of(user, obj.unit_id)


class Breach(models.Model):
    """A personal-data breach (เหตุการละเมิดข้อมูลส่วนบุคคล) at an office: when it was
    found, what happened, how many people, the risk, whether the PDPC office was told
    within 72 hours, and what was done."""

    class Risk(models.TextChoices):
        NONE = "none", _("Unlikely to harm the people concerned")
        RISK = "risk", _("A risk to people's rights: report to the PDPC office")
        HIGH = "high", _("A high risk: report to the PDPC office and tell the people")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="breaches"
    )
    found_at = models.DateTimeField(_("found"))
    description = models.TextField(_("what happened and which data"))
    people_affected = models.PositiveIntegerField(_("people affected"))
    risk = models.CharField(_("risk"), max_length=8, choices=Risk.choices)
    reported_at = models.DateTimeField(_("reported to the PDPC office"), null=True, blank=True)
    people_told_at = models.DateTimeField(_("people told"), null=True, blank=True)
    actions = models.TextField(_("actions taken"), blank=True)
    recorded_by = models.ForeignKey(
        User, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BreachQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("personal-data breach")
        verbose_name_plural = _("personal-data breaches")
        ordering = ["-found_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_at__isnull=True)
                | models.Q(reported_at__gte=models.F("found_at")),
                name="breach_reported_after_found",
                violation_error_message=_("A breach is reported after it is found."),
            )
        ]

    def __str__(self):
        return f"{_('breach')} #{self.pk}"

    @property
    def report_due(self):
        return self.found_at + REPORT_WITHIN

    @property
    def needs_report(self) -> bool:
        return self.risk != self.Risk.NONE

    @property
    def reported_in_time(self) -> bool | None:
        """True or False once reported; None while not reported."""
        if self.reported_at is None:
            return None
        return self.reported_at <= self.report_due


class ErasureRequestQuerySet(ScopedQuerySet):
    pass


class ErasureRequest(ConfirmedByAnother):
    """A person asked for their data to be erased: an officer who handles identities
    proposes it, another confirms it, and only then are the identities removed. The
    contact is kept only as its keyed digest, and only until the request is decided."""

    class ContactKind(models.TextChoices):
        PHONE = "phone", _("Telephone")
        EMAIL = "email", _("E-mail")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="erasure_requests"
    )
    contact_kind = models.CharField(_("contact"), max_length=8, choices=ContactKind.choices)
    # Blank once the request is decided: no trace of the contact outlives the decision.
    contact_digest = models.CharField(_("contact digest"), max_length=64, blank=True)
    reason = models.CharField(_("request"), max_length=500)
    proposed_by = models.ForeignKey(
        User, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    complaints_erased = models.PositiveIntegerField(_("complaints anonymised"), default=0)

    objects = ErasureRequestQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self):
        return f"{_('erasure request')} #{self.pk}"
