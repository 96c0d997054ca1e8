from django.urls import reverse

from saisaat.plans.importer import import_plan
from saisaat.plans.models import Activity
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase


class PlanHistoryTests(PersonaTestCase):
    def url(self):
        return reverse("plans:plan-history", args=[self.plan.pk])

    def test_it_shows_the_administrator_who_changed_what_and_when(self):
        text = read_plan_file(PLAN_FILE).replace("ม.ค. - ส.ค. ๖๖", "ม.ค. - ก.ย. ๖๖", 1)
        import_plan(
            parse_plan_text(text),
            unit=self.province,
            fiscal_year=2566,
            source_name="edited.txt",
            acting_user=self.administrator,
        )
        self.login(self.administrator)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        edits = [e for e in response.context["page"] if e.user == self.administrator]
        # The plan's source file and the one activity whose period was edited; nothing else.
        self.assertEqual([e.model_label for e in edits], ["กิจกรรม", "แผน"])
        activity_edit = edits[0]
        self.assertEqual(activity_edit.action, "แก้ไข")
        fields = {change.field: (change.old, change.new) for change in activity_edit.changes}
        self.assertEqual(fields["ระยะเวลาตามที่เขียน"], ("ม.ค. - ส.ค. ๖๖", "ม.ค. - ก.ย. ๖๖"))
        self.assertEqual(fields["วันที่สิ้นสุด"][1].isoformat(), "2023-09-30")
        self.assertNotIn("กิจกรรม", fields)
        self.assertContains(response, "edited.txt")

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
        self.login(self.administrator)
        self.client.get(self.url())
        # session, user, the user's unit, plan, the ids of dimensions, measures and
        # activities, then the versions of plans, dimensions, measures, activities, targets,
        # and the work groups of the activity versions.
        with self.assertNumQueries(13):
            self.client.get(self.url())
        for activity in Activity.objects.for_plan(self.plan)[:10]:
            activity.evidence += " (แก้ไข)"
            activity.save()
        with self.assertNumQueries(13):
            self.client.get(self.url())
