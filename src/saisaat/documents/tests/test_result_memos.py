"""Result memos to the supervisor: partners (3.4.1-3.4.2), moral organisation (4.4.3),
innovation comparison (5.4.1) and budget disbursement (1.2.3). Each memo states the figures
of the page it summarises, computed by that page's own function; bad parameters answer 400;
the memo goes on the office's assignment of the plan activity it reports."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from saisaat.budget.tests.helpers import make_line
from saisaat.documents.kinds import KINDS
from saisaat.documents.tests.pdftools import pdftotext
from saisaat.documents.tests.test_subplans import squash
from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Partner, PartnerType, Virtue
from saisaat.participation.services import activities as office_activities
from saisaat.participation.services import innovation
from saisaat.participation.services import partners as partner_services
from saisaat.testing.base import PersonaTestCase


def body_of(response) -> str:
    return "\n".join(response.context["draft"].paragraphs)


class ResultMemoTests(PersonaTestCase):
    more_personas = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        head = cls.district_a_head
        types = {t.code: t for t in PartnerType.objects.all()}
        temple = Partner.objects.create(
            unit=cls.district_a, name="วัดโพธิ์ชัย", partner_type=types["religious"]
        )
        school = Partner.objects.create(
            unit=cls.district_a, name="โรงเรียนบ้านหม้อ", partner_type=types["academic"]
        )
        partner_services.record_mou(
            cls.district_a,
            title="บันทึกข้อตกลงความร่วมมือส่งเสริมคุณธรรม",
            signed_on=date(2023, 1, 20),
            partners=[temple],
            max_bytes=10_000_000,
            acting_user=head,
        )
        partner_services.record_joint_activity(
            cls.district_a,
            title="เดินรณรงค์ต่อต้านการทุจริต",
            held_on=date(2023, 2, 9),
            partners=[temple, school],
            acting_user=head,
        )
        cls.staff = [
            StaffMember.objects.create(unit=cls.district_a, first_name=f"คน{n}", last_name="ดี")
            for n in range(4)
        ]
        activity = office_activities.create_activity(
            cls.district_a,
            acting_user=head,
            title="ทำบุญตักบาตร",
            held_on=date(2023, 3, 1),
            virtues=[Virtue.values[0]],
        )
        office_activities.record_attendance(activity, cls.staff[:3], method="list")
        cls.project = innovation.create_project(
            cls.district_a,
            title="ระบบยื่นคำร้องออนไลน์",
            started_on=date(2023, 1, 5),
            acting_user=head,
        )
        innovation.add_measurement(
            cls.project,
            metric="เวลาที่ใช้ต่อคำร้อง",
            unit_label="นาที",
            before=Decimal(30),
            after=Decimal(6),
            acting_user=head,
        )
        innovation.add_measurement(
            cls.project,
            metric="ค่ากระดาษต่อเดือน",
            unit_label="บาท",
            before=Decimal(3000),
            after=Decimal(250),
            acting_user=head,
        )
        planned = [Decimal(1000)] * 12
        make_line(cls.district_a, "ค่าใช้จ่ายในการประชุม", planned, [900, 1100, 700, 0, 0, 0])

    def setUp(self):
        self.login(self.district_a_head)

    def memo(self, kind, **params):
        return self.client.get(reverse("documents:memo-new", args=[kind]), params)

    def test_the_four_kinds_are_registered(self):
        self.assertTrue({"partners", "moral", "innovation", "budget"} <= set(KINDS))

    def test_the_partner_memo_states_the_partner_pages_figures(self):
        page = self.client.get(
            reverse("participation:partner-list", args=["4301"]), {"year": 2566}
        ).context["overview"]
        response = self.memo("partners", unit="4301", year="2566")
        self.assertEqual(response.status_code, 200)
        memo = response.context["draft"].context["overview"]
        self.assertEqual(
            (memo.engaged, memo.type_count, len(memo.mous), len(memo.joint_activities)),
            (page.engaged, page.type_count, len(page.mous), len(page.joint_activities)),
        )
        self.assertEqual(page.engaged, 2)
        body = body_of(response)
        self.assertIn(
            f"มีความร่วมมือกับภาคีเครือข่าย 2 จาก {page.type_count} ประเภท "
            "ทำบันทึกข้อตกลงความร่วมมือ (MOU) 1 ฉบับ และจัดกิจกรรมร่วมกับภาคีเครือข่าย 1 กิจกรรม",
            body,
        )
        self.assertIn("เดินรณรงค์ต่อต้านการทุจริต เมื่อวันที่ 9 กุมภาพันธ์ 2566", body)
        assignment = response.context["draft"].assignment
        activity = assignment.activity
        self.assertEqual(
            (activity.measure.dimension.number, activity.measure.number, activity.position),
            (3, 4, 2),
        )

    def test_the_moral_memo_states_the_participation_pages_cards(self):
        page = self.client.get(
            reverse("participation:overview", args=["4301"]), {"year": 2566}
        ).context["cards"]
        cards = {card.metric.key: card.value for card in page}
        response = self.memo("moral", unit="4301", year="2566")
        self.assertEqual(response.status_code, 200)
        values = response.context["draft"].context["values"]
        for key, value in values.items():
            self.assertEqual(value, cards[key], key)
        attendance = values["moral_activity_attendance"]
        self.assertEqual(attendance.numerator, 3)
        body = body_of(response)
        self.assertIn(
            f"บุคลากรเข้าร่วมกิจกรรมส่งเสริมองค์กรคุณธรรม 3 จาก {attendance.denominator} คน "
            f"คิดเป็นร้อยละ {attendance.value:.2f}",
            body,
        )
        self.assertIn("จัดกิจกรรมส่งเสริมองค์กรคุณธรรม 1 กิจกรรม", body)

    def test_the_moral_memo_names_the_district_offices_when_it_rolls_them_up(self):
        self.login(self.approver)
        own = body_of(self.memo("moral", unit=self.province.code, year="2566", scope="own"))
        rolled = body_of(self.memo("moral", unit=self.province.code, year="2566", scope="all"))
        whole = f"{self.province.name_th}และสำนักงานพัฒนาชุมชนอำเภอ"
        self.assertNotIn(whole, own)
        self.assertIn(f"ตามที่{whole}ได้จัดทำแผน", rolled)
        self.assertIn("บุคลากรของสำนักงานทั้งหมดเข้าร่วมกิจกรรมส่งเสริมองค์กรคุณธรรม", rolled)
        self.assertIn("บุคลากรเข้าร่วมกิจกรรมส่งเสริมองค์กรคุณธรรม", own)

    def test_the_innovation_memo_states_the_innovation_pages_comparison(self):
        page = self.client.get(
            reverse("participation:innovation-detail", args=[self.project.pk])
        ).context["comparisons"]
        response = self.memo("innovation", project=str(self.project.pk))
        self.assertEqual(response.status_code, 200)
        memo = response.context["draft"].context["comparisons"]
        self.assertEqual(
            [(c.before_text, c.after_text, c.percent_text, c.summary) for c in memo],
            [(c.before_text, c.after_text, c.percent_text, c.summary) for c in page],
        )
        body = body_of(response)
        self.assertIn("1. เวลาที่ใช้ต่อคำร้อง ก่อน 30 นาที หลัง 6 นาที", body)
        self.assertIn(page[0].summary, body)
        self.assertIn("ดีขึ้น 2 จาก 2 รายการ", body)

    def test_the_budget_memo_states_the_budget_pages_figures(self):
        overview = self.client.get(
            reverse("budget:overview", args=["4301"]), {"year": 2566, "month": 6}
        ).context["overview"]
        response = self.memo("budget", unit="4301", year="2566", month="6")
        self.assertEqual(response.status_code, 200)
        memo = response.context["draft"].context["overview"]
        self.assertEqual(memo.total, overview.total)
        self.assertEqual(
            [(q.cumulative_disbursed, q.disbursed_percent) for q in memo.quarters],
            [(q.cumulative_disbursed, q.disbursed_percent) for q in overview.quarters],
        )
        total = overview.total
        self.assertEqual(total.disbursed_to_date, Decimal(2700))
        body = body_of(response)
        self.assertIn("รวม 12,000.00 บาท", body)
        self.assertIn(
            f"ณ สิ้นเดือนมีนาคม 2566 เบิกจ่ายแล้ว 2,700.00 บาท คิดเป็นร้อยละ "
            f"{total.percent_of_year:.2f} ของงบประมาณทั้งปี",
            body,
        )

    def test_bad_parameters_answer_400(self):
        for kind, params in (
            ("partners", {}),
            ("partners", {"unit": "4301", "year": "abc"}),
            ("partners", {"unit": "4301", "year": "99999"}),
            ("moral", {"unit": "4301", "year": "๒๕๖"}),
            ("innovation", {}),
            ("innovation", {"project": "x"}),
            ("innovation", {"project": "99999999999999999999"}),
            ("budget", {"unit": "4301", "year": "2566", "month": "13"}),
            ("budget", {"unit": "4301", "year": "2599"}),  # no budget that year
        ):
            self.assertEqual(self.memo(kind, **params).status_code, 400, (kind, params))
        empty = innovation.create_project(
            self.district_a,
            title="ยังไม่มีตัวเลข",
            started_on=date(2023, 1, 5),
            acting_user=self.district_a_head,
        )
        self.assertEqual(self.memo("innovation", project=str(empty.pk)).status_code, 400)

    def test_other_offices_cannot_draft_them(self):
        self.login(self.district_b_officer)
        self.assertEqual(self.memo("partners", unit="4301", year="2566").status_code, 404)
        self.assertEqual(self.memo("innovation", project=str(self.project.pk)).status_code, 404)

    def test_the_generated_memo_keeps_the_thai_text(self):
        response = self.memo("budget", unit="4301", year="2566", month="6")
        form = response.context["form"]
        data = {name: form[name].value() for name in form.fields}
        data["date"] = "1/4/2566"
        data["thai_digits"] = ""
        posted = self.client.post(
            reverse("documents:memo-new", args=["budget"]) + "?unit=4301&year=2566&month=6",
            data,
        )
        self.assertEqual(posted.status_code, 302, getattr(posted, "context", None) and "")
        from saisaat.documents.models import Memo

        memo = Memo.objects.get(kind="budget")
        with memo.pdf.open("rb") as stored:
            text = squash(pdftotext(stored.read()))
        self.assertIn(squash("รายงานผลการเบิกจ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2566"), text)
        self.assertIn(squash("เบิกจ่ายแล้ว 2,700.00 บาท"), text)
