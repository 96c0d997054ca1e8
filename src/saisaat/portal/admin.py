from django.contrib import admin

from saisaat.audit.admin import AuditedAdmin
from saisaat.portal.models import OitItem, PortalPage


@admin.register(OitItem)
class OitItemAdmin(AuditedAdmin):
    list_display = ["code", "title", "fiscal_year", "page_kind", "target"]
    list_filter = ["fiscal_year"]
    search_fields = ["code", "title"]


@admin.register(PortalPage)
class PortalPageAdmin(AuditedAdmin):
    list_display = ["title", "unit", "kind", "status", "updated_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    raw_id_fields = ["created_by"]
