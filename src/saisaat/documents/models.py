"""Generated documents: official memos with their running numbers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet


class MemoCounter(models.Model):
    """The last running number an office gave a memo in a Buddhist-era calendar year.

    Government offices restart their outgoing numbers every calendar year; the row is locked
    while a number is taken so that two memos never get the same one.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memo_counters"
    )
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("memo counter")
        verbose_name_plural = _("memo counters")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="memo_counter_unit_year_unique",
                violation_error_message=_("This office already has a counter for that year."),
            )
        ]

    def __str__(self):
        return f"{self.unit.code}/{self.year}: {self.last_number}"


def memo_upload_path(memo: "Memo", filename: str) -> str:
    return f"memos/{memo.unit.code}/{memo.year}/{filename}"


class Memo(models.Model):
    """An official memo (บันทึกข้อความ) as the officer generated it, with its files."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    unit = models.ForeignKey(
        Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT, related_name="memos"
    )
    kind = models.CharField(_("kind"), max_length=32)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    assignment = models.ForeignKey(
        "tracking.Assignment",
        verbose_name=_("assignment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memos",
    )
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    running_number = models.PositiveIntegerField(_("running number"), null=True, blank=True)
    number = models.CharField(_("number"), max_length=100)
    date = models.DateField(_("date"))
    office = models.CharField(_("government agency"), max_length=300)
    subject = models.CharField(_("subject"), max_length=500)
    recipient = models.CharField(_("to"), max_length=300)
    body = models.TextField(_("body"))
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_position = models.TextField(_("position"))
    thai_digits = models.BooleanField(_("Thai digits"), default=True)
    pdf = models.FileField(_("PDF file"), upload_to=memo_upload_path, max_length=300, blank=True)
    docx = models.FileField(_("DOCX file"), upload_to=memo_upload_path, max_length=300, blank=True)
    evidence = models.OneToOneField(
        "tracking.EvidenceItem",
        verbose_name=_("attached as evidence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memo",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="memos",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Read by the units whose records the user may read; changed by the office's
    # managers (the default rules).
    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "running_number"],
                name="memo_unit_year_number_unique",
                violation_error_message=_("This number was already given to another memo."),
            ),
            # Numbers typed by hand outside the office's series (no running number) too.
            models.UniqueConstraint(
                fields=["unit", "year", "number"],
                name="memo_unit_year_text_unique",
                violation_error_message=_("This number was already given to another memo."),
            ),
        ]
        indexes = [models.Index(fields=["unit", "-created_at"], name="memo_unit_created_idx")]

    def __str__(self):
        return f"{self.number} {self.subject}"

    def get_absolute_url(self):
        return reverse("documents:memo-detail", args=[self.pk])

    def paragraphs(self) -> list[str]:
        return [
            part.strip() for part in self.body.replace("\r\n", "\n").split("\n\n") if part.strip()
        ]
