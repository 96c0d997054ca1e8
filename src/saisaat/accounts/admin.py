"""The admin site's view of sign-in devices: read-only, never a key or a recovery code.

django-otp's own admins show a device's key and QR code and let anyone with the admin's
rights add, change or delete one; replaced here by lists that show who has which device.
An authenticator is deleted here only for an account that is not protected
(``orgs.protection``); for the others a sign-in reset, confirmed by a second person."""

from django.contrib import admin
from django.db import transaction

# Imported first, so that their registrations exist to be replaced.
from django_otp.plugins.otp_static import admin as static_admin  # noqa: F401
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp import admin as totp_admin  # noqa: F401
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.accounts import services
from saisaat.audit.admin import AuditedAdmin
from saisaat.orgs.protection import is_protected, protected_users


class DeviceAdmin(AuditedAdmin):
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    # What the admin sees of a device: never its key, its codes or its throttling state.
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and is_protected(obj.user):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # A protected person's device is listed as needing a permission nobody has.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        users = {obj.user_id for obj in objs}
        if protected_users().filter(pk__in=users).exists():
            perms_needed = set(perms_needed) | {self.model._meta.verbose_name}
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        services.remove_device(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset.select_related("user"):
                services.remove_device(obj, acting_user=request.user)


for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, DeviceAdmin)
