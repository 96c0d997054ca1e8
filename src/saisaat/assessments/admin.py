from django.contrib import admin
from django.db.models import Q

from saisaat.assessments.models import Criterion, Framework, Level, OrganisationLevel, Section
from saisaat.audit.admin import AuditedAdmin
from saisaat.thai.admin import ThaiDateAdminMixin


def _framework_in_use(framework) -> bool:
    """Scored rounds are worked out from the framework as it stands: once a round of it
    has opened, changing a weight, a minimum or a scale would change its results (and a
    published model office) after the fact."""
    return framework is not None and framework.rounds.filter(~Q(status="draft")).exists()


class FrozenOnceUsed:
    """Read-only on the admin site once a round of the framework has opened."""

    def framework_of(self, obj):
        return obj

    def _frozen(self, obj) -> bool:
        return obj is not None and _framework_in_use(self.framework_of(obj))

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class FrozenInline(FrozenOnceUsed):
    """An inline of a framework (or of one of its criteria): ``obj`` is the parent."""

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)


class SectionInline(FrozenInline, ThaiDateAdminMixin, admin.TabularInline):
    model = Section
    extra = 0
    fields = ["position", "code", "title", "minimum"]


class LevelInline(FrozenInline, ThaiDateAdminMixin, admin.TabularInline):
    model = Level

    def framework_of(self, obj):
        return obj.section.framework

    extra = 0
    fields = ["position", "label", "points"]


class OrganisationLevelInline(FrozenInline, ThaiDateAdminMixin, admin.TabularInline):
    """The levels a self-assessment's total reaches (the moral organisation's)."""

    model = OrganisationLevel
    extra = 0
    fields = ["position", "label", "minimum_points"]


@admin.register(Framework)
class FrameworkAdmin(FrozenOnceUsed, AuditedAdmin):
    list_display = ["code", "title", "kind", "rule"]
    list_filter = ["kind"]
    search_fields = ["code", "title"]
    inlines = [SectionInline, OrganisationLevelInline]


@admin.register(Criterion)
class CriterionAdmin(FrozenOnceUsed, AuditedAdmin):
    list_display = ["code", "title", "section", "scale", "max_points", "weight", "metric_key"]
    list_filter = ["section__framework", "scale"]
    search_fields = ["code", "title"]
    inlines = [LevelInline]

    def framework_of(self, obj):
        return obj.section.framework
