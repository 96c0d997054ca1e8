"""Memo numbering, drafts from live data, attaching a memo as evidence, and the demo seed."""

import hashlib
from datetime import date

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from saisaat.demo.documents import seed_documents_demo
from saisaat.documents import services
from saisaat.documents.kinds import KINDS, activity_paragraphs, quarterly_paragraphs
from saisaat.documents.models import Memo
from saisaat.documents.quarterly import build_quarterly_report
from saisaat.documents.tests.base import DocumentsTestCase
from saisaat.orgs.models import StaffMember, Unit
from saisaat.testing.base import make_user
from saisaat.tracking.models import Assignment, EvidenceItem

FIELDS = dict(
    number="",
    date=date(2023, 3, 15),
    office="สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย",
    subject="รายงานผล",
    recipient="พัฒนาการจังหวัดหนองคาย",
    body="ย่อหน้าหนึ่ง\n\nย่อหน้าสอง",
    signer_name="นายทดสอบ ระบบ",
    signer_position="นักวิชาการพัฒนาชุมชน",
)


class NumberingTest(DocumentsTestCase):
    def test_it_numbers_per_office_and_year_with_the_configured_prefix(self):
        self.assertEqual(services.propose_number(self.province, 2566), "นค 0016/1")
        self.assertEqual(services.take_number(self.province, 2566), 1)
        self.assertEqual(services.take_number(self.province, 2566), 2)
        self.assertEqual(services.take_number(self.province, 2567), 1)
        self.assertEqual(services.take_number(self.district_a, 2566), 1)
        self.assertEqual(services.propose_number(self.province, 2566), "นค 0016/3")

    @override_settings(SAISAAT_MEMO_NUMBER_PREFIXES={"43": "นค 0016", "4301": "นค 0116"})
    def test_it_uses_a_unit_prefix_before_its_parents(self):
        self.assertEqual(services.number_prefix(self.district_a), "นค 0116")
        self.assertEqual(services.number_prefix(self.district_b), "นค 0016.2")
        self.assertEqual(services.number_prefix(self.other_province), "41")

    def test_each_district_office_has_its_own_prefix_under_the_province(self):
        self.assertEqual(services.number_prefix(self.province), "นค 0016")
        self.assertEqual(services.number_prefix(self.district_a), "นค 0016.1")
        self.assertEqual(services.number_prefix(self.district_b), "นค 0016.2")
        numbers = {
            services.format_number(unit, services.take_number(unit, 2566))
            for unit in (self.province, self.district_a, self.district_b)
        }
        self.assertEqual(numbers, {"นค 0016/1", "นค 0016.1/1", "นค 0016.2/1"})

    def test_a_number_typed_outside_the_series_is_refused_when_used(self):
        self._create("ด่วน 12/2566")
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "was already given to another memo"),
        ):
            self._create("ด่วน 12/2566")
        self.assertEqual(Memo.objects.filter(number="ด่วน 12/2566").count(), 1)

    def test_it_numbers_by_the_memo_dates_buddhist_year(self):
        fields = services.MemoFields(**{**FIELDS, "date": date(2024, 1, 2)})
        memo = services.create_memo(
            unit=self.district_a,
            kind="activity",
            fields=fields,
            acting_user=self.district_a_officer,
        )
        self.assertEqual((memo.year, memo.running_number, memo.number), (2567, 1, "นค 0016.1/1"))
        self.assertTrue(memo.pdf.name.endswith(".pdf"))
        self.assertTrue(memo.docx.name.endswith(".docx"))
        with memo.pdf.open("rb") as stored:
            self.assertTrue(stored.read(5).startswith(b"%PDF"))

    def _create(self, number, memo_date=date(2023, 3, 15)):
        return services.create_memo(
            unit=self.district_a,
            kind="activity",
            fields=services.MemoFields(**{**FIELDS, "number": number, "date": memo_date}),
            acting_user=self.district_a_officer,
        )

    def test_it_moves_the_counter_past_a_number_typed_by_hand(self):
        typed = self._create("นค 0016.1/1")
        self.assertEqual((typed.number, typed.running_number), ("นค 0016.1/1", 1))
        self.assertEqual(services.propose_number(self.district_a, 2566), "นค 0016.1/2")
        following = self._create("")
        self.assertEqual((following.number, following.running_number), ("นค 0016.1/2", 2))
        # A higher number typed from the paper register, with Thai digits: the counter follows.
        self._create("นค ๐๐๑๖.๑/๑๐")
        self.assertEqual(self._create("").number, "นค 0016.1/11")
        # Another office's prefix or another year is no number of this office and year.
        self.assertIsNone(self._create("นค 0016/40").running_number)
        self.assertEqual(self._create("นค 0016.1/1", date(2024, 1, 2)).running_number, 1)
        self.assertEqual(services.propose_number(self.district_a, 2566), "นค 0016.1/12")

    def test_it_refuses_a_number_typed_by_hand_that_is_already_used(self):
        self._create("")
        self._create("นค 0016.1/5")
        for number in ("นค 0016.1/1", "นค  0016.1/5"):
            with (
                translation.override("en"),
                self.assertRaisesMessage(ValidationError, "was already given to another memo"),
            ):
                self._create(number)
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "is too large"),
        ):
            self._create("นค 0016.1/" + "9" * 30)
        self.assertEqual(Memo.objects.count(), 2)
        self.assertEqual(services.propose_number(self.district_a, 2566), "นค 0016.1/6")

    def test_it_addresses_the_provincial_director_by_default(self):
        self.assertEqual(services.default_recipient(self.district_a), "พัฒนาการจังหวัดหนองคาย")
        with override_settings(SAISAAT_MEMO_RECIPIENT="ผู้อำนวยการ"):
            self.assertEqual(services.default_recipient(self.province), "ผู้อำนวยการ")

    def test_it_signs_with_the_staff_record_when_there_is_one(self):
        self.assertEqual(services.signer_of(self.district_a_officer)[0], "district-a")
        StaffMember.objects.create(
            unit=self.district_a,
            title="นาง",
            first_name="สมศรี",
            last_name="ทดสอบ",
            position="พัฒนาการอำเภอ",
            user=self.district_a_officer,
        )
        self.assertEqual(
            services.signer_of(self.district_a_officer), ("นางสมศรี ทดสอบ", "พัฒนาการอำเภอ")
        )


