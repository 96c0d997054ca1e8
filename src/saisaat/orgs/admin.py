from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit, User, WorkGroup


class WorkGroupInline(admin.TabularInline):
    model = WorkGroup
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name_th", "name_en", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name_th", "name_en"]
    list_select_related = ["parent"]
    inlines = [WorkGroupInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
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
