"""Partner pages: adding and editing partners, MOUs with their file, joint activities."""

import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from saisaat.participation.metrics import METRICS
from saisaat.participation.models import (
    JointActivity,
    MemorandumOfUnderstanding,
    Partner,
    PartnerType,
)
from saisaat.participation.services import partners as services
from saisaat.plans.metrics import Scope
from saisaat.testing.base import PersonaTestCase

PDF = b"%PDF-1.4\n%%EOF\n"


class PartnerViewTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.types = {t.code: t for t in PartnerType.objects.all()}
        cls.office = Partner.objects.create(
            unit=cls.province, name="ที่ทำการปกครองจังหวัด", partner_type=cls.types["government"]
        )
        cls.university = Partner.objects.create(
            unit=cls.province, name="มหาวิทยาลัยขอนแก่น", partner_type=cls.types["academic"]
        )

    def setUp(self):
        self.login(self.approver)

    def list_page(self, code="43", year=2566):
        return self.client.get(reverse("participation:partner-list", args=[code]), {"year": year})

    def test_it_adds_a_partner_and_lists_it_under_its_type(self):
        response = self.client.post(
            reverse("participation:partner-add", args=["43"]),
            {"name": " วัดโพธิ์ชัย ", "partner_type": self.types["religious"].pk, "contact": ""},
        )
        self.assertEqual(response.status_code, 302)
        partner = Partner.objects.get(name="วัดโพธิ์ชัย")
        self.assertEqual((partner.unit, partner.partner_type.code), (self.province, "religious"))
        page = self.list_page().content.decode()
        row = re.search(r'data-type="religious">(.*?)</tr>', page, re.S).group(1)
        self.assertIn("วัดโพธิ์ชัย", row)

    def test_it_keeps_what_was_typed_when_a_partner_has_no_name(self):
        response = self.client.post(
            reverse("participation:partner-add", args=["43"]),
            {"name": "   ", "partner_type": self.types["religious"].pk, "contact": "โทร 042"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "โทร 042", status_code=400)
        self.assertTrue(response.context["partner_form"].errors["name"])
        self.assertEqual(Partner.objects.count(), 2)

    def test_it_edits_a_partner(self):
        url = reverse("participation:partner-edit", args=[self.office.pk])
        self.assertContains(self.client.get(url), "ที่ทำการปกครองจังหวัด")
        response = self.client.post(
            url,
            {
                "name": "ที่ทำการปกครองจังหวัดหนองคาย",
                "partner_type": self.types["government"].pk,
                "contact": "0 4241 1000",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.office.refresh_from_db()
        self.assertEqual(
            (self.office.name, self.office.contact), ("ที่ทำการปกครองจังหวัดหนองคาย", "0 4241 1000")
        )
        bad = self.client.post(url, {"name": "x", "partner_type": 99999})
        self.assertEqual(bad.status_code, 400)

    def test_it_records_an_mou_with_its_file_and_serves_it(self):
        response = self.client.post(
            reverse("participation:mou-add", args=["43"]),
            {
                "title": "MOU องค์กรคุณธรรม",
                "signed_on": "2022-12-15",
                "partners": [self.office.pk, self.university.pk],
                "file": SimpleUploadedFile("ลงนาม.pdf", PDF),
            },
        )
        mou = MemorandumOfUnderstanding.objects.get()
        self.assertRedirects(
            response, reverse("participation:partner-list", args=["43"]) + "?year=2566"
        )
        self.assertEqual(mou.fiscal_year, 2566)
        self.assertEqual(set(mou.partners.all()), {self.office, self.university})
        page = self.list_page()
        self.assertContains(page, "15 ธันวาคม 2565")
        self.assertContains(page, reverse("participation:mou-file", args=[mou.pk]))
        download = self.client.get(reverse("participation:mou-file", args=[mou.pk]))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download["Content-Type"], "application/pdf")
        self.assertEqual(b"".join(download.streaming_content), PDF)
        self.assertEqual(download["Cache-Control"], "private, no-store")

    def test_it_refuses_an_executable_and_keeps_the_form(self):
        response = self.client.post(
            reverse("participation:mou-add", args=["43"]),
            {
                "title": "MOU ที่แนบไฟล์โปรแกรม",
                "signed_on": "2023-01-10",
                "partners": [self.office.pk],
                "file": SimpleUploadedFile("mou.pdf", b"MZ\x90\x00" + b"\x00" * 64),
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(MemorandumOfUnderstanding.objects.exists())
        self.assertIn("file", response.context["mou_form"].errors)
        self.assertContains(response, "MOU ที่แนบไฟล์โปรแกรม", status_code=400)

    @override_settings(SAISAAT_MAX_UPLOAD_BYTES=1024)
    def test_it_refuses_a_file_over_the_limit(self):
        response = self.client.post(
            reverse("participation:mou-add", args=["43"]),
            {
                "title": "MOU",
                "signed_on": "2023-01-10",
                "partners": [self.office.pk],
                "file": SimpleUploadedFile("big.pdf", PDF + b"0" * 200_000),
            },
        )
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "MB", status_code=413)
        self.assertFalse(MemorandumOfUnderstanding.objects.exists())

    def test_it_needs_a_party_and_a_real_date(self):
        response = self.client.post(
            reverse("participation:mou-add", args=["43"]),
            {"title": "MOU", "signed_on": "31/02/2566"},
        )
        self.assertEqual(response.status_code, 400)
        errors = response.context["mou_form"].errors
        self.assertIn("partners", errors)
        self.assertIn("signed_on", errors)

    def test_it_refuses_a_partner_of_another_unit(self):
        theirs = Partner.objects.create(
            unit=self.district_a, name="วัดในอำเภอ", partner_type=self.types["religious"]
        )
        response = self.client.post(
            reverse("participation:joint-activity-add", args=["43"]),
            {"title": "ร่วมกัน", "held_on": "2023-03-01", "partners": [theirs.pk]},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(JointActivity.objects.exists())

    def test_it_edits_an_mou_and_a_joint_activity(self):
        mou = services.record_mou(
            self.province,
            title="MOU",
            signed_on=date(2023, 1, 5),
            partners=[self.office],
            max_bytes=1024,
        )
        url = reverse("participation:mou-edit", args=[mou.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        response = self.client.post(
            url,
            {"title": "MOU ฉบับแก้ไข", "signed_on": "2023-01-06", "partners": [self.university.pk]},
        )
        self.assertEqual(response.status_code, 302)
        mou.refresh_from_db()
        self.assertEqual(mou.title, "MOU ฉบับแก้ไข")
        self.assertEqual(list(mou.partners.all()), [self.university])

        activity = services.record_joint_activity(
            self.province, title="จิตอาสา", held_on=date(2023, 3, 1), partners=[self.office]
        )
        url = reverse("participation:joint-activity-edit", args=[activity.pk])
        self.assertContains(self.client.get(url), "จิตอาสา")
        response = self.client.post(
            url, {"title": "จิตอาสา", "held_on": "2023-03-02", "partners": [self.university.pk]}
        )
        self.assertEqual(response.status_code, 302)
        activity.refresh_from_db()
        self.assertEqual(activity.held_on, date(2023, 3, 2))

    def test_it_records_a_joint_activity_and_the_summary_equals_the_indicator(self):
        services.record_mou(
            self.province,
            title="MOU",
            signed_on=date(2023, 1, 5),
            partners=[self.office],
            max_bytes=1024,
        )
        response = self.client.post(
            reverse("participation:joint-activity-add", args=["43"]),
            {"title": "เวทีวิชาการ", "held_on": "2023-05-01", "partners": [self.university.pk]},
        )
        self.assertEqual(response.status_code, 302)
        page = self.list_page()
        scope = Scope(unit=self.province, unit_ids=(self.province.pk,), fiscal_year=2566)
        metric = METRICS["partner_types_engaged"].compute(scope)
        self.assertEqual(page.context["overview"].engaged, int(metric.value))
        self.assertEqual(int(metric.value), 2)
        self.assertContains(page, f'data-engaged="{int(metric.value)}"')
        engaged = re.findall(
            r'class="partner-type engaged" data-type="([a-z-]+)"', page.content.decode()
        )
        self.assertEqual(engaged, ["government", "academic"])
        self.assertContains(page, "เวทีวิชาการ")
        self.assertContains(page, "1 พฤษภาคม 2566")

    def test_it_lets_the_department_rename_reorder_and_add_types(self):
        self.login(self.department_officer)
        media = self.types["media"]
        response = self.client.post(
            reverse("participation:partner-type-edit", args=[media.pk]),
            {f"type-{media.pk}-name_th": "ภาคสื่อสารมวลชน", f"type-{media.pk}-position": "0"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(PartnerType.objects.first().name_th, "ภาคสื่อสารมวลชน")
        bad = self.client.post(
            reverse("participation:partner-type-edit", args=[media.pk]),
            {f"type-{media.pk}-name_th": "", f"type-{media.pk}-position": "x"},
        )
        self.assertEqual(bad.status_code, 400)
        added = self.client.post(
            reverse("participation:partner-type-add"),
            {"code": "local-government", "name_th": "องค์กรปกครองส่วนท้องถิ่น", "position": "8"},
        )
        self.assertEqual(added.status_code, 302)
        duplicate = self.client.post(
            reverse("participation:partner-type-add"),
            {"code": "local-government", "name_th": "ซ้ำ", "position": "9"},
        )
        self.assertEqual(duplicate.status_code, 400)
        self.login(self.approver)
        self.assertContains(self.list_page(), 'data-type="local-government"')
