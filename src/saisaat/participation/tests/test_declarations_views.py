"""Publishing, editing, acknowledging, progress and the sign-off sheet through the pages."""

from datetime import date

from django.urls import reverse

from saisaat.participation.models import Acknowledgement, Declaration
from saisaat.participation.services import declarations as services
from saisaat.participation.tests.test_declarations_services import (
    publish,
    setup_declaration_people,
)
from saisaat.testing.base import PersonaTestCase


class DeclarationViewTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        setup_declaration_people(cls)

    def detail_url(self, declaration, code="43"):
        return reverse("participation:declaration-detail", args=[code, declaration.pk])

    def test_it_publishes_a_declaration_as_version_one(self):
        self.login(self.administrator)
        url = reverse("participation:declaration-create", args=["43"])
        self.assertContains(self.client.get(url), 'name="text"')
        response = self.client.post(
            url,
            {
                "kind": "no_gift",
                "title": "นโยบาย No Gift",
                "audience": "all_staff",
                "fiscal_year": "2566",
                "text": "งดรับ งดให้",
            },
        )
        declaration = Declaration.objects.get()
        self.assertRedirects(response, self.detail_url(declaration))
        self.assertEqual(declaration.unit, self.province)
        self.assertEqual(services.current_version(declaration).text, "งดรับ งดให้")

    def test_bad_input_is_explained_and_kept(self):
        self.login(self.administrator)
        url = reverse("participation:declaration-create", args=["43"])
        data = {
            "kind": "no_gift",
            "title": "ชื่อที่พิมพ์ไว้",
            "audience": "all_staff",
            "fiscal_year": "2023",
            "text": "ข้อความที่พิมพ์ไว้",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "2566", status_code=400)
        self.assertContains(response, "ข้อความที่พิมพ์ไว้", status_code=400)
        self.assertContains(response, "ชื่อที่พิมพ์ไว้", status_code=400)
        publish(self.province, self.administrator, kind="no_gift")
        response = self.client.post(url, {**data, "fiscal_year": "2566"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Declaration.objects.count(), 1)

    def test_editing_the_text_publishes_a_new_version(self):
        declaration = publish(self.province, self.administrator)
        self.login(self.approver)
        url = reverse("participation:declaration-edit", args=["43", declaration.pk])
        self.assertContains(self.client.get(url), "ข้อความ ๑")
        data = {"title": declaration.title, "audience": "all_staff", "text": "ข้อความ ๒"}
        response = self.client.post(url, data, follow=True)
        self.assertContains(response, "ข้อความ ๒")
        self.assertEqual(declaration.versions.count(), 2)
        versions = self.client.get(
            reverse("participation:declaration-versions", args=["43", declaration.pk])
        )
        self.assertContains(versions, "<ins>๒</ins>", html=False)
        self.assertContains(versions, "<del>๑</del>", html=False)

    def test_a_person_acknowledges_in_the_app_once(self):
        declaration = publish(self.province, self.administrator)
        version = services.current_version(declaration)
        self.login(self.provincial_officer)
        mine = self.client.get(reverse("participation:my-declarations"))
        self.assertContains(mine, declaration.title)
        read = self.client.get(reverse("participation:my-declaration-read", args=[declaration.pk]))
        self.assertContains(read, "ข้อความ ๑")
        url = reverse("participation:my-declaration-acknowledge", args=[declaration.pk])
        unticked = self.client.post(url, {"version": version.pk})
        self.assertEqual(unticked.status_code, 400)
        self.assertFalse(Acknowledgement.objects.exists())
        response = self.client.post(url, {"version": version.pk, "confirm": "on"})
        self.assertRedirects(response, reverse("participation:my-declarations"))
        ack = Acknowledgement.objects.get()
        self.assertEqual(
            (ack.staff, ack.version, ack.recorded_by),
            (self.officer_staff, version, self.provincial_officer),
        )
        again = self.client.post(url, {"version": version.pk, "confirm": "on"}, follow=True)
        self.assertEqual(again.status_code, 200)
        self.assertEqual(Acknowledgement.objects.count(), 1)
        self.assertEqual(len(again.context["awaiting"]), 0)

    def test_a_new_version_asks_again_and_a_stale_form_is_refused(self):
        declaration = publish(self.province, self.administrator)
        first = services.current_version(declaration)
        services.acknowledge(first, self.officer_staff, acting_user=self.provincial_officer)
        services.edit_declaration(
            declaration, title="t", audience="all_staff", text="ใหม่", acting_user=self.approver
        )
        self.login(self.provincial_officer)
        mine = self.client.get(reverse("participation:my-declarations"))
        [awaiting] = mine.context["awaiting"]
        self.assertTrue(awaiting.acknowledged_earlier)
        self.assertContains(mine, 'class="ack-again"')
        url = reverse("participation:my-declaration-acknowledge", args=[declaration.pk])
        stale = self.client.post(url, {"version": first.pk, "confirm": "on"})
        self.assertEqual(stale.status_code, 409)
        self.assertContains(stale, "ใหม่", status_code=409)
        self.assertEqual(Acknowledgement.objects.count(), 1)

    def test_an_account_without_a_staff_record_has_nothing_to_acknowledge(self):
        declaration = publish(self.province, self.administrator)
        self.login(self.administrator)
        response = self.client.get(reverse("participation:my-declarations"))
        self.assertIsNone(response.context["staff"])
        self.assertEqual(response.context["awaiting"], [])
        read = reverse("participation:my-declaration-read", args=[declaration.pk])
        self.assertEqual(self.client.get(read).status_code, 404)

    def test_progress_numbers_on_the_list_and_the_detail(self):
        declaration = publish(self.province, self.administrator)
        version = services.current_version(declaration)
        for person in [*self.prov_staff[:3], self.a_staff[0]]:
            services.acknowledge(version, person, acting_user=self.administrator)
        self.login(self.provincial_officer)
        listing = self.client.get(reverse("participation:declaration-list", args=["43"]))
        self.assertEqual(listing.context["year"], 2566)
        [(shown, progress)] = listing.context["rows"]
        self.assertEqual((progress.acknowledged, progress.audience), (4, 13))
        self.assertContains(listing, "4/13")
        detail = self.client.get(self.detail_url(declaration))
        rows = {
            r.unit.code: (r.progress.acknowledged, r.progress.audience)
            for r in detail.context["unit_rows"]
        }
        self.assertEqual(rows, {"43": (3, 6), "4301": (1, 4), "4302": (0, 3)})
        self.assertEqual(len(detail.context["people"]), 13)

    def test_the_not_yet_filter_and_a_district_sees_its_own_people(self):
        declaration = publish(self.province, self.administrator)
        version = services.current_version(declaration)
        services.acknowledge(version, self.a_staff[0], acting_user=self.administrator)
        self.login(self.district_a_officer)
        url = self.detail_url(declaration, "4301")
        everyone = self.client.get(url)
        self.assertEqual(
            {r.staff.unit_id for r in everyone.context["people"]}, {self.district_a.pk}
        )
        self.assertNotContains(everyone, self.b_head.first_name)
        pending = self.client.get(url + "?status=pending")
        names = [r.staff.first_name for r in pending.context["people"]]
        self.assertEqual(len(names), 3)
        self.assertNotIn(self.a_staff[0].first_name, names)

    def test_a_manager_records_a_paper_signature(self):
        declaration = publish(self.province, self.administrator)
        self.login(self.administrator)
        url = reverse("participation:declaration-record", args=["43", declaration.pk])
        response = self.client.post(url, {"staff": self.b_staff[0].pk, "signed_on": "2023-01-20"})
        self.assertRedirects(response, self.detail_url(declaration))
        ack = Acknowledgement.objects.get()
        self.assertEqual((ack.staff, ack.recorded_by), (self.b_staff[0], self.administrator))
        detail = self.client.get(self.detail_url(declaration))
        [row] = [r for r in detail.context["people"] if r.acknowledged]
        self.assertFalse(row.in_app)
        self.assertContains(detail, self.administrator.first_name)
        outsider = self.client.post(url, {"staff": 999999, "signed_on": "2023-01-20"})
        self.assertEqual(outsider.status_code, 400)
        early = self.client.post(url, {"staff": self.b_staff[1].pk, "signed_on": "2022-12-01"})
        self.assertEqual(early.status_code, 400)
        self.assertEqual(Acknowledgement.objects.count(), 1)

    def test_the_sign_off_sheet_lists_the_units_people_in_thai_order(self):
        declaration = publish(self.province, self.administrator)
        version = services.current_version(declaration)
        services.acknowledge(
            version,
            self.a_head,
            acting_user=self.district_a_officer,
        )
        services.record_paper_acknowledgement(
            version, self.a_staff[1], signed_on=date(2023, 1, 17), acting_user=self.administrator
        )
        self.login(self.district_a_officer)
        url = reverse("participation:declaration-sign-off", args=["4301", declaration.pk])
        response = self.client.get(url)
        self.assertContains(response, "data-print")
        self.assertContains(response, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย")
        self.assertContains(response, "ข้อความ ๑")
        self.assertContains(response, "17 ม.ค. 2566")
        self.assertContains(response, "Sarabun-Regular.ttf")
        people = [row.staff for row in response.context["people"]]
        self.assertEqual(len(people), 4)
        self.assertEqual(
            [p.first_name for p in people],
            ["ชัยวัฒน์", "อำเภอเอ0", "อำเภอเอ1", "อำเภอเอ2"],
        )
        # The province's own sheet holds only its own office, unless asked for the districts.
        self.login(self.provincial_officer)
        own = self.client.get(
            reverse("participation:declaration-sign-off", args=["43", declaration.pk])
        )
        self.assertEqual(len(own.context["people"]), 6)
        everyone = self.client.get(
            reverse("participation:declaration-sign-off", args=["43", declaration.pk]) + "?below=1"
        )
        self.assertEqual(len(everyone.context["people"]), 13)
