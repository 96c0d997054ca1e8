from datetime import date

from django.urls import reverse

from saisaat.audit import services as audit
from saisaat.audit.models import Entry
from saisaat.plans.importer import import_plan
from saisaat.plans.models import Activity, Target
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase


class PlanHistoryTests(PersonaTestCase):
    def url(self, query=""):
        return reverse("plans:plan-history", args=[self.plan.pk]) + query

    def reimport(self, text):
        import_plan(
            parse_plan_text(text),
            unit=self.province,
            fiscal_year=2566,
            source_name="edited.txt",
            acting_user=self.administrator,
        )

    def test_it_shows_the_administrator_who_changed_what_and_when(self):
        self.reimport(read_plan_file(PLAN_FILE).replace("ม.ค. - ส.ค. ๖๖", "ม.ค. - ก.ย. ๖๖", 1))
        self.login(self.administrator)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        edits = [r for r in response.context["rows"] if r.entry.actor_id == self.administrator.pk]
        # The plan's source file and the one activity whose period was edited; nothing else.
        self.assertEqual([r.kind for r in edits], ["กิจกรรม", "แผน"])
        activity_edit = edits[0]
        self.assertEqual(activity_edit.verb, "แก้ไข")
        fields = {change.field: (change.old, change.new) for change in activity_edit.changes}
        self.assertEqual(fields["ระยะเวลาตามที่เขียน"], ("ม.ค. - ส.ค. ๖๖", "ม.ค. - ก.ย. ๖๖"))
        self.assertEqual(fields["วันที่สิ้นสุด"][1], date(2023, 9, 30))
        self.assertNotIn("กิจกรรม", fields)
        self.assertContains(response, "edited.txt")
        self.assertContains(response, "30 ก.ย. 2566")

    def test_a_reimport_that_reorders_activities_writes_one_entry_per_moved_activity(self):
        parsed = parse_plan_text(read_plan_file(PLAN_FILE))
        activities = parsed.dimensions[0].measures[0].activities
        activities[0], activities[1] = activities[1], activities[0]
        last = Entry.objects.order_by("-sequence").first().sequence
        import_plan(
            parsed,
            unit=self.province,
            fiscal_year=2566,
            source_name="reordered.txt",
            acting_user=self.administrator,
        )
        moved = Entry.objects.filter(sequence__gt=last, action="plans.activity_renumbered")
        self.assertEqual(sorted(tuple(e.changes["position"]) for e in moved), [(1, 2), (2, 1)])
        self.assertEqual(len({e.object_id for e in moved}), 2)
        self.login(self.administrator)
        rows = self.client.get(self.url()).context["rows"]
        self.assertEqual(
            {r.entry.action for r in rows if r.entry.sequence > last},
            {"plans.activity_renumbered", "plans.plan_changed"},
        )

    def test_it_keeps_the_entries_of_a_target_the_import_removed(self):
        target = Target.objects.filter(activity__measure__dimension__plan=self.plan).first()
        audit.record_deleted(
            self.administrator,
            "plans.target_removed",
            target,
            ["position", "text"],
            unit=self.province,
            fiscal_year=2566,
        )
        target_id = target.pk
        target.delete()
        self.login(self.administrator)
        rows = self.client.get(self.url()).context["rows"]
        self.assertEqual(rows[0].entry.object_id, str(target_id))
        self.assertEqual(rows[0].verb, "ลบ")
        ids = {r.entry.object_id for r in rows if r.entry.object_type == "plans.target"}
        self.assertIn(str(target_id), ids)

    def test_it_leaves_out_other_plans_and_other_objects(self):
        audit.record(self.administrator, "orgs.test_changed", self.province, unit=self.province)
        self.login(self.administrator)
        page = self.client.get(self.url()).context["page"]
        types = {entry.object_type for entry in page.paginator.object_list}
        self.assertLessEqual(
            types,
            {"plans.plan", "plans.dimension", "plans.measure", "plans.activity", "plans.target"},
        )
        self.assertIn("plans.activity", types)

    def test_it_forbids_officers_and_approvers(self):
        for user in (self.provincial_officer, self.approver, self.district_a_officer):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_it_hides_another_provinces_history(self):
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_it_sends_the_anonymous_citizen_to_the_login_page(self):
        self.assertEqual(self.client.get(self.url()).status_code, 302)

    def test_it_refuses_post(self):
        self.login(self.administrator)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_pages_with_a_fixed_number_of_queries(self):
        activities = list(Activity.objects.for_plan(self.plan)[:2])
        measures = [activity.measure_id for activity in activities]

        def edit(times):
            audit.record_many(
                [
                    dict(
                        actor=self.administrator,
                        action="plans.activity_changed",
                        obj=activities[n % 2],
                        changes={"measure": measures, "evidence": ["", f"แก้ไข {n}"]},
                    )
                    for n in range(times)
                ]
            )

        edit(120)
        self.login(self.administrator)
        self.client.get(self.url())
        # session, user, the user's unit, plan, count, the page of entries, the names of
        # the measures the page's changes point to.
        with self.assertNumQueries(7):
            self.client.get(self.url())
        edit(300)
        with self.assertNumQueries(7):
            self.client.get(self.url())
        with self.assertNumQueries(7):
            self.client.get(self.url("?page=3"))
        self.assertGreater(Entry.objects.count(), 420)
