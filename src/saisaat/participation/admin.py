from django.contrib import admin

from saisaat.audit.admin import AuditedAdmin
from saisaat.participation.models import (
    Acknowledgement,
    Attendance,
    Certificate,
    Course,
    Declaration,
    DeclarationVersion,
    EnvironmentActivity,
    InnovationMeasurement,
    InnovationProject,
    JointActivity,
    MemorandumOfUnderstanding,
    MoralGoal,
    MoralGoalVote,
    OfficeActivity,
    Partner,
    PartnerType,
    PublicationChannel,
)
from saisaat.thai import admin as thai_admin


@admin.register(Course)
class CourseAdmin(AuditedAdmin):
    list_display = ["code", "name_th", "provider", "counts_for_anti_corruption"]
    list_filter = ["counts_for_anti_corruption"]
    search_fields = ["code", "name_th"]


@admin.register(Certificate)
class CertificateAdmin(AuditedAdmin):
    list_display = ["staff", "course", "issued_on", "number"]
    list_filter = ["course"]
    list_select_related = ["staff", "course"]
    search_fields = ["staff__first_name", "staff__last_name", "number"]
    raw_id_fields = ["staff", "recorded_by"]
    date_hierarchy = "issued_on"


class DeclarationVersionInline(thai_admin.TabularInline):
    model = DeclarationVersion
    extra = 0
    raw_id_fields = ["published_by"]


@admin.register(Declaration)
class DeclarationAdmin(AuditedAdmin):
    list_display = ["title", "unit", "fiscal_year", "kind"]
    list_filter = ["fiscal_year", "kind"]
    list_select_related = ["unit"]
    raw_id_fields = ["created_by"]
    inlines = [DeclarationVersionInline]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(AuditedAdmin):
    list_display = ["staff", "version", "acknowledged_at"]
    list_select_related = ["staff", "version__declaration"]
    raw_id_fields = ["staff", "version", "recorded_by"]


@admin.register(MoralGoal)
class MoralGoalAdmin(AuditedAdmin):
    list_display = ["__str__", "unit", "fiscal_year", "kind", "adopted_at"]
    list_filter = ["fiscal_year", "kind"]
    list_select_related = ["unit"]
    raw_id_fields = ["proposed_by"]


@admin.register(MoralGoalVote)
class MoralGoalVoteAdmin(AuditedAdmin):
    list_display = ["goal", "staff", "voted_at"]
    raw_id_fields = ["goal", "staff"]


class AttendanceInline(thai_admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["staff"]


@admin.register(OfficeActivity)
class OfficeActivityAdmin(AuditedAdmin):
    list_display = ["title", "unit", "held_on", "is_moral_organisation"]
    list_filter = ["fiscal_year", "is_moral_organisation"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["plan_activity", "created_by"]
    inlines = [AttendanceInline]


@admin.register(PartnerType)
class PartnerTypeAdmin(AuditedAdmin):
    list_display = ["name_th", "code", "position"]
    list_editable = ["position"]


@admin.register(Partner)
class PartnerAdmin(AuditedAdmin):
    list_display = ["name", "partner_type", "unit"]
    list_filter = ["partner_type"]
    list_select_related = ["partner_type", "unit"]
    search_fields = ["name"]


@admin.register(MemorandumOfUnderstanding)
class MemorandumOfUnderstandingAdmin(AuditedAdmin):
    list_display = ["title", "unit", "signed_on", "fiscal_year"]
    list_filter = ["fiscal_year"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]


@admin.register(JointActivity)
class JointActivityAdmin(AuditedAdmin):
    list_display = ["title", "unit", "held_on", "fiscal_year"]
    list_filter = ["fiscal_year"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]


class InnovationMeasurementInline(thai_admin.TabularInline):
    model = InnovationMeasurement
    extra = 0


@admin.register(InnovationProject)
class InnovationProjectAdmin(AuditedAdmin):
    list_display = ["title", "unit", "fiscal_year", "started_on"]
    list_filter = ["fiscal_year"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["plan_activity"]
    inlines = [InnovationMeasurementInline]


@admin.register(EnvironmentActivity)
class EnvironmentActivityAdmin(AuditedAdmin):
    list_display = ["title", "unit", "topic", "held_on"]
    list_filter = ["fiscal_year", "topic"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["plan_activity", "created_by"]
    date_hierarchy = "held_on"


@admin.register(PublicationChannel)
class PublicationChannelAdmin(AuditedAdmin):
    list_display = ["name", "unit", "medium", "opened_on", "closed_on"]
    list_filter = ["medium"]
    list_select_related = ["unit"]
    search_fields = ["name"]
    raw_id_fields = ["plan_activity", "created_by"]
