"""What each persona gets from each partner view: 200, 302, 403, 404 or 405."""

from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse

from saisaat.participation.models import Partner, PartnerType
from saisaat.participation.services import partners as services
from saisaat.testing.base import PersonaTestCase

PROVINCE_READERS = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}
PROVINCE_MANAGERS = {
    "provincial_officer": 403,
    "approver": 302,
    "administrator": 302,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 403,
    "anonymous": 302,
}
PROVINCE_EDIT_PAGE = {**PROVINCE_MANAGERS, "approver": 200, "administrator": 200}
DISTRICT_A_READERS = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 200,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}
# Only the district's own director or administrator may change its records.
DISTRICT_A_MANAGERS = {**DISTRICT_A_READERS, **{k: 403 for k in DISTRICT_A_READERS}}
DISTRICT_A_MANAGERS.update(district_b_officer=404, other_province_officer=404, anonymous=302)
TYPE_ADMINS = {
    "provincial_officer": 403,
    "approver": 403,
    "administrator": 403,
    "district_a_officer": 403,
    "district_b_officer": 403,
    "other_province_officer": 403,
    "department_officer": 200,
    "anonymous": 302,
}


class PartnerPermissionTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.government = PartnerType.objects.get(code="government")
        cls.partner = Partner.objects.create(
            unit=cls.province, name="ที่ทำการปกครองจังหวัด", partner_type=cls.government
        )
        cls.district_partner = Partner.objects.create(
            unit=cls.district_a, name="ที่ว่าการอำเภอ", partner_type=cls.government
        )
        cls.mou = services.record_mou(
            cls.province,
            title="MOU",
            signed_on=date(2023, 1, 5),
            partners=[cls.partner],
            max_bytes=1024,
        )
        cls.mou.file.save("mou.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        cls.district_mou = services.record_mou(
            cls.district_a,
            title="MOU อำเภอ",
            signed_on=date(2023, 1, 5),
            partners=[cls.district_partner],
            max_bytes=1024,
        )
        cls.district_mou.file.save("mou.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        cls.activity = services.record_joint_activity(
            cls.province, title="จิตอาสา", held_on=date(2023, 3, 1), partners=[cls.partner]
        )

    def test_it_guards_the_partner_list(self):
        url = reverse("participation:partner-list", args=["43"])
        self.assert_statuses("get", url, PROVINCE_READERS)
        self.assert_statuses(
            "get", reverse("participation:partner-list", args=["4301"]), DISTRICT_A_READERS
        )
        self.assert_statuses("post", url, {"approver": 405})
        self.assert_statuses(
            "get", reverse("participation:partner-list", args=["99"]), {"approver": 404}
        )

    def test_it_guards_adding_a_partner(self):
        data = {"name": "วัด", "partner_type": self.government.pk}
        url = reverse("participation:partner-add", args=["43"])
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("get", url, {"approver": 405})
        self.assert_statuses(
            "post", reverse("participation:partner-add", args=["4301"]), DISTRICT_A_MANAGERS, data
        )
        self.assertEqual(Partner.objects.filter(name="วัด").count(), 2)

    def test_it_guards_editing_a_partner(self):
        url = reverse("participation:partner-edit", args=[self.partner.pk])
        data = {"name": self.partner.name, "partner_type": self.government.pk}
        self.assert_statuses("get", url, PROVINCE_EDIT_PAGE)
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("put", url, {"approver": 405})
        district_url = reverse("participation:partner-edit", args=[self.district_partner.pk])
        self.assert_statuses("get", district_url, DISTRICT_A_MANAGERS)

    def test_it_guards_recording_an_mou(self):
        url = reverse("participation:mou-add", args=["43"])
        data = {"title": "MOU ใหม่", "signed_on": "2023-02-01", "partners": [self.partner.pk]}
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("get", url, {"approver": 405})

    def test_it_guards_editing_an_mou(self):
        url = reverse("participation:mou-edit", args=[self.mou.pk])
        data = {"title": "MOU", "signed_on": "2023-01-05", "partners": [self.partner.pk]}
        self.assert_statuses("get", url, PROVINCE_EDIT_PAGE)
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        district_url = reverse("participation:mou-edit", args=[self.district_mou.pk])
        self.assert_statuses("get", district_url, DISTRICT_A_MANAGERS)

    def test_it_guards_the_mou_file(self):
        url = reverse("participation:mou-file", args=[self.mou.pk])
        self.assert_statuses("get", url, PROVINCE_READERS)
        self.assert_statuses("post", url, {"approver": 405})
        district_url = reverse("participation:mou-file", args=[self.district_mou.pk])
        self.assert_statuses("get", district_url, DISTRICT_A_READERS)
        without_file = services.record_mou(
            self.province,
            title="ไม่มีไฟล์",
            signed_on=date(2023, 1, 5),
            partners=[self.partner],
            max_bytes=1024,
        )
        self.assert_statuses(
            "get", reverse("participation:mou-file", args=[without_file.pk]), {"approver": 404}
        )

    def test_it_guards_recording_a_joint_activity(self):
        url = reverse("participation:joint-activity-add", args=["43"])
        data = {"title": "ร่วมกัน", "held_on": "2023-02-01", "partners": [self.partner.pk]}
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)
        self.assert_statuses("get", url, {"approver": 405})

    def test_it_guards_editing_a_joint_activity(self):
        url = reverse("participation:joint-activity-edit", args=[self.activity.pk])
        data = {"title": "จิตอาสา", "held_on": "2023-03-01", "partners": [self.partner.pk]}
        self.assert_statuses("get", url, PROVINCE_EDIT_PAGE)
        self.assert_statuses("post", url, PROVINCE_MANAGERS, data)

    def test_it_guards_the_partner_types(self):
        url = reverse("participation:partner-types")
        self.assert_statuses("get", url, TYPE_ADMINS)
        self.assert_statuses("post", url, {"department_officer": 405})
        changers = {**TYPE_ADMINS, "department_officer": 302}
        self.assert_statuses(
            "post",
            reverse("participation:partner-type-add"),
            changers,
            {"code": "local", "name_th": "ท้องถิ่น", "position": 8},
        )
        media = PartnerType.objects.get(code="media")
        self.assert_statuses(
            "post",
            reverse("participation:partner-type-edit", args=[media.pk]),
            changers,
            {f"type-{media.pk}-name_th": "สื่อ", f"type-{media.pk}-position": 6},
        )
        self.assert_statuses(
            "get",
            reverse("participation:partner-type-edit", args=[media.pk]),
            {"department_officer": 405},
        )
