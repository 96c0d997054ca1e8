"""Generated documents: official memos, orders and announcements with their running numbers,
and the staff's receipts of the documents sent to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import StaffMember, Unit
from saisaat.orgs.scoping import ScopedQuerySet


class Series(models.TextChoices):
    """The office's separate number series: memos, orders and announcements each count
    from 1 every calendar year (คำสั่ง ที่ ๑/๒๕๖๖ and บันทึก ที่ นค 0016/1 never collide)."""

    MEMO = "memo", _("memo")
    ORDER = "order", _("order")
    ANNOUNCEMENT = "announcement", _("announcement")


class MemoCounter(models.Model):
    """The last running number an office gave in one series in a Buddhist-era calendar year.

    Government offices restart their outgoing numbers every calendar year; the row is locked
    while a number is taken so that two documents of a series never get the same one.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memo_counters"
    )
    series = models.CharField(
        _("series"), max_length=16, choices=Series.choices, default=Series.MEMO
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
                fields=["unit", "series", "year"],
                name="memo_counter_unit_series_year_unique",
                violation_error_message=_("This office already has a counter for that year."),
            )
        ]

    def __str__(self):
        return f"{self.unit.code}/{self.series}/{self.year}: {self.last_number}"


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


# -- orders and announcements -------------------------------------------------------------


class OfficialDocumentQuerySet(ScopedQuerySet):
    """Read by the units whose records the user may read, and by everyone it was sent to
    (a district officer named in a provincial order); changed by the office's managers."""

    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False) or user.is_superuser:
            return super().visible_to(user)
        return self.filter(
            Q(unit__in=user.visible_units())
            | Q(pk__in=Receipt.objects.filter(user=user).values("document_id"))
        )

    def issued(self):
        return self.filter(status=OfficialDocument.Status.ISSUED)


def official_upload_path(document: "OfficialDocument", filename: str) -> str:
    return f"official/{document.unit.code}/{document.year}/{filename}"


