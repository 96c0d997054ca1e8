from django.contrib import admin

from saisaat.complaints import services
from saisaat.complaints.models import Channel, ComplaintOfficer
from saisaat.thai import admin as thai_admin

# Complaints themselves are not in the admin: their confidentiality rules and the logged
# reading of identities live in the application's own pages.


@admin.register(Channel)
class ChannelAdmin(thai_admin.ModelAdmin):
    list_display = ["name", "unit", "medium", "kind", "is_published", "position"]
    list_filter = ["kind", "medium", "is_published"]
    search_fields = ["name", "unit__name_th", "unit__code"]


@admin.register(ComplaintOfficer)
class ComplaintOfficerAdmin(thai_admin.ModelAdmin):
    list_display = ["user", "unit", "designated_at"]
    search_fields = ["user__username", "unit__code"]
    raw_id_fields = ["user", "designated_by"]

    def save_model(self, request, obj, form, change):
        services.save_officer(
            obj,
            acting_user=request.user,
            save=lambda: super(ComplaintOfficerAdmin, self).save_model(request, obj, form, change),
        )

    def delete_model(self, request, obj):
        services.remove_officer(obj, acting_user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.remove_officer(obj, acting_user=request.user)
