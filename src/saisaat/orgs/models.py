"""Units (department, provincial and district offices), their work groups and user accounts."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.collation import thai_order
from saisaat.orgs.scoping import ScopedQuerySet, can_manage_unit


class UnitQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(kind=Unit.Kind.PROVINCE)

    def districts(self):
        return self.filter(kind=Unit.Kind.DISTRICT)

    def in_thai_order(self):
        return self.order_by(thai_order("name_th"))

    def within(self, unit: "Unit"):
        """The unit itself and every unit below it (the tree is at most three levels deep)."""
        return self.filter(Q(pk=unit.pk) | Q(parent=unit) | Q(parent__parent=unit))


class Unit(models.Model):
    """An office in the department's tree: the department, a provincial office (สพจ.)
    or a district office (สพอ.)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        PROVINCE = "province", _("Provincial office")
        DISTRICT = "district", _("District office")

    code = models.CharField(
        _("code"),
        max_length=16,
        unique=True,
        help_text=_(
            "Interior Ministry geocode, e.g. 43 for Nong Khai, 4301 for its Mueang district."
        ),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name_th = models.CharField(_("short name (Thai)"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        related_name="children",
        null=True,
        blank=True,
    )
    # A second approver for the office's work: approves what the head made (separation of
    # duties). Set only through ``orgs.roles`` with a department administrator's consent.
    deputy_approver = models.ForeignKey(
        "orgs.User",
        verbose_name=_("deputy approver"),
        on_delete=models.SET_NULL,
        related_name="deputy_of",
        null=True,
        blank=True,
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="department") | Q(parent__isnull=False),
                name="unit_has_parent_unless_department",
                violation_error_message=_("Only the department may have no parent unit."),
            )
        ]

    def __str__(self):
        return self.name_th

    def clean(self):
        expected_parent_kind = {
            self.Kind.PROVINCE: self.Kind.DEPARTMENT,
            self.Kind.DISTRICT: self.Kind.PROVINCE,
        }.get(self.kind)
        if expected_parent_kind and self.parent and self.parent.kind != expected_parent_kind:
            raise ValidationError(
                {
                    "parent": _("This kind of unit must sit under a %(kind)s.")
                    % {"kind": self.Kind(expected_parent_kind).label}
                }
            )

    @property
    def province(self) -> "Unit | None":
        """The provincial office this unit belongs to (itself for a provincial office)."""
        if self.kind == self.Kind.PROVINCE:
            return self
        if self.kind == self.Kind.DISTRICT:
            return self.parent
        return None


class WorkGroup(models.Model):
    """A work group (กลุ่มงาน) inside a unit."""

    class Function(models.TextChoices):
        COORDINATION = "coordination", _("Coordination and general administration")
        STRATEGY = "strategy", _("Community development strategy")
        PROMOTION = "promotion", _("Community development promotion")
        INFORMATICS = "informatics", _("Information and communication")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="work_groups"
    )
    function = models.CharField(_("function"), max_length=32, choices=Function.choices)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("work group")
        verbose_name_plural = _("work groups")
        ordering = ["unit", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "function"],
                name="workgroup_unique_function_per_unit",
                violation_error_message=_("This unit already has a work group with this function."),
            )
        ]

    def __str__(self):
        return self.name_th


STANDARD_WORK_GROUPS = {
    WorkGroup.Function.COORDINATION: (
        "กลุ่มงานประสานและบริหารทั่วไป",
        "Coordination and General Administration Group",
    ),
    WorkGroup.Function.STRATEGY: (
        "กลุ่มงานยุทธศาสตร์การพัฒนาชุมชน",
        "Community Development Strategy Group",
    ),
    WorkGroup.Function.PROMOTION: (
        "กลุ่มงานส่งเสริมการพัฒนาชุมชน",
        "Community Development Promotion Group",
    ),
    WorkGroup.Function.INFORMATICS: (
        "กลุ่มงานสารสนเทศการพัฒนาชุมชน",
        "Community Development Information Group",
    ),
}


