from django.contrib import admin

from saisaat.assessments.models import Criterion, Framework, Level, Section
from saisaat.audit.admin import AuditedAdmin
from saisaat.thai.admin import ThaiDateAdminMixin


class SectionInline(ThaiDateAdminMixin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "code", "title", "minimum"]


class LevelInline(ThaiDateAdminMixin, admin.TabularInline):
    model = Level
    extra = 0
    fields = ["position", "label", "points"]


@admin.register(Framework)
class FrameworkAdmin(AuditedAdmin):
    list_display = ["code", "title", "kind", "rule"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]
    inlines = [SectionInline]


@admin.register(Criterion)
class CriterionAdmin(AuditedAdmin):
    list_display = ["code", "title", "section", "scale", "max_points", "weight", "metric_key"]
    list_filter = ["section__framework", "scale"]
    search_fields = ["code", "title"]
    inlines = [LevelInline]
