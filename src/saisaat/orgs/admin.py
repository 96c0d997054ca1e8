from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from saisaat.audit import services as audit
from saisaat.audit.admin import AuditedAdmin
from saisaat.orgs import accounts
from saisaat.orgs.models import RoleChange, SignInReset, Unit, User, WorkGroup
from saisaat.orgs.protection import is_protected
from saisaat.orgs.roles import GRANT_REFUSED, grants_approver_role
from saisaat.thai import admin as thai_admin
from saisaat.thai.admin import ThaiDateAdminMixin


class WorkGroupInline(thai_admin.TabularInline):
    """Deleting a group that still has members is refused by the admin's own check of
    protected objects (``User.work_group`` is ``PROTECT``), shown as a form error."""

    model = WorkGroup
    extra = 0


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    """Its own saves go through ``accounts.save_unit``; its work groups' (the inline's)
    through the audited admin's ``save_formset``."""

    list_display = ["code", "name_th", "name_en", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["parent"]
    inlines = [WorkGroupInline]
    # The second approver is set through a confirmed role change only.
    readonly_fields = ["deputy_approver"]

    def get_readonly_fields(self, request, obj=None):
        # Who a unit's administrators are depends on its kind and place: fixed once it
        # exists (``accounts.save_unit`` refuses the change too).
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            fields += accounts.FIXED_UNIT_FIELDS
        return fields

    def save_model(self, request, obj, form, change):
        accounts.save_unit(
            obj,
            acting_user=request.user,
            save=lambda: super(UnitAdmin, self).save_model(request, obj, form, change),
        )

    def delete_model(self, request, obj):
        accounts.delete_unit(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            accounts.delete_unit(obj, acting_user=request.user)


class NoPasswordLink(forms.Widget):
    """In place of Django's link to the admin's password page, for a protected account."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="readonly">{}</div>', _("Set through a sign-in reset"))


class AccountChangeForm(UserChangeForm):
    """The admin's account form: refuses, as a form error, a change that would make
    someone an approver (say, by reactivating one); ``accounts.save_user`` refuses it too.
    A protected account's password is not set from here: its help says where it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None and getattr(self.instance, "saisaat_protected", False):
            password.help_text = _(accounts.PROTECTED_REFUSED)
            password.widget = NoPasswordLink()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            before = audit.stored(self.instance, accounts.USER_FIELDS)
            after = dict(before)
            for name in ("role", "unit", "work_group", "is_active"):
                if name in cleaned:
                    value = cleaned[name]
                    after[name] = getattr(value, "pk", value)
            if grants_approver_role(before, after):
                self.add_error(
                    None,
                    _(GRANT_REFUSED),
                )
        return cleaned


@admin.register(User)
class UserAdmin(ThaiDateAdminMixin, DjangoUserAdmin):
    form = AccountChangeForm
    list_display = [
        "username",
        "first_name",
        "last_name",
        "unit",
        "work_group",
        "role",
        "is_active",
    ]
    list_filter = ["role", "unit__kind", "is_active"]
    list_select_related = ["unit", "work_group"]
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("Unit and role"), {"fields": ["unit", "work_group", "role", "position"]}),
    )

    def get_readonly_fields(self, request, obj=None):
        # Who approves at an office is changed only through confirmed role changes; an
        # approver's office and work group would move that role, so they are fixed too.
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("role")
            if self._protected(obj):
                # Their sign-in changes only through a confirmed sign-in reset.
                fields += [
                    "username",
                    "email",
                    "is_active",
                    "is_superuser",
                    "is_staff",
                    "groups",
                    "user_permissions",
                ]
            if obj.is_approver:
                fields += ["unit", "work_group"]
            elif obj.role == User.Role.ADMINISTRATOR:
                # Moved to the department, an administrator would confirm designations.
                fields.append("unit")
        return fields

    @staticmethod
    def _protected(obj) -> bool:
        # Asked once per request and object: the form, the read-only fields and the
        # delete permission all want it.
        if not hasattr(obj, "saisaat_protected"):
            obj.saisaat_protected = is_protected(obj)
        return obj.saisaat_protected

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._protected(obj):
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, unquote(id))
        if user is not None and self._protected(user):
            raise PermissionDenied
        with transaction.atomic():
            before = user.password if user is not None else None
            response = super().user_change_password(request, id, form_url)
            if user is not None and request.method == "POST":
                user.refresh_from_db(fields=["password"])
                if user.password != before:
                    accounts.record_password_set(user, acting_user=request.user)
        return response

    def save_model(self, request, obj, form, change):
        accounts.save_user(
            obj,
            acting_user=request.user,
            save=lambda: super(UserAdmin, self).save_model(request, obj, form, change),
        )

    def delete_model(self, request, obj):
        accounts.delete_user(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for obj in queryset:
                    accounts.delete_user(obj, acting_user=request.user)
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error


@admin.register(RoleChange)
class RoleChangeAdmin(AuditedAdmin):
    """Read-only: role changes are proposed and decided on their own pages."""

    list_display = ["user", "unit", "kind", "status", "proposed_by", "decided_by", "proposed_at"]
    list_filter = ["kind", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignInReset)
class SignInResetAdmin(AuditedAdmin):
    """Read-only: resets are requested and decided on their own pages."""

    list_display = ["user", "kind", "status", "requested_by", "decided_by", "requested_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["user", "requested_by", "decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
