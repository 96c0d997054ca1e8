from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.portal import services
from saisaat.portal.models import PortalPage
from saisaat.testing.base import PersonaTestCase


class PortalManageTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def url(self, name, kind=None, code=None):
        args = [code or self.district_a.code] + ([kind] if kind else [])
        return reverse(f"portal:{name}", args=args)

    def test_only_the_offices_managers_open_its_portal_pages(self):
        self.assert_statuses(
            "get",
            self.url("manage"),
            {
                "anonymous": 302,
                "district_a_officer": 403,
                "district_a_head": 200,
                "district_b_officer": 404,
                "approver": 403,
                "other_province_officer": 404,
            },
        )

    def test_the_head_writes_a_draft_then_publishes_it(self):
        self.client.force_login(self.district_a_head)
        response = self.client.post(
            self.url("edit", "contact"),
            {"title": "ติดต่อเรา", "body": "ที่ว่าการอำเภอเมืองหนองคาย"},
        )
        self.assertRedirects(response, self.url("manage"))
        page = PortalPage.objects.get(unit=self.district_a, kind="contact")
        self.assertEqual(page.status, PortalPage.Status.DRAFT)
        self.client.logout()
        self.assertEqual(self.client.get(self.url("page", "contact")).status_code, 404)

        self.client.force_login(self.district_a_head)
        self.client.post(self.url("publish", "contact"))
        self.client.logout()
        response = self.client.get(self.url("page", "contact"))
        self.assertContains(response, "ที่ว่าการอำเภอเมืองหนองคาย")
        actions = set(
            Entry.objects.filter(object_type="portal.portalpage").values_list("action", flat=True)
        )
        self.assertEqual(actions, {"portal.page_created", "portal.page_published"})

    def test_a_withdrawn_page_is_no_longer_public(self):
        page = services.save_page(
            self.district_a, "qa", title="ถามตอบ", body="", acting_user=self.district_a_head
        )
        services.publish_page(page, acting_user=self.district_a_head)
        self.client.force_login(self.district_a_head)
        self.client.post(self.url("unpublish", "qa"))
        self.client.logout()
        self.assertEqual(self.client.get(self.url("page", "qa")).status_code, 404)

    def test_an_empty_title_or_a_non_pdf_is_refused_with_400(self):
        self.client.force_login(self.district_a_head)
        response = self.client.post(self.url("edit", "laws"), {"title": "", "body": "x"})
        self.assertEqual(response.status_code, 400)
        from django.core.files.uploadedfile import SimpleUploadedFile

        picture = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        response = self.client.post(
            self.url("edit", "laws"), {"title": "กฎหมาย", "attachment": picture}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(PortalPage.objects.exists())

    def test_an_unknown_kind_answers_404(self):
        self.client.force_login(self.district_a_head)
        self.assertEqual(self.client.get(self.url("edit", "gossip")).status_code, 404)
        self.assertEqual(self.client.post(self.url("publish", "gossip")).status_code, 404)

    def test_the_menu_offers_the_portal_pages_to_who_may_open_them(self):
        link = f'href="{self.url("manage")}"'
        for persona, offered in (("district_a_head", True), ("district_a_officer", False)):
            with self.subTest(persona=persona):
                self.client.force_login(getattr(self, persona))
                page = self.client.get(reverse("tracking:my-work"))
                self.assertEqual(link in page.content.decode(), offered)
