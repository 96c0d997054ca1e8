"""Sub-plans (3.1.1, 4.1.1, 5.1.1): audited services, the office's pages behind the scoping
gate, the document as PDF (Thai text exact through pdftotext) and DOCX, a budget line from
an activity, and the issued document ticking its plan activity's checklist item."""

import io
import unicodedata
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import SimpleTestCase
from django.urls import reverse
from docx import Document

from saisaat.audit.models import Entry
from saisaat.budget.models import BudgetLine, MonthlyAmount
from saisaat.documents import subplan_services as services
from saisaat.documents.evidence import SUB_PLAN
from saisaat.documents.models import SubPlan, SubPlanActivity
from saisaat.documents.subplan_doc import (
    SubPlanContent,
    content_of,
    render_subplan_docx,
    render_subplan_pdf,
)
from saisaat.documents.tests.pdftools import pdftotext
from saisaat.orgs.models import StaffMember
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


class SubPlanTestCase(PersonaTestCase):
    more_personas = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.somjai = StaffMember.objects.create(
            unit=cls.district_a, title="นางสาว", first_name="สมใจ", last_name="ใจดี"
        )
        cls.somchai = StaffMember.objects.create(
            unit=cls.district_a, title="นาย", first_name="สมชาย", last_name="รักดี"
        )
        cls.stranger = StaffMember.objects.create(
            unit=cls.district_b, first_name="คนอื่น", last_name="ต่างอำเภอ"
        )

    def make_subplan(self, **overrides):
        fields = {
            "kind": SubPlan.Kind.MORAL,
            "fiscal_year": 2566,
            "title": "แผนการขับเคลื่อนองค์กรคุณธรรม สำนักงานพัฒนาชุมชนอำเภอ",
            "objective": "เพื่อส่งเสริมให้บุคลากรมีคุณธรรม พอเพียง วินัย สุจริต จิตอาสา",
            "acting_user": self.district_a_head,
        }
        fields.update(overrides)
        return services.create_subplan(self.district_a, **fields)

    def add(self, subplan, **overrides):
        fields = {
            "acting_user": self.district_a_head,
            "name": "ทำบุญตักบาตรเนื่องในวันสำคัญทางศาสนา",
            "period_start": date(2022, 12, 1),
            "period_end": date(2023, 3, 31),
            "responsible": [self.somjai, self.somchai],
            "budget": Decimal("12500.50"),
            "indicator": "ร้อยละของบุคลากรที่เข้าร่วม",
            "target": "ร้อยละ 80",
        }
        fields.update(overrides)
        return services.add_activity(subplan, **fields)


