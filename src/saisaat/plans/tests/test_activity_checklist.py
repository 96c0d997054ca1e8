"""An administrator edits an activity's evidence checklist; every change is audited, and a
re-import keeps the edits while the plan's evidence text stays the same."""

from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase, load_source_plan


class ActivityChecklistTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.sheet = EvidenceRequirement.objects.get(
            activity__measure__dimension__plan=cls.plan, kind="declaration-signoff"
        )
        cls.activity = cls.sheet.activity
        cls.url = reverse("plans:activity-checklist", args=[cls.activity.pk])

    def post(self, rows, user=None):
        self.login(user or self.administrator)
        data = {
            "form-TOTAL_FORMS": str(len(rows)),
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "40",
        }
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"form-{index}-{name}"] = value
        return self.client.post(self.url, data)

    def test_the_page_lists_the_items_for_the_administrator(self):
        self.login(self.administrator)
        page = self.client.get(self.url)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, self.sheet.label)
        self.assertContains(page, 'value="declaration-signoff" selected')

    def test_only_the_plan_s_administrators_edit_it(self):
        for user in (self.district_a_officer, self.approver, self.provincial_officer):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.post([], user=user).status_code, 403)
        self.login(self.other_province_officer)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_edits_removals_and_new_items_are_saved_and_audited(self):
        first = self.activity.requirements.get(position=1)
        response = self.post(
            [
                {"id": first.pk, "label": "ประกาศเจตนารมณ์ที่ลงนามแล้ว", "kind": ""},
                {"id": self.sheet.pk, "label": self.sheet.label, "delete": "on"},
                {"label": "รูปภาพการประกาศ", "kind": "", "minimum": "", "minimum_kind": ""},
                {"label": "", "kind": ""},
            ]
        )
        self.assertRedirects(response, self.url)
        self.assertEqual(
            list(self.activity.requirements.order_by("position").values_list("label", flat=True)),
            ["ประกาศเจตนารมณ์ที่ลงนามแล้ว", "รูปภาพการประกาศ"],
        )
        actions = list(
            Entry.objects.filter(action__startswith="plans.requirement_")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            ["plans.requirement_changed", "plans.requirement_removed", "plans.requirement_added"],
        )
        removed = Entry.objects.get(action="plans.requirement_removed")
        self.assertEqual(removed.object_id, str(self.sheet.pk))
        self.assertEqual(removed.actor_id, self.administrator.pk)

    def test_a_bad_threshold_is_a_form_error(self):
        response = self.post(
            [{"id": self.sheet.pk, "label": "x", "minimum": "120", "minimum_kind": "percent"}]
        )
        self.assertEqual(response.status_code, 400)
        self.sheet.refresh_from_db()
        self.assertEqual(self.sheet.minimum, 80)
        self.assertEqual(self.post([{"label": "x", "minimum": "3"}]).status_code, 400)

    def test_a_re_import_keeps_edited_items_while_the_evidence_text_is_unchanged(self):
        self.post([{"id": self.sheet.pk, "label": "แบบลงนามรับทราบ", "kind": "declaration-signoff"}])
        load_source_plan(self.province)
        self.sheet.refresh_from_db()
        self.assertEqual(self.sheet.label, "แบบลงนามรับทราบ")

    def test_the_activity_page_links_administrators_to_the_editor(self):
        self.login(self.administrator)
        page = self.client.get(reverse("tracking:activity-detail", args=[self.activity.pk]))
        self.assertContains(page, self.url)
        self.login(self.provincial_officer)
        page = self.client.get(reverse("tracking:activity-detail", args=[self.activity.pk]))
        self.assertNotContains(page, self.url)
        self.assertContains(page, self.sheet.label)


class DataMigrationTests(PersonaTestCase):
    def test_it_gives_activities_imported_before_checklists_their_items(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module(
            "saisaat.plans.migrations.0007_evidence_requirements_of_existing_plans"
        )
        expected = list(
            EvidenceRequirement.objects.order_by("activity_id", "position").values_list(
                "activity_id", "position", "label", "kind", "minimum"
            )
        )
        kept = EvidenceRequirement.objects.order_by("pk").first()
        EvidenceRequirement.objects.exclude(activity_id=kept.activity_id).delete()
        migration.forward(apps, None)
        self.assertEqual(
            list(
                EvidenceRequirement.objects.order_by("activity_id", "position").values_list(
                    "activity_id", "position", "label", "kind", "minimum"
                )
            ),
            expected,
        )


class ReimportTests(PersonaTestCase):
    def test_a_changed_evidence_text_rebuilds_the_checklist_and_audits_it(self):
        from saisaat.plans.importer import import_plan
        from saisaat.plans.parsing import parse_plan_text, read_plan_file
        from saisaat.testing.base import PLAN_FILE

        text = read_plan_file(PLAN_FILE).replace(
            "- แบบลงนามรับทราบประกาศข้อตกลง", "- รายชื่อผู้ลงนามรับทราบประกาศข้อตกลง"
        )
        sheet = EvidenceRequirement.objects.get(kind="declaration-signoff")
        import_plan(parse_plan_text(text), unit=self.province, fiscal_year=2566)
        sheet.refresh_from_db()
        self.assertTrue(sheet.label.startswith("รายชื่อผู้ลงนามรับทราบ"))
        self.assertEqual(sheet.kind, "")
        self.assertTrue(
            Entry.objects.filter(
                action="plans.evidencerequirement_changed", object_id=str(sheet.pk)
            ).exists()
        )
