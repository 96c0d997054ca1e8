"""The public transparency portal: each office's pages and the ITA's OIT items they answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import ScopedQuerySet


class PageKind(models.TextChoices):
    """What a portal page is about; an office has at most one page of each kind."""

    PROFILE = "profile", _("About the office")
    POWERS = "powers-and-duties", _("Powers and duties")
    LAWS = "laws", _("Laws and regulations")
    CONTACT = "contact", _("Contact details")
    QA = "qa", _("Questions and answers")
    SOCIAL = "social", _("Social media channels")
    POLICY = "policy", _("Policies")
    ANNUAL_PLAN = "annual-plan", _("Annual operating plan and budget")
    PLAN_SIX_MONTHS = "plan-six-months", _("Six-month progress report")
    ANNUAL_REPORT = "annual-report", _("Annual performance report")
    MANUALS = "manuals", _("Operating manuals")
    SERVICE_STANDARDS = "service-standards", _("Service standards and manuals")
    SERVICE_STATISTICS = "service-statistics", _("Service statistics")
    SATISFACTION = "satisfaction", _("Satisfaction survey results")
    E_SERVICE = "e-service", _("E-Service")
    PROCUREMENT_PLAN = "procurement-plan", _("Procurement plan")
    PROCUREMENT_NOTICES = "procurement-notices", _("Procurement announcements")
    PROCUREMENT_MONTHLY = "procurement-monthly", _("Monthly procurement summary")
    PROCUREMENT_ANNUAL = "procurement-annual", _("Annual procurement report")
    HR_POLICY = "hr-policy", _("Human resources policy")
    HR_CRITERIA = "hr-criteria", _("Human resources criteria")
    HR_REPORT = "hr-report", _("Annual human resources report")
    COMPLAINT_GUIDELINE = "complaint-guideline", _("Complaint handling guideline")
    PARTICIPATION = "participation", _("Public participation")
    NO_GIFT = "no-gift", _("No Gift policy")
    RISK_ASSESSMENT = "risk-assessment", _("Corruption risk assessment")
    PREVENTION_PLAN = "prevention-plan", _("Corruption prevention plan")
    PREVENTION_SIX_MONTHS = "prevention-six-months", _("Six-month prevention report")
    PREVENTION_REPORT = "prevention-report", _("Annual prevention report")
    OIA_SECTION_7 = "oia-section-7", _("Official Information Act, section 7")
    OIA_SECTION_9 = "oia-section-9", _("Official Information Act, section 9: public inspection")


class PortalPageQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=PortalPage.Status.PUBLISHED)


def attachment_upload_path(page: "PortalPage", filename: str) -> str:
    # Never the sender's file name: it may be long or odd; the page's kind names the file.
    return f"portal/{page.unit.code}/{page.kind}/{page.kind}.pdf"


class PortalPage(models.Model):
    """One public page of an office (its powers and duties, its manuals, its policies...):
    written by the office's managers, public only once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Public")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="portal_pages"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=PageKind.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Plain text. A blank line starts a new paragraph, a line starting with “- ” is a "
            "list item and one starting with “## ” a heading; web addresses become links."
        ),
    )
    attachment = models.FileField(
        _("attachment (PDF)"), upload_to=attachment_upload_path, max_length=300, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = PortalPageQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("portal page")
        verbose_name_plural = _("portal pages")
        ordering = ["unit", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"],
                name="portal_page_unique_kind_per_unit",
                violation_error_message=_("This office already has a page of this kind."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:page", args=[self.unit.code, self.kind])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PublicTarget(models.TextChoices):
    """Public pages outside the portal's own pages that can answer an OIT item."""

    HOME = "portal:home", _("The office's portal home (structure, executives)")
    DOCUMENTS = "portal:documents", _("The office's issued announcements and orders")
    COMPLAINTS = "complaints:index", _("Complaint channels and the online form")
    COMPLAINT_STATISTICS = "complaints:public-statistics", _("Public complaint statistics")
    BUDGET = "portal:budget", _("The office's spending plan and disbursement")
    SURVEYS = "portal:surveys", _("The office's published survey results")
    PARTNERS = "portal:partners", _("The office's activities with partners")


class OitItem(models.Model):
    """One item of the ITA's open-data assessment (OIT) for a fiscal year, and the public
    page that answers it."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(_("code"), max_length=8)
    title = models.CharField(_("title"), max_length=300)
    criteria = models.TextField(_("what counts"), blank=True)
    page_kind = models.CharField(
        _("answered by the page"), max_length=32, choices=PageKind.choices, blank=True
    )
    target = models.CharField(
        _("or answered by"), max_length=64, choices=PublicTarget.choices, blank=True
    )

    class Meta:
        verbose_name = _("OIT item")
        verbose_name_plural = _("OIT items")
        ordering = ["fiscal_year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "code"],
                name="oit_item_unique_code_per_year",
                violation_error_message=_("This fiscal year already has an item with this code."),
            ),
            models.CheckConstraint(
                condition=(Q(page_kind="") & ~Q(target="")) | (~Q(page_kind="") & Q(target="")),
                name="oit_item_one_answer",
                violation_error_message=_("Choose either a portal page or another public page."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