class SubPlanServiceTests(SubPlanTestCase):
    def test_each_change_is_audited_and_the_kind_finds_its_plan_activity(self):
        subplan = self.make_subplan()
        activity = subplan.plan_activity
        self.assertEqual(
            (activity.measure.dimension.number, activity.measure.number, activity.position),
            (4, 1, 1),
        )
        row = self.add(subplan)
        services.update_activity(
            row, acting_user=self.district_a_head, budget=Decimal("9000"), responsible=[self.somjai]
        )
        services.update_subplan(subplan, acting_user=self.district_a_head, title="แผนใหม่")
        services.issue(subplan, acting_user=self.district_a_head)
        actions = list(
            Entry.objects.filter(action__startswith="documents.subplan")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions,
            [
                "documents.subplan_created",
                "documents.subplan_activity_added",
                "documents.subplan_activity_edited",
                "documents.subplan_edited",
                "documents.subplan_issued",
            ],
        )
        edited = Entry.objects.get(action="documents.subplan_activity_edited")
        self.assertEqual(edited.changes["budget"], ["12500.50", "9000"])
        self.assertEqual(
            edited.changes["responsible"],
            [sorted([self.somjai.pk, self.somchai.pk]), [self.somjai.pk]],
        )
        self.assertEqual(edited.unit_id, self.district_a.pk)
        self.assertEqual(edited.fiscal_year, 2566)

    def test_an_issued_sub_plan_is_fixed(self):
        subplan = self.make_subplan()
        with self.assertRaises(ValidationError):
            services.issue(subplan, acting_user=self.district_a_head)  # no activity yet
        row = self.add(subplan)
        services.issue(subplan, acting_user=self.district_a_head)
        with self.assertRaises(ValidationError):
            self.add(subplan)
        with self.assertRaises(ValidationError):
            services.update_activity(row, acting_user=self.district_a_head, name="อื่น")
        with self.assertRaises(ValidationError):
            services.delete_activity(row, acting_user=self.district_a_head)

    def test_bad_activities_are_refused(self):
        subplan = self.make_subplan()
        for overrides in (
            {"period_start": date(2023, 3, 1), "period_end": date(2023, 2, 1)},
            {"period_end": date(2023, 10, 1)},  # after the fiscal year 2566
            {"budget": Decimal("-1")},
            {"responsible": [self.stranger]},
        ):
            with self.assertRaises(ValidationError, msg=overrides):
                self.add(subplan, **overrides)
        self.assertFalse(subplan.activities.exists())

    def test_only_the_offices_managers_change_it(self):
        subplan = self.make_subplan()
        with self.assertRaises(PermissionDenied):
            services.create_subplan(
                self.district_a,
                kind=SubPlan.Kind.PARTNERS,
                fiscal_year=2566,
                title="x",
                objective="y",
                acting_user=self.district_b_officer,
            )
        with self.assertRaises(PermissionDenied):
            self.add(subplan, acting_user=self.district_a_officer)

    def test_an_activity_becomes_a_budget_line_once(self):
        subplan = self.make_subplan()
        row = self.add(subplan)
        services.issue(subplan, acting_user=self.district_a_head)
        line = services.make_budget_line(row, acting_user=self.district_a_head)
        self.assertEqual((line.unit, line.fiscal_year), (self.district_a, 2566))
        self.assertEqual(line.activity, subplan.plan_activity)
        months = dict(MonthlyAmount.objects.filter(line=line).values_list("month", "planned"))
        # December is the third month of the fiscal year.
        self.assertEqual(months[3], Decimal("12500.50"))
        self.assertEqual(sum(months.values()), Decimal("12500.50"))
        self.assertTrue(Entry.objects.filter(action="budget.line_created").exists())
        self.assertTrue(Entry.objects.filter(action="documents.subplan_activity_budgeted").exists())
        with self.assertRaises(ValidationError):
            services.make_budget_line(row, acting_user=self.district_a_head)
        self.assertEqual(BudgetLine.objects.filter(unit=self.district_a).count(), 1)

    def test_a_draft_is_not_budgeted(self):
        subplan = self.make_subplan()
        row = self.add(subplan)
        with self.assertRaises(ValidationError):
            services.make_budget_line(row, acting_user=self.district_a_head)
        self.assertFalse(BudgetLine.objects.filter(unit=self.district_a).exists())
        row.refresh_from_db()
        self.assertIsNone(row.budget_line_id)
        # Nor through the page: a Thai message, no line.
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("documents:subplan-activity-budget", args=[row.pk]), follow=True
        )
        self.assertNotEqual(response.status_code, 500)
        self.assertFalse(BudgetLine.objects.filter(unit=self.district_a).exists())

    def test_the_year_of_a_sub_plan_with_activities_does_not_change(self):
        subplan = self.make_subplan()
        services.update_subplan(subplan, acting_user=self.district_a_head, fiscal_year=2567)
        subplan.refresh_from_db()
        self.assertEqual(subplan.fiscal_year, 2567)
        services.update_subplan(subplan, acting_user=self.district_a_head, fiscal_year=2566)
        self.add(subplan)
        with self.assertRaises(ValidationError):
            services.update_subplan(subplan, acting_user=self.district_a_head, fiscal_year=2567)
        subplan.refresh_from_db()
        self.assertEqual(subplan.fiscal_year, 2566)
        # Same year, other fields: still fine.
        services.update_subplan(
            subplan, acting_user=self.district_a_head, fiscal_year=2566, title="แผนใหม่"
        )

    def test_the_issued_sub_plan_ticks_its_activitys_checklist_item(self):
        subplan = self.make_subplan()
        self.add(subplan)
        with self.assertRaises(ValidationError):
            services.satisfy_evidence(subplan, acting_user=self.district_a_head)
        services.issue(subplan, acting_user=self.district_a_head)
        requirement = EvidenceRequirement.objects.get(activity=subplan.plan_activity)
        self.assertEqual(requirement.kind, SUB_PLAN)
        item = services.satisfy_evidence(subplan, acting_user=self.district_a_head)
        assignment = Assignment.objects.current().get(
            unit=self.district_a, activity=subplan.plan_activity
        )
        self.assertEqual((item.assignment, item.requirement), (assignment, requirement))
        self.assertEqual(item.source_kind, SUB_PLAN)
        subplan.refresh_from_db()
        self.assertEqual(subplan.evidence, item)
        text = squash(pdftotext(item.file.read()))
        self.assertIn(squash("ทำบุญตักบาตรเนื่องในวันสำคัญทางศาสนา"), text)


