"""What each persona gets from each declaration page: 200, 302, 403, 404 or 405."""

from django.urls import reverse

from saisaat.participation.models import Acknowledgement, Declaration
from saisaat.participation.services import declarations as services
from saisaat.participation.tests.test_declarations_services import (
    publish,
    setup_declaration_people,
)
from saisaat.testing.base import PersonaTestCase

READERS_OF_THE_PROVINCE = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}
READERS_OF_DISTRICT_A = {
    "provincial_officer": 200,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 200,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 200,
    "anonymous": 302,
}
MANAGERS_OF_THE_PROVINCE = {
    "provincial_officer": 403,
    "approver": 200,
    "administrator": 200,
    "district_a_officer": 404,
    "district_b_officer": 404,
    "other_province_officer": 404,
    "department_officer": 403,
    "anonymous": 302,
}


class DeclarationPermissionTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_declaration_people(cls)
        cls.declaration = publish(cls.province, cls.administrator)

    def url(self, name, code="43", *args):
        return reverse(f"participation:{name}", args=[code, *args])

    def test_the_list(self):
        self.assert_statuses("get", self.url("declaration-list"), READERS_OF_THE_PROVINCE)
        self.assert_statuses("get", self.url("declaration-list", "4301"), READERS_OF_DISTRICT_A)
        self.assert_statuses("post", self.url("declaration-list"), {"approver": 405})

    def test_publishing(self):
        url = self.url("declaration-create")
        self.assert_statuses("get", url, MANAGERS_OF_THE_PROVINCE)
        data = {
            "kind": "other",
            "title": "ประกาศ",
            "audience": "all_staff",
            "fiscal_year": "2566",
            "text": "ข้อความ",
        }
        expected = {**MANAGERS_OF_THE_PROVINCE, "approver": 302, "administrator": 302}
        self.assert_statuses("post", url, expected, data)
        self.assertEqual(Declaration.objects.filter(kind="other").count(), 2)
        # A district officer is no manager of their own district either.
        self.assert_statuses(
            "get", self.url("declaration-create", "4301"), {"district_a_officer": 403}
        )

    def test_the_detail_the_versions_and_the_sign_off_sheet(self):
        for name in ("declaration-detail", "declaration-versions", "declaration-sign-off"):
            pk = self.declaration.pk
            self.assert_statuses("get", self.url(name, "43", pk), READERS_OF_THE_PROVINCE)
            self.assert_statuses("get", self.url(name, "4301", pk), READERS_OF_DISTRICT_A)
            self.assert_statuses("post", self.url(name, "43", pk), {"approver": 405})

    def test_a_districts_declaration_is_not_shown_to_another_district(self):
        own = publish(self.district_a, self.administrator)
        self.assert_statuses(
            "get",
            self.url("declaration-detail", "4302", own.pk),
            {"district_b_officer": 404, "provincial_officer": 404},
        )
        self.assert_statuses(
            "get",
            self.url("declaration-detail", "43", own.pk),
            {"provincial_officer": 200, "district_a_officer": 404},
        )

    def test_editing(self):
        url = self.url("declaration-edit", "43", self.declaration.pk)
        self.assert_statuses("get", url, MANAGERS_OF_THE_PROVINCE)
        data = {"title": self.declaration.title, "audience": "all_staff", "text": "ข้อความ ๑"}
        expected = {**MANAGERS_OF_THE_PROVINCE, "approver": 302, "administrator": 302}
        self.assert_statuses("post", url, expected, data)
        self.assertEqual(self.declaration.versions.count(), 1)
        # Seen from the district, the province's declaration is read-only.
        self.assert_statuses(
            "get",
            self.url("declaration-edit", "4301", self.declaration.pk),
            {"district_a_officer": 403},
        )

    def test_recording_a_paper_signature(self):
        url = self.url("declaration-record", "43", self.declaration.pk)
        data = {"staff": self.a_staff[0].pk, "signed_on": "2023-01-20"}
        expected = {
            **MANAGERS_OF_THE_PROVINCE,
            "approver": 302,
            "administrator": 302,
        }
        self.assert_statuses("post", url, expected, data)
        self.assertEqual(Acknowledgement.objects.count(), 1)
        self.assert_statuses("get", url, {"administrator": 405})

    def test_my_declarations(self):
        url = reverse("participation:my-declarations")
        expected = {name: 200 for name in READERS_OF_THE_PROVINCE}
        self.assert_statuses("get", url, {**expected, "anonymous": 302})
        self.assert_statuses("post", url, {"provincial_officer": 405})

    def test_reading_and_acknowledging(self):
        # Only people in the audience, found through their staff record, reach these.
        audience = {
            "provincial_officer": 200,
            "approver": 404,
            "administrator": 404,
            "district_a_officer": 200,
            "district_b_officer": 200,
            "other_province_officer": 404,
            "department_officer": 404,
            "anonymous": 302,
        }
        read = reverse("participation:my-declaration-read", args=[self.declaration.pk])
        self.assert_statuses("get", read, audience)
        url = reverse("participation:my-declaration-acknowledge", args=[self.declaration.pk])
        version = services.current_version(self.declaration)
        data = {"version": version.pk, "confirm": "on"}
        expected = {name: 302 if code == 200 else code for name, code in audience.items()}
        self.assert_statuses("post", url, expected, data)
        self.assertEqual(Acknowledgement.objects.count(), 3)
        self.assert_statuses("get", url, {"provincial_officer": 405})
