"""The migration that copies django-simple-history's rows into the audit log, run on a
few historical rows at the schema from before the tables were dropped."""

from datetime import date, timedelta

from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

from saisaat.audit import services as audit
from saisaat.audit.conversion import copy_history
from saisaat.audit.models import Entry
from saisaat.audit.services import verify_chain

BEFORE = [("plans", "0003_target_kind_per_month")]
COPY = "saisaat.plans.migrations.0004_copy_history_into_audit_log"


def make(model, **values):
    """A row of a migration-state model, its required fields filled with plain values."""
    for f in model._meta.concrete_fields:
        given = f.name in values or f.attname in values
        if given or f.null or f.has_default() or isinstance(f, models.AutoField):
            continue
        if isinstance(f, models.CharField | models.TextField):
            values[f.name] = ""
        elif isinstance(f, models.DateTimeField):
            values[f.name] = timezone.now()
        elif isinstance(f, models.DateField):
            values[f.name] = date(2023, 1, 1)
        elif isinstance(f, models.BooleanField):
            values[f.name] = False
        else:
            values[f.name] = 1
    return model.objects.create(**values)


class CopyHistoryTests(TransactionTestCase):
    def setUp(self):
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        executor.loader.build_graph()
        # The state as migrated: every app at its last applied migration (the apps whose
        # later migrations need plans' newer ones were taken back with it).
        applied = set(executor.loader.applied_migrations)
        graph = executor.loader.graph
        last = [
            node
            for node in applied
            if not any(child in applied for child in graph.node_map[node].children)
        ]
        self.apps = executor.loader.project_state(last).apps

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def test_each_historical_row_becomes_one_entry_with_its_diff(self):
        from importlib import import_module

        apps = self.apps
        unit = make(apps.get_model("orgs", "Unit"), code="00", kind="department", name_th="กรม")
        user = make(
            apps.get_model("orgs", "User"), username="somchai", first_name="สมชาย", last_name="ใจดี"
        )
        group_a = make(apps.get_model("orgs", "WorkGroup"), unit=unit, name_th="ก", function="a")
        group_b = make(apps.get_model("orgs", "WorkGroup"), unit=unit, name_th="ข", function="b")
        # The service wrote an entry for the plan's second version as well: its twin.
        twin = audit.record(None, "plans.plan_changed", ("plans.plan", 7, "แผนใหม่"))
        t1 = twin.created_at - timedelta(days=1)
        t2 = twin.created_at - timedelta(seconds=1)
        t3 = twin.created_at + timedelta(minutes=10)

        plan = apps.get_model("plans", "HistoricalPlan")
        common = dict(id=7, fiscal_year=2566, owner_unit_id=unit.pk, programme_id=1)
        make(
            plan,
            **common,
            title="แผน",
            history_date=t1,
            history_type="+",
            history_user_id=user.pk,
            history_change_reason="import a.txt",
        )
        make(
            plan,
            **common,
            title="แผนใหม่",
            history_date=t2,
            history_type="~",
            history_user_id=user.pk,
        )
        make(
            plan,
            **common,
            title="แผนใหม่",
            source_name="b.txt",
            history_date=t3,
            history_type="~",
            history_user_id=user.pk,
        )
        dimension = apps.get_model("plans", "HistoricalDimension")
        make(dimension, id=3, plan_id=7, number=1, title="มิติ", history_date=t1, history_type="+")
        make(dimension, id=3, plan_id=7, number=1, title="มิติ", history_date=t3, history_type="-")
        activity = apps.get_model("plans", "HistoricalActivity")
        groups = apps.get_model("plans", "HistoricalActivity_responsible_groups")
        first = make(activity, id=11, text="อบรม", history_date=t1, history_type="+")
        make(groups, id=1, history=first, activity_id=11, workgroup_id=group_a.pk)
        second = make(activity, id=11, text="อบรม", history_date=t2, history_type="~")
        make(groups, id=2, history=second, activity_id=11, workgroup_id=group_a.pk)
        make(groups, id=3, history=second, activity_id=11, workgroup_id=group_b.pk)

        written = copy_history(apps, import_module(COPY).SOURCES)

        entries = list(Entry.objects.exclude(pk=twin.pk).order_by("sequence"))
        self.assertEqual(written, len(entries))
        self.assertEqual(
            [(e.action, e.object_id) for e in entries],
            [
                ("plans.plan_created", "7"),
                ("plans.dimension_created", "3"),
                ("plans.activity_created", "11"),
                ("plans.activity_changed", "11"),
                ("plans.plan_changed", "7"),
                ("plans.dimension_deleted", "3"),
            ],
        )
        created, _dimension, _activity, groups_changed, changed, deleted = entries
        self.assertEqual((created.actor_id, created.actor_label), (user.pk, "somchai (สมชาย ใจดี)"))
        self.assertEqual(created.changes["title"], [None, "แผน"])
        self.assertEqual(
            (created.unit_id, created.unit_code, created.fiscal_year), (unit.pk, "00", 2566)
        )
        local = timezone.localtime(t1).isoformat(timespec="seconds")
        self.assertEqual(created.reason, f"as recorded {local}; import a.txt")
        self.assertTrue(local.endswith("+07:00"))
        self.assertEqual(
            groups_changed.changes,
            {"responsible_groups": [[group_a.pk], [group_a.pk, group_b.pk]]},
        )
        # Compared with the twin's version before it, not with the first one.
        self.assertEqual(changed.changes, {"source_name": ["", "b.txt"]})
        self.assertEqual(deleted.changes["title"], ["มิติ", None])
        # A child takes its office and year from its parent's history.
        self.assertEqual((deleted.unit_id, deleted.fiscal_year), (unit.pk, 2566))
        self.assertEqual(deleted.actor_label, "system")
        self.assertIsNone(verify_chain()[1])