class SubPlanDocumentTests(SubPlanTestCase):
    def test_the_pdf_keeps_the_thai_text_and_the_docx_holds_it(self):
        subplan = self.make_subplan()
        self.add(subplan)
        self.add(
            subplan,
            name="อบรมเสริมสร้างวินัยและจิตอาสา",
            period_start=date(2023, 5, 1),
            period_end=date(2023, 5, 1),
            responsible=[self.somchai],
            budget=Decimal("3000"),
            indicator="",
            target="",
        )
        content = content_of(subplan)
        text = squash(pdftotext(render_subplan_pdf(content)))
        for expected in [
            "แผนการขับเคลื่อนองค์กรคุณธรรม สำนักงานพัฒนาชุมชนอำเภอ",
            "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "๑. วัตถุประสงค์",
            "เพื่อส่งเสริมให้บุคลากรมีคุณธรรม พอเพียง วินัย สุจริต จิตอาสา",
            "๒.๑ ทำบุญตักบาตรเนื่องในวันสำคัญทางศาสนา",
            "ระยะเวลา ๑ ธันวาคม ๒๕๖๕ ถึง ๓๑ มีนาคม ๒๕๖๖",
            "ผู้รับผิดชอบ นายสมชาย รักดี, นางสาวสมใจ ใจดี",
            "งบประมาณ ๑๒,๕๐๐.๕๐ บาท",
            "ตัวชี้วัด ร้อยละของบุคลากรที่เข้าร่วม ค่าเป้าหมาย ร้อยละ ๘๐",
            "๒.๒ อบรมเสริมสร้างวินัยและจิตอาสา",
            "ระยะเวลา ๑ พฤษภาคม ๒๕๖๖",
            "รวมทั้งสิ้น ๑๕,๕๐๐.๕๐ บาท",
        ]:
            self.assertIn(squash(expected), text)
        document = Document(io.BytesIO(render_subplan_docx(content)))
        docx_text = "\n".join(p.text for p in document.paragraphs)
        self.assertIn("ผู้รับผิดชอบ นายสมชาย รักดี, นางสาวสมใจ ใจดี", docx_text)
        self.assertIn("รวมทั้งสิ้น ๑๕,๕๐๐.๕๐ บาท", docx_text)


