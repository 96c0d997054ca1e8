"""The change history of one plan, across the plan and everything inside it.

Each entry says who changed which record when, and for an edit the fields with
their old and new values. The work is a fixed number of queries per page
whatever the size of the plan or its history.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from saisaat.plans.models import Activity, Dimension, Measure, Plan, Target

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"id", "imported_at"}


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class HistoryEntry:
    at: datetime
    user: object
    action: str
    model_label: str
    record: str
    reason: str
    changes: list[Change]


def _scopes(plan: Plan):
    dimension_ids = list(plan.dimensions.values_list("pk", flat=True))
    measure_ids = list(Measure.objects.filter(dimension__plan=plan).values_list("pk", flat=True))
    activity_ids = list(Activity.objects.for_plan(plan).values_list("pk", flat=True))
    return [
        (Plan, {"id": plan.pk}),
        (Dimension, {"plan_id": plan.pk}),
        (Measure, {"dimension_id__in": dimension_ids}),
        (Activity, {"measure_id__in": measure_ids}),
        (Target, {"activity_id__in": activity_ids}),
    ]


class PlanHistory:
    """A sequence of HistoryEntry, newest first, that Paginator can slice lazily.

    A plan's history is hundreds or a few thousand rows, so every version is read
    once (one query per model) and each page only pairs its rows with the version
    before them.
    """

    def __init__(self, plan: Plan):
        self.rows = []
        scopes = _scopes(plan)
        for model, scope in scopes:
            versions: dict[int, list] = {}
            historical = model.history.model.objects.filter(**scope).select_related("history_user")
            for record in historical.order_by("history_date", "history_id"):
                chain = versions.setdefault(record.id, [])
                previous = chain[-1] if chain else None
                chain.append(record)
                self.rows.append((record.history_date, record.history_id, model, record, previous))
        self.rows.sort(key=lambda row: (row[0], row[1]), reverse=True)

        # The work groups of every version of every activity, in one query.
        activity_scope = dict(scopes)[Activity]
        group_versions = apps.get_model("plans", "HistoricalActivity_responsible_groups")
        names: dict[int, list[str]] = {}
        for history_id, name in group_versions.objects.filter(
            history__measure_id__in=activity_scope["measure_id__in"]
        ).values_list("history_id", "workgroup__name_th"):
            names.setdefault(history_id, []).append(name)
        self.group_names = {key: ", ".join(sorted(value)) for key, value in names.items()}

    def __len__(self):
        return len(self.rows)

    def count(self):
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._entry(*row[2:]) for row in self.rows[index]]
        return self._entry(*self.rows[index][2:])

    def _entry(self, model, record, previous) -> HistoryEntry:
        changes = []
        # Foreign keys are shown by the record's own label; their raw ids mean nothing to a reader.
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.name not in HIDDEN_FIELDS and not f.is_relation
        ]
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if record.history_type == "~" and previous is not None and old == new:
                continue
            if record.history_type == "+" and new in (None, ""):
                continue
            changes.append(Change(field=str(field.verbose_name), old=old, new=new))
        if model is Activity:
            new_groups = self.group_names.get(record.history_id, "")
            old_groups = self.group_names.get(previous.history_id, "") if previous else ""
            if new_groups != old_groups:
                field = Activity._meta.get_field("responsible_groups")
                changes.append(
                    Change(field=str(field.verbose_name), old=old_groups or None, new=new_groups)
                )
        return HistoryEntry(
            at=record.history_date,
            user=record.history_user,
            action=str(ACTIONS.get(record.history_type, record.history_type)),
            model_label=str(model._meta.verbose_name),
            # Titles and texts name a record without following its foreign keys.
            record=(
                getattr(record, "title", None)
                or getattr(record, "text", None)
                or str(record.instance)
            )[:120],
            reason=record.history_change_reason or "",
            changes=changes,
        )


def plan_change_history(plan: Plan) -> PlanHistory:
    return PlanHistory(plan)


def paginate(plan: Plan, page_number, per_page: int = 50):
    return Paginator(plan_change_history(plan), per_page).get_page(page_number)
