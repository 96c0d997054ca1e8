from django.urls import reverse

from saisaat.portal import services
from saisaat.testing.base import PersonaTestCase


class PortalPublicPageTests(PersonaTestCase):
    more_personas = True
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        head = cls.district_a_head
        head.email = "head-private@example.org"
        head.save(update_fields=["email"])
        cls.published = services.save_page(
            cls.district_a,
            "powers-and-duties",
            title="อำนาจหน้าที่ของสำนักงาน",
            body="ส่งเสริมการพัฒนาชุมชน <script>alert(1)</script>",
            acting_user=head,
        )
        services.publish_page(cls.published, acting_user=head)
        cls.draft = services.save_page(
            cls.district_a, "laws", title="ร่างกฎหมาย", body="ยังไม่เผยแพร่", acting_user=head
        )

    def page_url(self, kind, code=None):
        return reverse("portal:page", args=[code or self.district_a.code, kind])

    def test_it_shows_a_published_page_to_anyone_with_its_text_escaped(self):
        response = self.client.get(self.page_url("powers-and-duties"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "อำนาจหน้าที่ของสำนักงาน")
        self.assertContains(response, "&lt;script&gt;")
        self.assertNotContains(response, "<script>alert")

    def test_it_answers_404_for_a_draft_page_until_it_is_published(self):
        url = self.page_url("laws")
        self.assertEqual(self.client.get(url).status_code, 404)
        services.publish_page(self.draft, acting_user=self.district_a_head)
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_answers_404_for_another_office_or_an_unknown_kind_or_office(self):
        for url in (
            self.page_url("powers-and-duties", code=self.district_b.code),
            self.page_url("gossip"),
            self.page_url("powers-and-duties", code="9999"),
            reverse("portal:home", args=[self.department.code]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertTemplateUsed(response, "404.html")

    def test_its_home_names_the_executives_but_no_personal_contact(self):
        response = self.client.get(reverse("portal:home", args=[self.district_a.code]))
        self.assertContains(response, self.district_a_head.get_full_name())
        self.assertContains(response, "พัฒนาการอำเภอเมืองหนองคาย")
        self.assertNotContains(response, "head-private@example.org")
        # The plain officer is no executive.
        self.assertNotContains(response, f"<strong>{self.district_a_officer.get_full_name()}<")
        # Structure: the province and its district offices, linked.
        self.assertContains(response, reverse("portal:home", args=[self.province.code]))
        self.assertContains(response, reverse("portal:home", args=[self.district_b.code]))
        # The published page is listed, the draft is not.
        self.assertContains(response, "อำนาจหน้าที่ของสำนักงาน")
        self.assertNotContains(response, "ร่างกฎหมาย")

    def test_its_home_shows_the_offices_plan_progress(self):
        response = self.client.get(reverse("portal:home", args=[self.district_a.code]))
        progress = response.context["progress"]
        self.assertEqual(progress["plan__fiscal_year"], 2566)
        self.assertGreater(progress["total"], 0)
        self.assertEqual(progress["approved"], 0)

    def test_its_public_pages_may_be_cached_and_set_no_cookie(self):
        for name, args in (
            ("portal:home", [self.district_a.code]),
            ("portal:page", [self.district_a.code, "powers-and-duties"]),
            ("portal:documents", [self.district_a.code]),
            ("portal:oit", [self.district_a.code]),
        ):
            with self.subTest(name=name):
                response = self.client.get(reverse(name, args=args))
                self.assertEqual(response.status_code, 200)
                self.assertIn("public", response["Cache-Control"])
                self.assertIn("max-age=300", response["Cache-Control"])
                self.assertEqual(response.cookies, {})

    def test_a_signed_in_visitor_gets_no_shared_cache(self):
        self.client.force_login(self.district_a_officer)
        response = self.client.get(reverse("portal:home", args=[self.district_a.code]))
        self.assertIn("no-store", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])

    def test_it_speaks_thai_to_a_thai_visitor(self):
        from saisaat.tests.test_thai_pages import english_runs

        names = {self.district_a_head.get_full_name()}
        for url in (
            reverse("portal:home", args=[self.district_a.code]),
            self.page_url("powers-and-duties"),
            reverse("portal:oit", args=[self.district_a.code]),
            reverse("portal:documents", args=[self.district_a.code]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="th")
                # The OIT item titles are the NACC's own ("Social Network", "No Gift Policy"); the
                # page's typed text holds "<script>alert(1)</script>".
                left = english_runs(response.content.decode()) - names
                left -= {"Social Network", "Service", "No Gift Policy", "script", "alert"}
                self.assertEqual(left, set())

    def test_its_queries_are_pinned(self):
        home = reverse("portal:home", args=[self.district_a.code])
        # office, districts, executives, published pages, issued documents, plan progress
        with self.assertNumQueries(6):
            self.client.get(home)
        # office, the published page
        with self.assertNumQueries(2):
            self.client.get(self.page_url("powers-and-duties"))
        # office, the items, published pages, last issued document (year from the items),
        # and whether the office has survey results and partner activities to show
        with self.assertNumQueries(7):
            self.client.get(reverse("portal:oit", args=[self.district_a.code]))
        # The same after the office publishes more pages.
        for kind in ("contact", "manuals", "qa"):
            page = services.save_page(
                self.district_a, kind, title=kind, body="", acting_user=self.district_a_head
            )
            services.publish_page(page, acting_user=self.district_a_head)
        with self.assertNumQueries(6):
            self.client.get(home)
        with self.assertNumQueries(7):
            self.client.get(reverse("portal:oit", args=[self.district_a.code]))

    def test_it_refuses_a_bad_year_with_a_thai_message(self):
        url = reverse("portal:oit", args=[self.district_a.code])
        for year in ("abc", "1999", "25660"):
            with self.subTest(year=year):
                response = self.client.get(url, {"year": year}, HTTP_ACCEPT_LANGUAGE="th")
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, 'aria-invalid="true"', status_code=400)

    def test_it_serves_an_issued_documents_pdf_but_not_a_draft(self):
        from saisaat.documents.models import OfficialDocument

        # None is issued here: the list says so and any document number answers 404.
        response = self.client.get(reverse("portal:documents", args=[self.district_a.code]))
        self.assertEqual(list(response.context["documents"]), [])
        self.assertFalse(OfficialDocument.objects.exists())
        url = reverse("portal:document-pdf", args=[self.district_a.code, 1])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_its_sitemap_lists_every_office_and_only_published_pages(self):
        url = reverse("portal:sitemap")
        # offices, published pages with their office
        with self.assertNumQueries(2):
            response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/xml")
        body = response.content.decode()
        self.assertIn("<loc>http://testserver/portal/4302/</loc>", body)
        self.assertIn("<loc>http://testserver/portal/4301/pages/powers-and-duties/</loc>", body)
        self.assertNotIn("/pages/laws/", body)
        self.assertNotIn("/portal/00/", body)
        self.assertIn("<loc>http://testserver/portal/4301/data/</loc>", body)
        self.assertIn("<loc>http://testserver/portal/audit-chain/</loc>", body)
