"""The register of awards, praise and letters of thanks: typed with B.E. dates, audited,
seen only by its office, and filed as the evidence the plan's award items ask for (2.3.3,
3.4.4, 4.4.1) without uploading anything."""

import hashlib
import shutil
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.participation.models import Recognition
from saisaat.participation.services import recognitions as services
from saisaat.participation.tests.test_workplace import pdf_text
from saisaat.plans import checklist
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking import checklist as tracking_checklist
from saisaat.tracking.models import Assignment


class RecognitionTests(PersonaTestCase):
    publish_plan = True
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.items = EvidenceRequirement.objects.filter(
            activity__measure__dimension__plan=cls.plan, kind=checklist.RECOGNITION
        ).select_related("activity__measure__dimension")
        cls.service_award = next(
            item for item in cls.items if item.activity.measure.dimension.number == 2
        )

    def record(self, unit, **extra):
        values = dict(
            kind="thanks",
            title="หนังสือขอบคุณการให้บริการ",
            given_by="ที่ว่าการอำเภอเมืองหนองคาย",
            received_on=date(2023, 3, 1),
            acting_user=self.district_a_head if unit == self.district_a else self.approver,
        )
        values.update(extra)
        return services.create_recognition(unit, **values)

    def test_the_plans_award_items_ask_for_an_entry_of_the_register(self):
        numbers = sorted(
            f"{i.activity.measure.dimension.number}.{i.activity.measure.number}" for i in self.items
        )
        # 1.1 offers an award as one alternative; 2.3, 3.4 and 4.4 ask for one.
        self.assertEqual(sorted(set(numbers)), ["1.1", "2.3", "3.4", "4.4"])

    def test_it_records_one_typed_with_a_buddhist_era_date_and_audits_it(self):
        self.login(self.district_a_head)
        url = reverse("participation:recognition-add", args=["4301"]) + "?year=2566"
        response = self.client.post(
            url,
            {
                "kind": "award",
                "title": "รางวัลหน่วยงานบริการดีเด่น",
                "given_by": "จังหวัดหนองคาย",
                "received_on": "20/04/2566",
                "reference": "นค 0017/123",
                "plan_activity": self.service_award.activity_id,
            },
        )
        listing = reverse("participation:recognition-list", args=["4301"]) + "?year=2566"
        self.assertRedirects(response, listing)
        recognition = Recognition.objects.get()
        self.assertEqual(
            (recognition.unit, recognition.received_on, recognition.fiscal_year),
            (self.district_a, date(2023, 4, 20), 2566),
        )
        page = self.client.get(listing)
        self.assertContains(page, "รางวัลหน่วยงานบริการดีเด่น")
        self.assertContains(page, "20 เม.ย. 2566")
        entry = Entry.objects.get(action="participation.recognition_created")
        self.assertEqual(entry.object_id, str(recognition.pk))
        self.assertEqual(entry.actor_id, self.district_a_head.pk)

    def test_bad_input_gets_thai_messages_and_nothing_is_saved(self):
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("participation:recognition-add", args=["4301"]),
            {"kind": "award", "title": " ", "given_by": "", "received_on": "31/02/2566"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"title", "given_by", "received_on"})
        self.assertFalse(Recognition.objects.exists())

    def test_another_office_neither_sees_nor_changes_it(self):
        recognition = self.record(self.district_a)
        self.login(self.district_b_officer)
        page = self.client.get(reverse("participation:recognition-list", args=["4301"]))
        self.assertEqual(page.status_code, 404)
        edit = self.client.get(reverse("participation:recognition-edit", args=[recognition.pk]))
        self.assertIn(edit.status_code, (403, 404))
        delete = self.client.post(
            reverse("participation:recognition-delete", args=[recognition.pk])
        )
        self.assertIn(delete.status_code, (403, 404))
        self.assertTrue(Recognition.objects.filter(pk=recognition.pk).exists())

    def test_it_is_filed_as_the_evidence_the_award_item_asks_for(self):
        recognition = self.record(
            self.district_a,
            plan_activity=self.service_award.activity,
            summary="ให้บริการประชาชนด้วยความรวดเร็ว",
        )
        item = services.attach_recognition(recognition, acting_user=self.district_a_officer)
        assignment = Assignment.objects.get(
            unit=self.district_a, activity=self.service_award.activity
        )
        self.assertEqual(item.assignment, assignment)
        self.assertEqual(item.requirement, self.service_award)
        self.assertEqual(item.effective_date, date(2023, 3, 1))
        self.assertNotIn(self.service_award, tracking_checklist.missing_items(assignment))
        # Filed once only: a second click is refused and adds nothing.
        with self.assertRaisesMessage(ValidationError, "ยื่นเป็นหลักฐานไปแล้ว"):
            services.attach_recognition(recognition, acting_user=self.district_a_officer)
        self.assertEqual(assignment.evidence.count(), 1)
        with item.file.open("rb") as stored:
            content = stored.read()
        self.assertEqual(item.sha256, hashlib.sha256(content).hexdigest())
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext is not installed")
        text = pdf_text(content)
        self.assertIn("หนังสือขอบคุณ: หนังสือขอบคุณการให้บริการ", text)
        self.assertIn("ที่ว่าการอำเภอเมืองหนองคาย", text)

    def test_a_second_entry_ticks_the_next_item_asking_for_one(self):
        second_item = EvidenceRequirement.objects.create(
            activity=self.service_award.activity,
            position=99,
            label="หนังสือขอบคุณฉบับที่สอง",
            kind=checklist.RECOGNITION,
        )
        first = self.record(self.district_a, plan_activity=self.service_award.activity)
        second = self.record(
            self.district_a,
            title="หนังสือขอบคุณอีกฉบับ",
            plan_activity=self.service_award.activity,
        )
        items = [
            services.attach_recognition(entry, acting_user=self.district_a_officer)
            for entry in (first, second)
        ]
        self.assertEqual([i.requirement for i in items], [self.service_award, second_item])
        # With every item ticked, a further entry adds to the first.
        third = self.record(
            self.district_a, title="ฉบับที่สาม", plan_activity=self.service_award.activity
        )
        item = services.attach_recognition(third, acting_user=self.district_a_officer)
        self.assertEqual(item.requirement, self.service_award)

    def test_edit_and_removal_are_audited(self):
        recognition = self.record(self.district_a)
        services.update_recognition(
            recognition,
            kind="award",
            title="รางวัลดีเด่น",
            given_by="จังหวัดหนองคาย",
            received_on=date(2023, 10, 2),
            acting_user=self.district_a_head,
        )
        recognition.refresh_from_db()
        self.assertEqual(recognition.fiscal_year, 2567)
        services.delete_recognition(recognition, acting_user=self.district_a_head)
        self.assertEqual(
            list(
                Entry.objects.filter(action__startswith="participation.recognition_")
                .order_by("pk")
                .values_list("action", flat=True)
            ),
            [
                "participation.recognition_created",
                "participation.recognition_changed",
                "participation.recognition_deleted",
            ],
        )

    def test_the_list_keeps_its_queries_as_entries_grow(self):
        self.login(self.district_a_head)
        url = reverse("participation:recognition-list", args=["4301"]) + "?year=2566"
        self.client.get(url)
        self.record(self.district_a, plan_activity=self.service_award.activity)

        def count():
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(queries)

        baseline = count()
        for n in range(5):
            self.record(
                self.district_a,
                title=f"หนังสือขอบคุณ {n}",
                plan_activity=self.service_award.activity,
                received_on=date(2023, 3, 2 + n),
            )
        self.assertEqual(count(), baseline)
