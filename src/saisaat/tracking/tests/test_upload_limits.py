"""Large uploads: refused before the body is read when over the limit, and streamed
(never held in memory whole) when within it."""

import os
import tracemalloc
from datetime import date

from django.core.files.uploadedfile import TemporaryUploadedFile
from django.urls import reverse

from saisaat.testing.base import PersonaTestCase
from saisaat.tracking.models import Assignment, EvidenceItem
from saisaat.tracking.services import add_evidence

MB = 1024 * 1024


class UploadLimitTests(PersonaTestCase):
    publish_plan = True

    def setUp(self):
        self.assignment = Assignment.objects.filter(unit=self.district_a).order_by("pk").first()

    def test_a_100_mb_upload_is_refused_with_a_clear_message_before_it_is_read(self):
        self.client.force_login(self.district_a_officer)
        url = reverse("tracking:evidence-add", args=[self.assignment.pk])
        # The declared length is what a browser sends for a 100 MB file; the view must
        # answer from it alone, so the small body is never read.
        response = self.client.post(
            url,
            {"effective_date": "2023-01-10", "note": "x"},
            CONTENT_LENGTH=str(100 * MB),
            headers={"HX-Request": "true"},
        )
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "20 MB", status_code=413)
        self.assertContains(response, "ไฟล์มีขนาดใหญ่เกินไป", status_code=413)
        self.assertFalse(EvidenceItem.objects.exists())
        # Styled as an error, inside the form so that the script focuses its file field.
        page = response.content.decode()
        form = page[page.index('<form method="post" action="' + url) :]
        self.assertIn('<p class="message message-error" role="alert">ไฟล์มีขนาดใหญ่เกินไป', form)

    def test_a_too_large_request_elsewhere_or_signed_out_gets_the_generic_page(self):
        url = reverse("tracking:evidence-add", args=[self.assignment.pk])
        # Signed out: the generic page, never the assignment.
        response = self.client.post(url, {"note": "x"}, CONTENT_LENGTH=str(100 * MB))
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "25 MB", status_code=413)
        self.assertNotContains(response, "ไฟล์มีขนาดใหญ่เกินไป", status_code=413)
        # Another office's assignment: refused as the view itself would refuse it.
        other = Assignment.objects.filter(unit=self.district_b).order_by("pk").first()
        self.client.force_login(self.district_a_officer)
        response = self.client.post(
            reverse("tracking:evidence-add", args=[other.pk]),
            {"note": "x"},
            CONTENT_LENGTH=str(100 * MB),
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(EvidenceItem.objects.exists())

    def test_a_refused_file_is_an_error_message_above_the_form(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        self.client.force_login(self.district_a_officer)
        url = reverse("tracking:evidence-add", args=[self.assignment.pk])
        renamed = SimpleUploadedFile("รายงาน.pdf", b"MZ\x90\x00" + b"\x00" * 200)
        response = self.client.post(
            url, {"effective_date": "2023-01-10", "file": renamed}, headers={"HX-Request": "true"}
        )
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        summary = page[
            page.index('<div class="message message-error error-summary" role="alert">') :
        ]
        summary = summary[: summary.index("</div>")]
        self.assertIn("โปรแกรม", summary)
        self.assertFalse(EvidenceItem.objects.exists())

    def test_a_15_mb_file_is_stored_without_holding_it_in_memory(self):
        upload = TemporaryUploadedFile("รายงาน.pdf", "application/pdf", 0, None)
        upload.write(b"%PDF-1.4\n")
        for _ in range(15):
            upload.write(os.urandom(MB))
        upload.write(b"\n%%EOF\n")
        upload.flush()
        upload.size = upload.tell()
        upload.seek(0)

        tracemalloc.start()
        try:
            item = add_evidence(
                self.assignment,
                acting_user=self.district_a_officer,
                effective_date=date(2023, 1, 10),
                file=upload,
                max_bytes=20 * MB,
            )
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            upload.close()
        self.assertEqual(item.size, 15 * MB + 16)
        # Hashing, checking and storing a 15 MB file moves it in small chunks.
        self.assertLess(peak, 3 * MB, f"peak {peak / MB:.1f} MB")
        item.file.delete(save=False)
