from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from saisaat.audit.models import Entry
from saisaat.portal import services
from saisaat.portal.models import PortalPage
from saisaat.testing.base import PersonaTestCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PortalPageServiceTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def save(self, user=None, unit=None, **fields):
        return services.save_page(
            unit or self.district_a,
            "laws",
            title=fields.get("title", "กฎหมายที่เกี่ยวข้อง"),
            body=fields.get("body", "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540"),
            attachment=fields.get("attachment"),
            acting_user=user or self.district_a_head,
        )

    def entries(self, action):
        return Entry.objects.filter(action=action, object_type="portal.portalpage")

    def test_it_writes_a_new_page_as_a_draft_and_audits_it(self):
        page = self.save()
        self.assertEqual(page.status, PortalPage.Status.DRAFT)
        entry = self.entries("portal.page_created").get()
        self.assertEqual(entry.unit_id, self.district_a.pk)
        self.assertEqual(entry.changes["title"], [None, "กฎหมายที่เกี่ยวข้อง"])

    def test_it_records_what_an_edit_changed(self):
        page = self.save()
        self.save(title="กฎหมาย ระเบียบ")
        entry = self.entries("portal.page_changed").get()
        self.assertEqual(entry.changes["title"], ["กฎหมายที่เกี่ยวข้อง", "กฎหมาย ระเบียบ"])
        page.refresh_from_db()
        self.assertEqual(page.title, "กฎหมาย ระเบียบ")

    def test_it_publishes_and_withdraws_with_an_entry_each(self):
        page = self.save()
        page = services.publish_page(page, acting_user=self.district_a_head)
        self.assertTrue(page.is_published)
        self.assertIsNotNone(page.published_at)
        services.unpublish_page(page, acting_user=self.district_a_head)
        page.refresh_from_db()
        self.assertEqual(page.status, PortalPage.Status.DRAFT)
        self.assertEqual(self.entries("portal.page_published").count(), 1)
        self.assertEqual(self.entries("portal.page_unpublished").count(), 1)

    def test_it_writes_nothing_when_publishing_a_published_page(self):
        page = services.publish_page(self.save(), acting_user=self.district_a_head)
        services.publish_page(page, acting_user=self.district_a_head)
        self.assertEqual(self.entries("portal.page_published").count(), 1)

    def test_it_refuses_staff_who_do_not_manage_the_office(self):
        for user in (self.district_a_officer, self.district_b_officer):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.save(user=user)
        page = self.save()
        with self.assertRaises(PermissionDenied):
            services.publish_page(page, acting_user=self.district_b_officer)
        with self.assertRaises(PermissionDenied):
            self.save(user=self.district_b_officer, title="ไม่ใช่สำนักงานของตน")
        self.assertFalse(self.entries("portal.page_published").exists())

    def test_it_accepts_a_pdf_attachment_and_refuses_anything_else(self):
        page = self.save(attachment=SimpleUploadedFile("law.pdf", PDF))
        self.assertTrue(page.attachment.name.endswith(".pdf"))
        png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
        with self.assertRaises(ValidationError):
            self.save(attachment=SimpleUploadedFile("picture.png", png))

    def test_it_refuses_a_kind_of_page_that_does_not_exist(self):
        with self.assertRaises(ValidationError):
            services.save_page(
                self.district_a, "gossip", title="x", body="", acting_user=self.district_a_head
            )
