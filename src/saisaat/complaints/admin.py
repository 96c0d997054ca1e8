from django.contrib import admin

from saisaat.audit.admin import AuditedAdmin
from saisaat.complaints.models import Channel, ComplaintOfficer

# Complaints themselves are not in the admin: their confidentiality rules and the logged
# reading of identities live in the application's own pages.


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = ["name", "unit", "medium", "kind", "is_published", "position"]
    list_filter = ["kind", "medium", "is_published"]
    search_fields = ["name", "unit__name_th", "unit__code"]


@admin.register(ComplaintOfficer)
class ComplaintOfficerAdmin(AuditedAdmin):
    """Read-only: a designation opens confidential complaints, so it is proposed by the
    office head and confirmed by a department administrator on the app's own pages, never
    made here (an administrator could otherwise designate himself)."""

    list_display = ["user", "unit", "status", "designated_by", "confirmed_by", "designated_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "unit__code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
