from django.contrib import admin

from saisaat.audit.admin import AuditedAdmin
from saisaat.surveys.models import Choice, Question, Response, Section, Survey
from saisaat.thai import admin as thai_admin


class SectionInline(thai_admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin):
    list_display = ["title", "unit", "fiscal_year", "is_open", "template_key"]
    list_filter = ["fiscal_year", "is_open", "template_key"]
    search_fields = ["title", "unit__name_th"]
    raw_id_fields = ["activity", "created_by"]
    readonly_fields = ["public_token", "template_key", "created_at", "updated_at"]
    inlines = [SectionInline]


class ChoiceInline(thai_admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["text", "kind", "survey", "section", "position", "required"]
    list_filter = ["kind"]
    search_fields = ["text", "survey__title"]
    raw_id_fields = ["survey", "section"]
    inlines = [ChoiceInline]


@admin.register(Response)
class ResponseAdmin(AuditedAdmin):
    """Read only: responses come from the public questionnaire."""

    list_display = ["pk", "survey", "submitted_at"]
    list_filter = ["survey"]
    readonly_fields = ["survey", "key", "submitted_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