class SubPlanPageTests(SubPlanTestCase):
    def test_the_head_drafts_adds_an_activity_and_issues_through_the_pages(self):
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("documents:subplan-new", args=["4301"]),
            {
                "kind": "partners",
                "fiscal_year": "2566",
                "title": "แผนการแสวงหาความร่วมมือกับภาคีเครือข่าย",
                "objective": "เพื่อให้ภาคีเครือข่ายมีส่วนร่วม",
            },
        )
        subplan = SubPlan.objects.get()
        self.assertRedirects(response, subplan.get_absolute_url())
        response = self.client.post(
            reverse("documents:subplan-activity-add", args=[subplan.pk]),
            {
                "name": "ประชุมภาคีเครือข่าย",
                "period_start": "1/2/2566",
                "period_end": "28/2/2566",
                "responsible": [self.somjai.pk],
                "budget": "๕,๐๐๐",
                "indicator": "จำนวนภาคีเครือข่าย",
                "target": "7 ประเภท",
            },
        )
        self.assertEqual(response.status_code, 302)
        row = SubPlanActivity.objects.get()
        self.assertEqual((row.budget, list(row.responsible.all())), (Decimal(5000), [self.somjai]))
        page = self.client.get(subplan.get_absolute_url())
        self.assertContains(page, "ประชุมภาคีเครือข่าย")
        self.assertContains(page, "5,000.00")
        self.client.post(reverse("documents:subplan-issue", args=[subplan.pk]))
        subplan.refresh_from_db()
        self.assertFalse(subplan.is_draft)
        pdf = self.client.get(reverse("documents:subplan-file", args=[subplan.pk, "pdf"]))
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertIn(squash("ประชุมภาคีเครือข่าย"), squash(pdftotext(b"".join(pdf))))

    def test_bad_input_answers_400_with_the_error_summary(self):
        subplan = self.make_subplan()
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("documents:subplan-activity-add", args=[subplan.pk]),
            {"name": "", "period_start": "31/2/2566", "period_end": "x", "budget": "abc"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "error-summary", status_code=400)
        response = self.client.post(
            reverse("documents:subplan-new", args=["4301"]),
            {"kind": "moral", "fiscal_year": "2023x", "title": "", "objective": ""},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(SubPlanActivity.objects.exists())

    def test_other_offices_do_not_see_it(self):
        subplan = self.make_subplan()
        self.add(subplan)
        detail = subplan.get_absolute_url()
        pdf = reverse("documents:subplan-file", args=[subplan.pk, "pdf"])
        for persona, status in (
            ("district_b_officer", 404),
            ("other_province_officer", 404),
            ("district_a_officer", 200),
            ("approver", 200),
        ):
            self.login(getattr(self, persona))
            self.assertEqual(self.client.get(detail).status_code, status, persona)
            self.assertEqual(self.client.get(pdf).status_code, status, persona)
        self.login(self.district_a_officer)
        response = self.client.post(reverse("documents:subplan-issue", args=[subplan.pk]))
        self.assertEqual(response.status_code, 403)

    def test_the_detail_page_does_not_grow_its_queries_with_activities(self):
        subplan = self.make_subplan()
        self.add(subplan)
        self.login(self.district_a_head)
        url = subplan.get_absolute_url()
        self.client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as one:
            self.client.get(url)
        for n in range(4):
            self.add(subplan, name=f"กิจกรรม {n}")
        with CaptureQueriesContext(connection) as five:
            self.client.get(url)
        self.assertEqual(len(five), len(one))


class SubPlanHeaderTests(SimpleTestCase):
    def content(self, title):
        return SubPlanContent(
            heading="แผนการขับเคลื่อนองค์กรคุณธรรม",
            title=title,
            office="สำนักงานพัฒนาชุมชนจังหวัดหนองคาย",
            fiscal_year=2566,
            objective="",
        )

    def test_the_heading_and_the_office_are_not_repeated_when_the_title_has_them(self):
        title = "แผนการขับเคลื่อนองค์กรคุณธรรม สำนักงานพัฒนาชุมชนจังหวัดหนองคาย"
        self.assertEqual(self.content(title).header_lines(), [title, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"])

    def test_a_short_title_gets_the_heading_and_the_office(self):
        self.assertEqual(
            self.content("ปีที่ ๒").header_lines(),
            [
                "แผนการขับเคลื่อนองค์กรคุณธรรม",
                "ปีที่ ๒",
                "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            ],
        )


class SubPlanPlanActivityTests(SubPlanTestCase):
    """A sub-plan links only to its office's plan: the province's plan, less the activities
    another district added for itself (the budget form's rule)."""

    def district_b_activity(self):
        from saisaat.thai.periods import parse_period
        from saisaat.tracking.services import add_unit_activity

        measure = self.plan.dimensions.get(number=4).measures.get(number=1)
        return add_unit_activity(
            self.plan,
            self.district_b,
            measure=measure,
            text="กิจกรรมของอำเภอท่าบ่อเอง",
            period=parse_period("มี.ค. ๖๖"),
            period_text="มี.ค. ๖๖",
            evidence="รูปภาพกิจกรรม",
            acting_user=self.district_b_officer,
        ).activity

    def test_another_districts_activity_is_neither_offered_nor_accepted(self):
        foreign = self.district_b_activity()
        offered = services.office_activities(self.district_a, 2566)
        self.assertNotIn(foreign, offered)
        self.assertIn(foreign, services.office_activities(self.district_b, 2566))
        subplan = self.make_subplan()
        with self.assertRaises(ValidationError):
            self.add(subplan, plan_activity=foreign)
        row = self.add(subplan)
        with self.assertRaises(ValidationError):
            services.update_activity(row, acting_user=self.district_a_head, plan_activity=foreign)
        with self.assertRaises(ValidationError):
            self.make_subplan(plan_activity=foreign)
        # The page's choices do not list it either, and a posted pk is refused.
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("documents:subplan-activity-add", args=[subplan.pk]),
            {
                "name": "x",
                "period_start": "1/12/2565",
                "period_end": "31/12/2565",
                "plan_activity": foreign.pk,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(subplan.activities.count(), 1)

    def test_the_budget_refuses_a_line_under_another_units_activity(self):
        from saisaat.budget import services as budget

        foreign = self.district_b_activity()
        with self.assertRaises(ValidationError):
            budget.create_line(
                self.district_a, 2566, acting_user=self.district_a_head, name="x", activity=foreign
            )

    def test_an_office_of_another_province_gets_no_activity_of_this_provinces_plan(self):
        from saisaat.orgs.models import User
        from saisaat.testing.base import make_user

        head = make_user("other-district-head", self.other_district, role=User.Role.APPROVER)
        subplan = services.create_subplan(
            self.other_district,
            kind=SubPlan.Kind.MORAL,
            fiscal_year=2566,
            title="แผน",
            objective="วัตถุประสงค์",
            acting_user=head,
        )
        self.assertIsNone(subplan.plan_activity)
        self.assertFalse(services.office_activities(self.other_district, 2566).exists())


class SubPlanControlCharacterTests(SubPlanTestCase):
    def test_control_characters_are_dropped_so_the_docx_always_renders(self):
        self.login(self.district_a_head)
        response = self.client.post(
            reverse("documents:subplan-new", args=[self.district_a.code]),
            {
                "kind": "partners",
                "fiscal_year": "2566",
                "title": "แผน\x01ภาคี\x0bเครือข่าย",
                "objective": "เพื่อ\x1fให้มีส่วนร่วม",
            },
        )
        subplan = SubPlan.objects.get()
        self.assertRedirects(response, subplan.get_absolute_url())
        self.assertEqual((subplan.title, subplan.objective), ("แผนภาคีเครือข่าย", "เพื่อให้มีส่วนร่วม"))
        self.client.post(
            reverse("documents:subplan-activity-add", args=[subplan.pk]),
            {
                "name": "ประชุม\x01ภาคี",
                "period_start": "1/2/2566",
                "period_end": "28/2/2566",
                "indicator": "จำนวน\x02ภาคี",
                "target": "7\x03 ประเภท",
            },
        )
        row = subplan.activities.get()
        self.assertEqual(
            (row.name, row.indicator, row.target), ("ประชุมภาคี", "จำนวนภาคี", "7 ประเภท")
        )
        response = self.client.get(reverse("documents:subplan-file", args=[subplan.pk, "docx"]))
        self.assertEqual(response.status_code, 200)
        Document(
            io.BytesIO(
                b"".join(response.streaming_content if response.streaming else [response.content])
            )
        )
