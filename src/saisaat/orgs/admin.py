from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from saisaat.orgs import accounts
from saisaat.orgs.models import Unit, User, WorkGroup
from saisaat.thai import admin as thai_admin
from saisaat.thai.admin import ThaiDateAdminMixin


class WorkGroupInline(thai_admin.TabularInline):
    model = WorkGroup
    extra = 0


@admin.register(Unit)
class UnitAdmin(thai_admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["parent"]
    inlines = [WorkGroupInline]

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


@admin.register(User)
class UserAdmin(ThaiDateAdminMixin, DjangoUserAdmin):
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

    def save_model(self, request, obj, form, change):
        accounts.save_user(
            obj,
            acting_user=request.user,
            save=lambda: super(UserAdmin, self).save_model(request, obj, form, change),
        )

    def delete_model(self, request, obj):
        accounts.delete_user(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            accounts.delete_user(obj, acting_user=request.user)
