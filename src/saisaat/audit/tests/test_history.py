"""Reading an object's history (and its children's) out of the audit log; the admin
site's edits and History button."""

from datetime import date

from django.urls import reverse

from saisaat.audit import services as audit
from saisaat.audit.history import entries_for, rows
from saisaat.plans.models import Activity, Dimension, Measure
from saisaat.testing.base import PersonaTestCase, make_user


class EntriesForTests(PersonaTestCase):
    def test_it_finds_the_object_and_its_children_and_nothing_else(self):
        dimension = self.plan.dimensions.order_by("number").first()
        measure = dimension.measures.first()
        other = self.plan.dimensions.exclude(pk=dimension.pk).first()
        on_dimension = audit.record(None, "plans.dimension_changed", dimension)
        on_measure = audit.record(None, "plans.measure_changed", measure)
        audit.record(None, "plans.dimension_changed", other)
        audit.record(None, "orgs.test", self.province)
        secret = audit.record(None, "plans.measure_read", measure, confidential=True)
        found = entries_for(dimension, Measure.objects.filter(dimension=dimension))
        self.assertEqual(
            [e.pk for e in found if e.sequence >= on_dimension.sequence],
            [on_measure.pk, on_dimension.pk],
        )
        self.assertIn(secret, entries_for(measure, confidential=True))
        with self.assertNumQueries(1):
            list(entries_for(self.plan, Dimension.objects.filter(plan=self.plan)))

    def test_rows_name_fields_and_records_in_one_query_per_kind(self):
        activity = Activity.objects.for_plan(self.plan).first()
        measures = list(Measure.objects.filter(dimension__plan=self.plan)[:2])
        groups = list(self.province.work_groups.order_by("pk")[:2])
        for _n in range(5):
            audit.record(
                self.administrator,
                "plans.activity_changed",
                activity,
                changes={
                    "measure": [measures[0].pk, measures[1].pk],
                    "period_end": ["2023-08-31", "2023-09-30"],
                    "gone_field": [1, 2],
                    "responsible_groups": [[], [group.pk for group in groups]],
                },
            )
        entries = list(entries_for(activity)[:5])
        with self.assertNumQueries(2):  # the measures, the work groups
            shown = rows(entries)
        row = shown[0]
        self.assertEqual((row.verb, row.kind), ("แก้ไข", "กิจกรรม"))
        changes = {c.field: (c.old, c.new) for c in row.changes}
        measure = str(Activity._meta.get_field("measure").verbose_name)
        self.assertEqual(changes[measure], (str(measures[0]), str(measures[1])))
        self.assertEqual(changes["วันที่สิ้นสุด"], (date(2023, 8, 31), date(2023, 9, 30)))
        self.assertEqual(changes["gone_field"], (1, 2))
        field = str(Activity._meta.get_field("responsible_groups").verbose_name)
        self.assertEqual(changes[field], (None, ", ".join(str(g) for g in groups)))

    def test_a_choice_reads_as_its_label(self):
        audit.record(
            None, "orgs.unit_changed", self.province, changes={"kind": ["district", "province"]}
        )
        (row,) = rows([entries_for(self.province).first()])
        field = str(self.province._meta.get_field("kind").verbose_name)
        changes = {c.field: (str(c.old), str(c.new)) for c in row.changes}
        self.assertEqual(changes[field], ("สำนักงานพัฒนาชุมชนอำเภอ", "สำนักงานพัฒนาชุมชนจังหวัด"))


class AdminSiteTests(PersonaTestCase):
    def setUp(self):
        super().setUp()
        self.superuser = make_user("root", self.province, is_staff=True, is_superuser=True)
        self.login(self.superuser)

    def test_an_edit_on_the_admin_site_writes_an_entry(self):
        dimension = self.plan.dimensions.order_by("number").first()
        url = reverse("admin:plans_dimension_change", args=[dimension.pk])
        response = self.client.post(
            url, {"plan": self.plan.pk, "number": dimension.number, "title": "มิติใหม่"}
        )
        self.assertEqual(response.status_code, 302)
        entry = entries_for(dimension).first()
        self.assertEqual(
            (entry.action, entry.actor, entry.reason, entry.changes),
            (
                "plans.dimension_changed",
                self.superuser,
                "admin site",
                {"title": [dimension.title, "มิติใหม่"]},
            ),
        )

    def test_the_history_button_opens_the_audit_log(self):
        dimension = self.plan.dimensions.first()
        response = self.client.get(reverse("admin:plans_dimension_history", args=[dimension.pk]))
        self.assertRedirects(
            response,
            reverse("audit:log") + f"?type=plans.dimension&id={dimension.pk}",
            fetch_redirect_response=False,
        )
