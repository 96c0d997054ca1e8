import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember
from saisaat.orgs.scoping import ScopedQuerySet


class Course(models.Model):
    """A training course whose certificate counts, e.g. the anti-corruption e-learning of the
    NACC (สำนักงาน ป.ป.ช.) or the PACC (สำนักงาน ป.ป.ท.)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    counts_for_anti_corruption = models.BooleanField(
        _("counts as anti-corruption training"), default=True
    )

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self):
        return self.name_th


def certificate_upload_path(certificate: "Certificate", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"certificates/{certificate.staff.unit_id}/{uuid.uuid4().hex}.{suffix}"


def may_record_certificate_for(user, staff: StaffMember) -> bool:
    """Who records and removes a person's certificates: those who keep the person's staff
    record, and the person themself."""
    return StaffMember.objects.allows_edit(user, staff) or (
        staff.user_id is not None and staff.user_id == user.pk
    )


class CertificateQuerySet(ScopedQuerySet):
    """A person's certificates: read like their staff record and by the person themself;
    changed by those who keep the record and by the person."""

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(staff__in=StaffMember.objects.visible_to(user)) | Q(staff__user=user))

    def editable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(staff__in=StaffMember.objects.editable_by(user)) | Q(staff__user=user))

    def allows_edit(self, user, obj) -> bool:
        return may_record_certificate_for(user, obj.staff)


class Certificate(models.Model):
    """A person's certificate of having passed a course."""

    staff = models.ForeignKey(
        StaffMember,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("certificate number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    file = models.FileField(_("file"), upload_to=certificate_upload_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()
    unit_scope = "staff__unit"

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "course", "issued_on"],
                name="certificate_once_per_course_and_day",
                violation_error_message=_("This certificate is already recorded."),
            )
        ]

    def __str__(self):
        return f"{self.staff} — {self.course}"
