"""The admin site's side of the audit log: edits made there are recorded like any other,
and an object's History button opens its entries in the audit log."""

from django.contrib import admin
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from saisaat.audit import services as audit
from saisaat.thai.admin import ThaiDateAdminMixin

REASON = "admin site"


def _fields(obj) -> list[str]:
    return [field.name for field in obj._meta.concrete_fields if not field.primary_key]


def _action(obj, verb: str) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}_{verb}"


def save_recorded(user, obj, save) -> None:
    """Save ``obj`` with ``save()`` and record the change (or the new object)."""
    fields = _fields(obj)
    with transaction.atomic():
        before = audit.stored(obj, fields) if obj.pk else None
        save()
        if before is None:
            audit.record_created(user, _action(obj, "created"), obj, fields, reason=REASON)
        else:
            entry_changes = audit.diff(before, audit.snapshot(obj, fields))
            if entry_changes:
                audit.record_changed(user, _action(obj, "changed"), obj, before, reason=REASON)


def delete_recorded(user, obj) -> None:
    with transaction.atomic():
        audit.record_deleted(user, _action(obj, "deleted"), obj, _fields(obj), reason=REASON)
        obj.delete()


class AuditedAdmin(ThaiDateAdminMixin, admin.ModelAdmin):
    """A model admin whose saves and deletions (inlines too) write audit entries and
    whose History button shows the object's entries in the audit log. Every editable
    admin of the project derives from it: the admin site is no way around the log."""

    def save_model(self, request, obj, form, change):
        save_recorded(
            request.user,
            obj,
            lambda: super(AuditedAdmin, self).save_model(request, obj, form, change),
        )

    def delete_model(self, request, obj):
        delete_recorded(request.user, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                delete_recorded(request.user, obj)

    def save_formset(self, request, form, formset, change):
        with transaction.atomic():
            instances = formset.save(commit=False)
            for obj in formset.deleted_objects:
                delete_recorded(request.user, obj)
            for obj in instances:
                save_recorded(request.user, obj, obj.save)
            formset.save_m2m()

    def history_view(self, request, object_id, extra_context=None):
        query = urlencode({"type": self.model._meta.label_lower, "id": object_id})
        return redirect(f"{reverse('audit:log')}?{query}")
