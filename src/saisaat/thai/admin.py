"""The project's admin bases: date fields typed and shown the Thai way.

Every ModelAdmin and inline of the project derives from these (a test walks the admin
site), so a date in the admin accepts ``15/03/2566`` (B.E.) as well as ``15/03/2023`` and
shows the Buddhist-era year, like every other form of the app (``ThaiDateField``). A
date-and-time field keeps Django's own split widget.
"""

from django.contrib import admin
from django.db import models

from saisaat.thai.forms import ThaiDateField, ThaiDateInput


class ThaiDateAdminMixin:
    formfield_overrides = {
        models.DateField: {"form_class": ThaiDateField, "widget": ThaiDateInput},
    }


class ModelAdmin(ThaiDateAdminMixin, admin.ModelAdmin):
    pass


class TabularInline(ThaiDateAdminMixin, admin.TabularInline):
    pass


class StackedInline(ThaiDateAdminMixin, admin.StackedInline):
    pass
