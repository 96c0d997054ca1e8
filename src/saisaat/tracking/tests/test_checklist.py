"""The evidence checklist on an assignment: each item done or missing, satisfied by an
upload or by a record Saisaat holds, a confirm step before submitting with items missing,
the reviewer's ticks and the province's missing-evidence page."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.orgs.models import StaffMember
from saisaat.participation.services import declarations
from saisaat.plans import checklist
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, EvidenceItem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ChecklistTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Activity 4.1.4: the declaration and its sign-off sheet of at least 80 %.
        cls.sheet = EvidenceRequirement.objects.get(
            activity__measure__dimension__plan=cls.plan, kind=checklist.DECLARATION_SIGNOFF
        )
        cls.announcement = EvidenceRequirement.objects.get(activity=cls.sheet.activity, position=1)
        cls.assignment = Assignment.objects.get(activity=cls.sheet.activity, unit=cls.district_a)
        cls.url = cls.assignment.get_absolute_url()
        staff = StaffMember.objects.create(
            unit=cls.district_a, first_name="สมชาย", last_name="ใจดี", user=cls.district_a_officer
        )
        cls.declaration = declarations.publish_declaration(
            cls.district_a,
            kind="moral_declaration",
            title="ประกาศเจตนารมณ์องค์กรคุณธรรม",
            audience="all_staff",
            fiscal_year=2566,
            text="ข้าพเจ้าจะปฏิบัติหน้าที่ด้วยความซื่อสัตย์สุจริต",
            acting_user=cls.administrator,  # the province publishes for its districts
        )
        declarations.acknowledge(
            declarations.current_version(cls.declaration), staff, acting_user=cls.district_a_officer
        )
        cls.other_declaration = declarations.publish_declaration(
            cls.district_b,
            kind="moral_declaration",
            title="ประกาศของอำเภอท่าบ่อ",
            audience="all_staff",
            fiscal_year=2566,
            text="ข้อความ",
            acting_user=cls.administrator,
        )

    def upload(self, requirement):
        self.login(self.district_a_officer)
        return self.client.post(
            reverse("tracking:evidence-add", args=[self.assignment.pk]),
            {
                "effective_date": "10/01/2566",
                "title": "ประกาศ",
                "file": SimpleUploadedFile("announcement.pdf", PDF, "application/pdf"),
                "requirement": str(requirement.pk),
            },
        )

    def link_sheet(self, key=None):
        self.login(self.district_a_officer)
        return self.client.post(
            reverse("tracking:evidence-link", args=[self.assignment.pk]),
            {
                "requirement": str(self.sheet.pk),
                "record": f"{checklist.DECLARATION_SIGNOFF}:{key or self.declaration.pk}",
            },
        )

    def states(self, response) -> dict:
        rows = response.context["checklist"]
        return {row.requirement.pk: row.done for row in rows}

    def test_it_shows_each_item_missing_then_done_after_an_upload_for_it(self):
        self.login(self.district_a_officer)
        page = self.client.get(self.url)
        self.assertEqual(self.states(page), {self.announcement.pk: False, self.sheet.pk: False})
        self.assertContains(page, 'data-state="missing"', count=2)
        self.assertContains(page, self.sheet.label)
        self.assertContains(page, self.sheet.threshold_text())
        self.assertEqual(self.upload(self.announcement).status_code, 302)
        page = self.client.get(self.url)
        self.assertEqual(self.states(page), {self.announcement.pk: True, self.sheet.pk: False})

    def test_the_office_s_declaration_satisfies_the_sign_off_sheet_without_an_upload(self):
        self.login(self.district_a_officer)
        page = self.client.get(self.url)
        self.assertContains(page, f'value="{checklist.DECLARATION_SIGNOFF}:{self.declaration.pk}"')
        # Another office's declaration is never offered.
        self.assertNotContains(page, self.other_declaration.title)
        self.assertEqual(self.link_sheet().status_code, 302)
        item = EvidenceItem.objects.get(assignment=self.assignment)
        self.assertEqual((item.requirement, item.source_kind), (self.sheet, "declaration-signoff"))
        self.assertTrue(self.states(self.client.get(self.url))[self.sheet.pk])

    def test_another_office_s_record_is_refused(self):
        response = self.link_sheet(key=self.other_declaration.pk)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(EvidenceItem.objects.filter(assignment=self.assignment).exists())

    def test_a_bad_link_request_is_a_400_not_a_500(self):
        self.login(self.district_a_officer)
        url = reverse("tracking:evidence-link", args=[self.assignment.pk])
        for data in ({}, {"requirement": "x", "record": "a"}, {"requirement": "999999"}):
            self.assertEqual(self.client.post(url, data).status_code, 400, data)

    def test_submitting_with_items_missing_asks_for_confirmation_first(self):
        self.upload(self.announcement)
        submit = reverse("tracking:assignment-submit", args=[self.assignment.pk])
        response = self.client.post(submit)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "tracking/submit_confirm.html")
        self.assertContains(response, self.sheet.label)
        self.assertNotContains(response, f"<li>{self.announcement.label}")
        self.assertContains(response, 'name="confirm_missing" value="1"')
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.IN_PROGRESS)
        self.assertRedirects(
            self.client.post(submit, {"confirm_missing": "1"}), self.url, target_status_code=200
        )
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.status, Assignment.Status.SUBMITTED)

    def test_submitting_with_every_item_done_asks_nothing(self):
        self.upload(self.announcement)
        self.link_sheet()
        response = self.client.post(
            reverse("tracking:assignment-submit", args=[self.assignment.pk])
        )
        self.assertRedirects(response, self.url, target_status_code=200)

    def test_the_reviewer_sees_the_ticks_and_offers_no_linking(self):
        self.upload(self.announcement)
        self.link_sheet()
        self.client.post(reverse("tracking:assignment-submit", args=[self.assignment.pk]))
        self.login(self.approver)
        page = self.client.get(self.url)
        self.assertEqual(self.states(page), {self.announcement.pk: True, self.sheet.pk: True})
        self.assertContains(page, 'data-state="done"', count=2)
        self.assertContains(page, 'id="review"')
        self.assertContains(page, 'id="review-checklist" class="muted"')
        self.assertNotContains(page, reverse("tracking:evidence-link", args=[self.assignment.pk]))

    def test_taking_evidence_off_an_item_makes_it_missing_again(self):
        self.link_sheet()
        item = EvidenceItem.objects.get(assignment=self.assignment)
        response = self.client.post(reverse("tracking:evidence-detach", args=[item.pk]))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.states(self.client.get(self.url))[self.sheet.pk])
        self.assertTrue(Entry.objects.filter(action="tracking.evidence_detached").exists())

    def test_the_missing_page_counts_missing_items_per_office_and_activity(self):
        self.login(self.approver)
        url = reverse("tracking:province-missing", args=[self.province.code])
        page = self.client.get(url)
        row = next(r for r in page.context["rows"] if r.activity == self.sheet.activity)
        units = page.context["units"]
        cell = row.cells[units.index(self.district_a)]
        self.assertEqual((cell.required, cell.missing), (2, 2))
        self.upload(self.announcement)
        self.login(self.approver)
        page = self.client.get(url)
        row = next(r for r in page.context["rows"] if r.activity == self.sheet.activity)
        self.assertEqual(row.cells[units.index(self.district_a)].missing, 1)
        self.assertEqual(row.cells[units.index(self.district_b)].missing, 2)
        self.assertContains(page, f"{self.assignment.get_absolute_url()}#checklist")

    def test_the_dashboard_links_to_the_missing_page(self):
        self.login(self.approver)
        page = self.client.get(reverse("tracking:province-dashboard", args=[self.province.code]))
        self.assertContains(page, reverse("tracking:province-missing", args=[self.province.code]))

    def test_a_unit_activity_gets_its_checklist_from_its_evidence_text(self):
        self.login(self.district_a_officer)
        measure = self.sheet.activity.measure
        self.client.post(
            reverse("tracking:unit-add-activity", args=[self.district_a.code]),
            {
                "measure": measure.pk,
                "text": "กิจกรรมของอำเภอ",
                "period_text": "ม.ค. - มี.ค. ๖๖",
                "evidence": "- รูปภาพ - บันทึกรายงานให้ผู้บังคับบัญชาทราบ",
            },
        )
        added = Assignment.objects.get(unit=self.district_a, activity__text="กิจกรรมของอำเภอ")
        self.assertEqual(
            list(added.activity.requirements.values_list("label", "kind")),
            [("รูปภาพ", ""), ("บันทึกรายงานให้ผู้บังคับบัญชาทราบ", "memo")],
        )