class DraftTest(DocumentsTestCase):
    def test_it_drafts_an_activity_result_with_the_evidence_and_their_dates(self):
        evidence = list(self.assignment.evidence.current().order_by("effective_date"))
        paragraphs = activity_paragraphs(self.assignment, evidence)
        text = "\n".join(paragraphs)
        self.assertIn(" ".join(self.assignment.activity.text.split())[:40], " ".join(text.split()))
        self.assertIn("ระหว่างวันที่ 10 มกราคม 2566 ถึงวันที่ 13 มกราคม 2566", text)
        self.assertIn("district-a", text)
        self.assertIn("จำนวน 3 รายการ", text)
        self.assertIn("1. ภาพถ่ายกิจกรรมเดินรณรงค์ ลงวันที่ 10 มกราคม 2566", paragraphs)
        self.assertIn("3. ประชุมชี้แจงเจ้าหน้าที่ ๑๒ คน ลงวันที่ 13 มกราคม 2566", paragraphs)
        self.assertEqual(paragraphs[-1], "จึงเรียนมาเพื่อโปรดทราบ")

    def test_it_says_so_when_there_is_no_evidence_yet(self):
        other = Assignment.objects.filter(unit=self.district_b).order_by("pk").first()
        text = "\n".join(activity_paragraphs(other, []))
        self.assertIn("ยังไม่มีหลักฐาน", text)

    def test_it_reports_a_quarter_per_dimension_and_unit_as_of_its_last_day(self):
        approved = Assignment.objects.filter(unit=self.district_b).order_by("pk")[:2]
        Assignment.objects.filter(pk__in=[a.pk for a in approved]).update(
            status=Assignment.Status.APPROVED, approved_at="2023-02-01T10:00:00+07:00"
        )
        # Approved after the quarter ended: not counted as done in quarter 2.
        late = Assignment.objects.filter(unit=self.district_b).order_by("pk")[2]
        Assignment.objects.filter(pk=late.pk).update(
            status=Assignment.Status.APPROVED, approved_at="2023-05-01T10:00:00+07:00"
        )
        report = build_quarterly_report(self.province, 2566, 2, today=date(2023, 9, 1))
        self.assertEqual(report.as_of, date(2023, 3, 31))
        self.assertEqual([u.code for u in report.units], ["43", "4301", "4302"])
        self.assertEqual(report.unit_totals[2].approved, 2)
        self.assertEqual(report.grand.approved, 2)
        total = Assignment.objects.current().filter(plan=self.plan).count()
        self.assertEqual(report.grand.total, total)
        due_before = (
            Assignment.objects.current()
            .filter(plan=self.plan, due_date__lt=date(2023, 3, 31))
            .exclude(pk__in=[a.pk for a in approved])
            .count()
        )
        self.assertEqual(report.overdue_count, due_before)
        self.assertEqual(sum(row.total.total for row in report.rows), total)
        text = "\n".join(quarterly_paragraphs(report))
        self.assertIn("ไตรมาสที่ 2 (1 มกราคม 2566 ถึง 31 มีนาคม 2566)", text)
        self.assertIn("สำนักงานพัฒนาชุมชนอำเภอท่าบ่อ แล้วเสร็จ 2 จาก", text)
        self.assertIn("มิติที่ 1 ", text)

    def test_it_reports_a_district_alone(self):
        report = build_quarterly_report(self.district_a, 2566, 1, today=date(2023, 9, 1))
        self.assertEqual(report.units, [self.district_a])
        self.assertNotIn("ความก้าวหน้าแยกตามหน่วยงาน", quarterly_paragraphs(report))

    def test_it_registers_the_kinds_including_complaints_and_surveys(self):
        self.assertEqual(
            set(KINDS),
            {"activity", "quarterly", "complaints", "survey"}
            | {"partners", "moral", "innovation", "budget", "fives"},
        )