class OfficialDocument(models.Model):
    """An announcement (ประกาศ) or an order (คำสั่ง) of an office: drafted, then issued
    with the next number of its own series and its files fixed."""

    class Kind(models.TextChoices):
        ORDER = "order", _("Order")
        ANNOUNCEMENT = "announcement", _("Announcement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="official_documents",
        help_text=_("The activity of the plan this document proves, if any."),
    )
    office = models.CharField(_("government agency"), max_length=300)
    title = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("body"))
    duties = models.TextField(_("duties"), blank=True)
    effective = models.CharField(
        _("in force from"),
        max_length=300,
        blank=True,
        help_text=_("Printed after “ทั้งนี้ ตั้งแต่”."),
    )
    date = models.DateField(_("date"))
    year = models.PositiveSmallIntegerField(_("year (B.E.)"), null=True, blank=True)
    running_number = models.PositiveIntegerField(_("running number"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=200)
    signer_position = models.TextField(_("position"))
    thai_digits = models.BooleanField(_("Thai digits"), default=True)
    pdf = models.FileField(
        _("PDF file"), upload_to=official_upload_path, max_length=300, blank=True
    )
    docx = models.FileField(
        _("DOCX file"), upload_to=official_upload_path, max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="official_documents",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    # An issued announcement is public on the office's portal only from this moment on
    # (saisaat.portal.services.publish_document); empty: not (or no longer) public.
    portal_published_at = models.DateTimeField(
        _("public on the portal since"), null=True, blank=True
    )

    objects = OfficialDocumentQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("order or announcement")
        verbose_name_plural = _("orders and announcements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "running_number"],
                name="official_unit_kind_year_number_unique",
                violation_error_message=_("This number was already given to another document."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(running_number__isnull=False, year__isnull=False),
                name="official_issued_has_number",
                violation_error_message=_("An issued document has a number."),
            ),
        ]
        indexes = [models.Index(fields=["unit", "-created_at"], name="official_unit_created_idx")]

    def __str__(self):
        return " ".join(filter(None, [self.heading_word, self.number_text, self.title]))

    def get_absolute_url(self):
        return reverse("documents:official-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_order(self) -> bool:
        return self.kind == self.Kind.ORDER

    @property
    def heading_word(self) -> str:
        return "คำสั่ง" if self.is_order else "ประกาศ"

    @property
    def number_text(self) -> str:
        """``ที่ 12/2566`` once an order is issued; announcements print no number."""
        if not self.is_order or self.running_number is None:
            return ""
        return f"ที่ {self.running_number}/{self.year}"

    def paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    def duty_paragraphs(self) -> list[str]:
        return split_paragraphs(self.duties)


def split_paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


class CommitteeMember(models.Model):
    """A person an order appoints, picked from the staff registry; the name and position
    are kept as printed, so the order stays what was signed when the registry changes."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Member and secretary")
        ASSISTANT_SECRETARY = "assistant_secretary", _("Member and assistant secretary")

    document = models.ForeignKey(
        OfficialDocument, verbose_name=_("order"), on_delete=models.CASCADE, related_name="members"
    )
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    position_in_list = models.PositiveSmallIntegerField(_("order in the list"))
    name = models.CharField(_("name"), max_length=300)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(_("role in the committee"), max_length=24, choices=Role.choices)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "document__unit"

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["document", "position_in_list"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "staff"],
                name="committee_member_once",
                violation_error_message=_("This person is already on the committee."),
            )
        ]

    def __str__(self):
        return self.name


class Receipt(models.Model):
    """One person's copy of an issued document sent to staff, and when they acknowledged
    reading it (the plan's "communicate it to staff")."""

    document = models.ForeignKey(
        OfficialDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="receipts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="document_receipts",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "document__unit"

    class Meta:
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        ordering = ["document", "unit__code", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "user"],
                name="receipt_once_per_person",
                violation_error_message=_("This person already has this document."),
            )
        ]
        indexes = [models.Index(fields=["user", "acknowledged_at"], name="receipt_inbox")]

    def __str__(self):
        return f"{self.document} → {self.user}"


# -- sub-plans ------------------------------------------------------------------------------


class SubPlan(models.Model):
    """A plan of its own under one plan activity, with its document: the network partner
    plan (3.1.1), the moral-organisation plan (4.1.1) and the innovation project (5.1.1).

    Kept here, above the work apps: its activities name staff (orgs), office activities
    (plans) and budget lines (budget), which no single work app may reach. Issued, it is
    fixed and can be filed as its plan activity's evidence.
    """

    class Kind(models.TextChoices):
        PARTNERS = "partners", _("Network partner plan")
        MORAL = "moral", _("Moral-organisation plan")
        INNOVATION = "innovation", _("Innovation project")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ISSUED = "issued", _("issued and fixed")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="subplans"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    objective = models.TextField(_("objective"))
    plan_activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("plan activity"),
        on_delete=models.SET_NULL,
        related_name="subplans",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    evidence = models.ForeignKey(
        "tracking.EvidenceItem",
        verbose_name=_("filed as evidence"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("sub-plan")
        verbose_name_plural = _("sub-plans")
        ordering = ["-fiscal_year", "kind", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:subplan-detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class SubPlanActivity(models.Model):
    """One activity of a sub-plan: its period, the people responsible, its budget and the
    indicator with its target; linked to the office's plan activity and budget line."""

    subplan = models.ForeignKey(
        SubPlan, verbose_name=_("sub-plan"), on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("activity"), max_length=300)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    responsible = models.ManyToManyField(
        StaffMember, verbose_name=_("responsible"), related_name="+", blank=True
    )
    budget = models.DecimalField(_("budget (baht)"), max_digits=14, decimal_places=2, default=0)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    plan_activity = models.ForeignKey(
        "plans.Activity",
        verbose_name=_("office activity"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    budget_line = models.ForeignKey(
        "budget.BudgetLine",
        verbose_name=_("budget line"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )

    objects = ScopedQuerySet.as_manager()
    unit_scope = "subplan__unit"

    class Meta:
        verbose_name = _("sub-plan activity")
        verbose_name_plural = _("sub-plan activities")
        ordering = ["subplan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="subplan_activity_period_in_order",
                violation_error_message=_("The period must start before it ends."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="subplan_activity_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name
