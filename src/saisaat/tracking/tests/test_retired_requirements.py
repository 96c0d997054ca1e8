"""A checklist item that evidence was filed for is retired, never deleted: the evidence
stays linked (approved work included), the retirement is audited with the count of evidence
it keeps, the item leaves the checklist, its count and the missing page, and a re-import of
the plan neither brings it back nor makes it again."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from saisaat.audit.models import Entry
from saisaat.plans import checklist
from saisaat.plans.importer import import_plan
from saisaat.plans.models import EvidenceRequirement
from saisaat.plans.parsing import parse_plan_text, read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import add_evidence, review, submit_for_review

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class RetiredRequirementTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Activity 4.1.4: the announcement (item 1) and the sign-off sheet.
        cls.sheet = EvidenceRequirement.objects.get(
            activity__measure__dimension__plan=cls.plan, kind=checklist.DECLARATION_SIGNOFF
        )
        cls.activity = cls.sheet.activity
        cls.announcement = EvidenceRequirement.objects.get(activity=cls.activity, position=1)
        cls.assignment = Assignment.objects.get(activity=cls.activity, unit=cls.district_a)
        cls.evidence = add_evidence(
            cls.assignment,
            acting_user=cls.district_a_officer,
            effective_date=date(2023, 1, 10),
            file=ContentFile(PDF, name="announcement.pdf"),
            title="ประกาศเจตนารมณ์",
            max_bytes=10_000_000,
            requirement=cls.announcement,
        )
        submit_for_review(cls.assignment, acting_user=cls.district_a_officer)
        review(cls.assignment, acting_user=cls.approver, approve=True)
        cls.edit_url = reverse("plans:activity-checklist", args=[cls.activity.pk])

    def edit(self, rows):
        self.login(self.administrator)
        data = {
            "form-TOTAL_FORMS": str(len(rows)),
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "40",
        }
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"form-{index}-{name}"] = value
        return self.client.post(self.edit_url, data)

    def remove_announcement(self):
        response = self.edit(
            [{"id": self.announcement.pk, "label": self.announcement.label, "delete": "on"}]
        )
        self.assertRedirects(response, self.edit_url)
        self.announcement.refresh_from_db()

    def test_removing_an_item_with_approved_evidence_retires_it_and_keeps_the_link(self):
        self.remove_announcement()
        self.assertIsNotNone(self.announcement.retired_at)
        self.evidence.refresh_from_db()
        self.assertEqual(self.evidence.requirement_id, self.announcement.pk)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.APPROVED)
        entry = Entry.objects.get(action="plans.requirement_retired")
        self.assertEqual(entry.object_id, str(self.announcement.pk))
        self.assertEqual(entry.actor_id, self.administrator.pk)
        self.assertEqual(entry.changes["evidence_kept"], [None, 1])
        self.assertFalse(Entry.objects.filter(action="plans.requirement_removed").exists())

    def test_an_item_without_evidence_is_deleted_and_audited(self):
        response = self.edit([{"id": self.sheet.pk, "label": self.sheet.label, "delete": "on"}])
        self.assertRedirects(response, self.edit_url)
        self.assertFalse(EvidenceRequirement.objects.filter(pk=self.sheet.pk).exists())
        self.assertEqual(
            Entry.objects.get(action="plans.requirement_removed").object_id, str(self.sheet.pk)
        )

    def test_a_raw_delete_cannot_unlink_evidence(self):
        with self.assertRaises(ProtectedError):
            self.announcement.delete()

    def test_the_assignment_shows_the_evidence_under_the_retired_item_and_does_not_count_it(
        self,
    ):
        self.remove_announcement()
        self.login(self.district_a_officer)
        page = self.client.get(self.assignment.get_absolute_url())
        rows = page.context["checklist"]
        self.assertEqual(
            [(row.requirement.pk, row.retired, row.done) for row in rows],
            [(self.sheet.pk, False, False), (self.announcement.pk, True, True)],
        )
        self.assertEqual((page.context["checklist_done"], page.context["checklist_total"]), (0, 1))
        self.assertContains(page, 'data-state="retired"', count=1)
        self.assertContains(page, "รายการที่ยกเลิกแล้ว")
        self.assertContains(page, self.evidence.title)
        # New evidence cannot be filed for it.
        choices = dict(page.context["evidence_form"].fields["requirement"].choices)
        self.assertNotIn(self.announcement.pk, choices)
        with self.assertRaises(ValidationError):
            add_evidence(
                self.assignment,
                acting_user=self.district_a_officer,
                effective_date=date(2023, 1, 11),
                note="อีกชิ้น",
                max_bytes=10_000_000,
                requirement=self.announcement,
            )

    def test_the_edit_page_lists_it_as_retired_not_as_an_item_to_edit(self):
        self.remove_announcement()
        self.login(self.administrator)
        page = self.client.get(self.edit_url)
        self.assertEqual(
            [f.initial["id"] for f in page.context["formset"] if f.initial], [self.sheet.pk]
        )
        self.assertEqual(list(page.context["retired"]), [self.announcement])

    def test_the_missing_page_counts_only_the_items_in_use(self):
        self.remove_announcement()
        self.login(self.approver)
        page = self.client.get(reverse("tracking:province-missing", args=[self.province.code]))
        row = next(r for r in page.context["rows"] if r.activity == self.activity)
        cell = row.cells[page.context["units"].index(self.district_b)]
        self.assertEqual((cell.required, cell.missing), (1, 1))

    def test_a_re_import_neither_brings_it_back_nor_makes_it_again(self):
        self.remove_announcement()
        text = read_plan_file(PLAN_FILE)
        import_plan(parse_plan_text(text), unit=self.province, fiscal_year=2566)
        # A changed evidence text rebuilds the checklist: still no second announcement.
        changed = text.replace("- แบบลงนามรับทราบประกาศข้อตกลง", "- รายชื่อผู้ลงนามรับทราบประกาศข้อตกลง")
        import_plan(parse_plan_text(changed), unit=self.province, fiscal_year=2566)
        labels = list(
            self.activity.requirements.filter(label=self.announcement.label).values_list(
                "retired_at", flat=True
            )
        )
        self.assertEqual(len(labels), 1)
        self.assertIsNotNone(labels[0])
        self.assertEqual(self.activity.requirements.in_use().count(), 1)
        self.evidence.refresh_from_db()
        self.assertEqual(self.evidence.requirement_id, self.announcement.pk)

    def test_a_re_import_that_drops_an_item_with_evidence_retires_it(self):
        changed = read_plan_file(PLAN_FILE).replace(
            "\t- ประกาศข้อตกลง(เจตนารมณ์/ ธรรมนูญ/ปฏิญญา) - แบบลงนามรับทราบ", "\t- แบบลงนามรับทราบ", 1
        )
        import_plan(parse_plan_text(changed), unit=self.province, fiscal_year=2566)
        self.announcement.refresh_from_db()
        self.assertIsNotNone(self.announcement.retired_at)
        self.evidence.refresh_from_db()
        self.assertEqual(self.evidence.requirement_id, self.announcement.pk)
        self.assertEqual(list(self.activity.requirements.in_use()), [self.sheet])
        entry = Entry.objects.get(action="plans.evidencerequirement_retired")
        self.assertEqual(entry.object_id, str(self.announcement.pk))
        self.assertEqual(entry.changes["evidence_kept"], [None, 1])

    def test_a_re_import_never_moves_evidence_onto_a_different_item(self):
        # The plan's announcement becomes a report: the filed announcement must not
        # satisfy the report. Its item is retired with the evidence; the report is new.
        changed = read_plan_file(PLAN_FILE).replace(
            "\t- ประกาศข้อตกลง(เจตนารมณ์/ ธรรมนูญ/ปฏิญญา) - แบบลงนามรับทราบ",
            "\t- รายงานผลการดำเนินงาน - แบบลงนามรับทราบ",
            1,
        )
        import_plan(parse_plan_text(changed), unit=self.province, fiscal_year=2566)
        self.announcement.refresh_from_db()
        self.assertIsNotNone(self.announcement.retired_at)
        self.assertNotIn("รายงาน", self.announcement.label)
        self.evidence.refresh_from_db()
        self.assertEqual(self.evidence.requirement_id, self.announcement.pk)
        report = self.activity.requirements.in_use().get(label__startswith="รายงาน")
        self.assertNotEqual(report.pk, self.announcement.pk)
        self.assertEqual(report.linked_evidence_count(), 0)

    def test_rewording_an_item_used_by_approved_work_edits_it_in_place_audited(self):
        response = self.edit(
            [{"id": self.announcement.pk, "label": "ประกาศเจตนารมณ์ที่ลงนามแล้ว", "kind": ""}]
        )
        self.assertRedirects(response, self.edit_url)
        self.evidence.refresh_from_db()
        self.assertEqual(self.evidence.requirement.label, "ประกาศเจตนารมณ์ที่ลงนามแล้ว")
        entry = Entry.objects.get(action="plans.requirement_changed")
        self.assertEqual(entry.changes["label"][1], "ประกาศเจตนารมณ์ที่ลงนามแล้ว")


class StaleRequirementTests(PersonaTestCase):
    """The form was drawn before an administrator changed the checklist: the service reads
    the item again under its lock, so the evidence is refused with a message, not filed on
    a retired item or failed on a removed one."""

    publish_plan = True

    def setUp(self):
        self.requirement = EvidenceRequirement.objects.filter(
            activity__measure__dimension__plan=self.plan
        ).first()
        self.assignment = Assignment.objects.get(
            activity=self.requirement.activity, unit=self.district_a
        )

    def add(self, requirement):
        return add_evidence(
            self.assignment,
            acting_user=self.district_a_officer,
            effective_date=date(2023, 1, 10),
            note="ภาพกิจกรรม",
            max_bytes=10_000_000,
            requirement=requirement,
        )

    def test_an_item_retired_meanwhile_is_refused(self):
        stale = EvidenceRequirement.objects.get(pk=self.requirement.pk)
        EvidenceRequirement.objects.filter(pk=stale.pk).update(retired_at=timezone.now())
        with self.assertRaisesMessage(ValidationError, "รายการหลักฐานนี้ยกเลิกแล้ว"):
            self.add(stale)

    def test_an_item_removed_meanwhile_is_refused(self):
        stale = EvidenceRequirement.objects.get(pk=self.requirement.pk)
        EvidenceRequirement.objects.filter(pk=stale.pk).delete()
        with self.assertRaisesMessage(ValidationError, "รายการหลักฐานนี้ถูกนำออกแล้ว"):
            self.add(stale)
        self.assertFalse(self.assignment.evidence.exists())