class AttachTest(DocumentsTestCase):
    def _memo(self, assignment=None):
        return services.create_memo(
            unit=self.district_a,
            kind="activity",
            fields=services.MemoFields(**FIELDS),
            acting_user=self.district_a_officer,
            assignment=assignment,
        )

    def test_it_attaches_the_pdf_as_checked_evidence(self):
        memo = self._memo(self.assignment)
        item = services.attach_memo_as_evidence(memo, acting_user=self.district_a_officer)
        memo.refresh_from_db()
        self.assertEqual(memo.evidence, item)
        self.assertEqual(item.kind, EvidenceItem.Kind.FILE)
        self.assertEqual(item.content_type, "application/pdf")
        self.assertEqual(item.effective_date, date(2023, 3, 15))
        self.assertTrue(item.title.startswith("บันทึกข้อความ ที่ นค 0016.1/1 เรื่อง"))
        with item.file.open("rb") as stored:
            self.assertEqual(hashlib.sha256(stored.read()).hexdigest(), item.sha256)
        with (
            translation.override("en"),
            self.assertRaisesMessage(ValidationError, "already attached"),
        ):
            services.attach_memo_as_evidence(memo, acting_user=self.district_a_officer)

    def test_it_refuses_a_memo_without_an_activity(self):
        with self.assertRaises(ValidationError):
            services.attach_memo_as_evidence(self._memo(), acting_user=self.district_a_officer)

    def test_it_refuses_when_the_activity_is_already_approved(self):
        memo = self._memo(self.assignment)
        Assignment.objects.filter(pk=self.assignment.pk).update(status=Assignment.Status.APPROVED)
        with self.assertRaises(ValidationError):
            services.attach_memo_as_evidence(memo, acting_user=self.district_a_officer)
        memo.refresh_from_db()
        self.assertIsNone(memo.evidence_id)


class SeedTest(DocumentsTestCase):
    def test_it_seeds_a_quarterly_memo_and_an_attached_activity_memo_once(self):
        for n in range(3):
            make_user(f"staff-{n}", self.province)
        self.assertEqual(Unit.objects.get(code="43"), self.province)
        first = seed_documents_demo(self.province, 2566)
        self.assertEqual(first, {"memos": 2, "attached": 1})
        quarterly = Memo.objects.get(kind="quarterly")
        self.assertEqual(quarterly.unit, self.province)
        self.assertIn("ไตรมาสที่ 2", quarterly.subject)
        activity = Memo.objects.get(kind="activity")
        self.assertEqual(activity.assignment, self.assignment)
        self.assertIsNotNone(activity.evidence_id)
        self.assertEqual(seed_documents_demo(self.province, 2566), {"memos": 0, "attached": 0})
        self.assertEqual(Memo.objects.count(), 2)
