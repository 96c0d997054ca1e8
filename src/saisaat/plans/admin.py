from django.contrib import admin

from saisaat.audit.admin import AuditedAdmin
from saisaat.plans.models import Activity, Dimension, Measure, Plan, Programme, Target
from saisaat.thai import admin as thai_admin


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["code", "name_th", "name_en"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["title", "fiscal_year", "owner_unit", "imported_at"]
    list_filter = ["fiscal_year"]
    list_select_related = ["owner_unit"]


@admin.register(Dimension)
class DimensionAdmin(AuditedAdmin):
    list_display = ["number", "title", "plan"]
    list_select_related = ["plan"]


@admin.register(Measure)
class MeasureAdmin(AuditedAdmin):
    list_display = ["number", "title", "dimension"]
    list_select_related = ["dimension"]


class TargetInline(thai_admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Activity)
class ActivityAdmin(AuditedAdmin):
    list_display = ["__str__", "measure", "period_start", "period_end", "is_active"]
    list_filter = ["is_active", "for_provincial_office", "for_district_offices"]
    list_select_related = ["measure__dimension"]
    search_fields = ["text", "evidence"]
    filter_horizontal = ["responsible_groups"]
    inlines = [TargetInline]