class User(AbstractUser):
    """A staff account, tied to the unit it works in, its work group and its role."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Officer")
        APPROVER = "approver", _("Approver (director)")
        ADMINISTRATOR = "administrator", _("Administrator")
        COMMITTEE = "committee", _("Evaluation committee")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    work_group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("work group"),
        # Never emptied by deleting the group: an approver without a work group is the
        # office's head, a role given only with a second person's consent.
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICER)
    position = models.CharField(_("position"), max_length=200, blank=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.work_group_id and self.work_group.unit_id != self.unit_id:
            raise ValidationError(
                {"work_group": _("The work group must belong to the user's unit.")}
            )

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMINISTRATOR

    @property
    def is_approver(self) -> bool:
        return self.role == self.Role.APPROVER

    @property
    def is_office_head(self) -> bool:
        """The head of an office: an approver who does not lead a single work group."""
        return self.role == self.Role.APPROVER and self.work_group_id is None

    @property
    def is_department_administrator(self) -> bool:
        """An administrator working at the department: confirms designations and office
        role changes that someone else proposed."""
        return (
            self.is_active
            and self.role == self.Role.ADMINISTRATOR
            and self.unit_id is not None
            and self.unit.kind == Unit.Kind.DEPARTMENT
        )

    @property
    def is_department_user(self) -> bool:
        """Works at the department (or is a superuser): sees every office's figures and
        keeps the department's shared lists."""
        return self.is_superuser or (
            self.unit_id is not None and self.unit.kind == Unit.Kind.DEPARTMENT
        )

    def visible_units(self):
        """Units whose private records this user may read: its own unit and those below it."""
        if self.is_superuser:
            return Unit.objects.all()
        if self.unit_id is None:
            return Unit.objects.none()
        return Unit.objects.within(self.unit)

    def get_absolute_url(self):
        return reverse("admin:orgs_user_change", args=[self.pk])


class StaffMemberQuerySet(ScopedQuerySet):
    """Read as any unit's records; changed by the unit's managers and, for a district
    office, by those of the province above it (the province keeps its districts'
    registry)."""

    def editable_by(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.unit_id is None or not (user.is_approver or user.is_administrator):
            return self.none()
        return self.filter(
            Q(unit_id=user.unit_id) | Q(unit__parent_id=user.unit_id, unit__kind=Unit.Kind.DISTRICT)
        )

    def allows_edit(self, user, obj) -> bool:
        return can_manage_unit(user, obj.unit_id) or (
            obj.unit.kind == Unit.Kind.DISTRICT and can_manage_unit(user, obj.unit.parent_id)
        )

    def active(self):
        return self.filter(is_active=True)

    def in_thai_order(self):
        return self.order_by(thai_order("first_name"), thai_order("last_name"))


class StaffMember(models.Model):
    """A person on the staff of a unit, whether or not they have an account.

    Indicators count active staff in their current unit; the registry is loaded from the
    personnel spreadsheet and a move to another unit is an update of ``unit``.
    """

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="staff"
    )
    work_group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("work group"),
        on_delete=models.SET_NULL,
        related_name="staff",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=50, blank=True)
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        related_name="staff_member",
        null=True,
        blank=True,
    )

    objects = StaffMemberQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["unit__code", "first_name", "last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=~Q(email=""),
                name="staffmember_unique_email",
                violation_error_message=_("Another staff member has this e-mail address."),
            )
        ]

    def __str__(self):
        return f"{self.title}{self.first_name} {self.last_name}".strip()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ConfirmedByAnother(models.Model):
    """A change one person asks for and another confirms or refuses (nobody grants it
    alone): its status and who decided it, when. The services that decide audit it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class RoleChange(ConfirmedByAnother):
    """A proposal to give someone an approver role at an office: its head, the director
    of one of its work groups, or its deputy approver. Nobody grants these alone (not on
    the admin site either): someone proposes, a department administrator who is neither
    the proposer nor the person named confirms or refuses, and ``orgs.roles`` audits
    each step."""

    class Kind(models.TextChoices):
        HEAD = "head", _("Office head (approver)")
        GROUP_DIRECTOR = "group_director", _("Work group director (approver)")
        DEPUTY = "deputy", _("Deputy approver")

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="role_changes"
    )
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_changes"
    )
    kind = models.CharField(_("role"), max_length=16, choices=Kind.choices)
    work_group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("work group"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    proposed_by = models.ForeignKey(
        User, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    unit_scope = "unit"

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "user", "kind"],
                condition=Q(status="pending"),
                name="rolechange_one_pending_per_person_and_role",
                violation_error_message=_("This change is already waiting for confirmation."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user} — {self.unit}"


class SignInReset(ConfirmedByAnother):
    """A request to reset how someone signs in: a new password (set by the person through
    a link sent to their own e-mail address; the old one stops working at once), the
    removal of their authenticator (they enrol a new one at the next sign-in), or both.

    One administrator requests it, a department administrator who is neither the
    requester nor the person confirms or refuses it (``accounts.resets``, each step
    audited): for a protected account (``orgs.protection``) it is the only way."""

    class Kind(models.TextChoices):
        PASSWORD = "password", _("New password (link sent to the person's e-mail)")
        AUTHENTICATOR = "authenticator", _("Remove the authenticator")
        BOTH = "both", _("Both")

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="sign_in_resets"
    )
    kind = models.CharField(_("reset"), max_length=16, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-in reset")
        verbose_name_plural = _("sign-in resets")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="signinreset_one_pending_per_person",
                violation_error_message=_("A reset for this person is already waiting."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user}"

    @property
    def resets_password(self) -> bool:
        return self.kind in (self.Kind.PASSWORD, self.Kind.BOTH)

    @property
    def removes_authenticator(self) -> bool:
        return self.kind in (self.Kind.AUTHENTICATOR, self.Kind.BOTH)
