"""Bad input on the public form and the staff's record form: a clear message, never a
server error, and what was typed stays on the form."""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from saisaat.complaints.models import Complaint
from saisaat.complaints.tests.helpers import PDF, ComplaintTestCase
from saisaat.complaints.tests.test_complaints_public import form_data

NEW = reverse("complaints:new")
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class BadInputTests(ComplaintTestCase):
    def setUp(self):
        cache.clear()

    def post(self, files=None, **overrides):
        data = form_data(office=self.province.pk, **overrides)
        if files:
            data["attachments"] = files
        return self.client.post(NEW, data)

    def test_empty_fields_get_a_message_per_field(self):
        response = self.client.post(NEW, {})
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("category", errors)
        self.assertIn("description", errors)
        self.assertFalse(Complaint.objects.exists())

    def test_100_kb_of_text_is_refused_with_its_length_and_kept(self):
        text = "ก" * 100_000
        response = self.post(description=text, location="ข" * 100_000)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("5000", errors["description"][0])
        self.assertIn("location", errors)
        self.assertEqual(response.context["form"]["description"].value(), text)

    def test_html_and_script_in_every_field_are_stored_as_text_and_escaped(self):
        response = self.post(
            description=SCRIPT,
            location=SCRIPT,
            occurred_when=SCRIPT,
            identity="named",
            name=SCRIPT,
            phone="<b>0812345678</b>",
            address=SCRIPT,
            consent="on",
        )
        self.assertEqual(response.status_code, 302)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.description, SCRIPT)
        self.login(self.approver)
        page = self.client.get(complaint.get_absolute_url())
        self.assertNotContains(page, "<script>alert")
        self.assertNotContains(page, "<img src=x")
        self.assertContains(page, "&lt;script&gt;")
        identity = self.client.post(reverse("complaints:identity", args=[complaint.pk]))
        self.assertNotContains(identity, "<script>alert")
        self.assertContains(identity, "&lt;script&gt;")

    def test_a_value_that_looks_encrypted_is_stored_encrypted_like_any_text(self):
        # "enc1:" is the prefix of an encrypted value: typed, it is only text.
        from saisaat.complaints.models import Complainant
        from saisaat.complaints.tests.test_identity_encryption import raw_row

        response = self.post(
            identity="named", name="enc1:hello", phone="0812345678", address="enc1:", consent="on"
        )
        self.assertEqual(response.status_code, 302)
        complainant = Complainant.objects.get()
        self.assertEqual((complainant.name, complainant.address), ("enc1:hello", "enc1:"))
        stored = raw_row(complainant.pk)
        self.assertNotIn("hello", stored[0])
        self.assertNotEqual(stored[3], "enc1:")

    def test_html_comes_back_escaped_when_the_form_has_an_error(self):
        response = self.post(description=SCRIPT, website="filled")
        self.assertEqual(response.status_code, 400)
        self.assertNotContains(response, "<script>alert", status_code=400)
        self.assertContains(response, "&lt;script&gt;", status_code=400)

    def test_thai_marks_without_a_consonant_are_refused_as_no_words(self):
        marks = "\u0e31\u0e34\u0e48\u0e49\u0e47"
        response = self.post(description=marks)
        self.assertEqual(response.status_code, 400)
        self.assertIn("description", response.context["form"].errors)
        self.assertContains(response, marks, status_code=400)

    def test_thai_marks_inside_real_words_are_kept_in_normal_form(self):
        response = self.post(description="\u0e48เจ้าหน้าที่มาสาย", location="\u0e31")
        self.assertEqual(response.status_code, 302)
        complaint = Complaint.objects.get()
        self.assertEqual(complaint.location, "\u0e31")

    def test_a_file_that_lies_about_its_type_is_refused_and_the_text_kept(self):
        fake = SimpleUploadedFile("photo.jpg", PDF, content_type="image/jpeg")
        response = self.post(files=[fake], description="ข้อความที่พิมพ์ไว้")
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors["attachments"]
        self.assertIn("photo.jpg", errors[0])
        self.assertContains(response, "ข้อความที่พิมพ์ไว้", status_code=400)
        self.assertFalse(Complaint.objects.exists())

    def test_a_program_renamed_as_a_pdf_is_refused(self):
        program = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100)
        response = self.post(files=[program])
        self.assertEqual(response.status_code, 400)
        self.assertIn("attachments", response.context["form"].errors)

    @override_settings(SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES=1024)
    def test_a_file_over_the_limit_is_refused(self):
        big = SimpleUploadedFile("big.pdf", PDF + b"0" * 4096)
        response = self.post(files=[big])
        self.assertEqual(response.status_code, 400)
        self.assertIn("attachments", response.context["form"].errors)

    def test_a_bad_date_and_a_bad_office_get_messages(self):
        response = self.client.post(
            NEW, form_data(office="999999", occurred_on="31/02/2566", category="bribe")
        )
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertTrue({"office", "occurred_on", "category"} <= set(errors))

    def test_a_null_character_is_refused_not_a_server_error(self):
        response = self.post(description="ข้อความ\x00")
        self.assertEqual(response.status_code, 400)

    def test_the_staff_record_form_handles_the_same_bad_input(self):
        self.login(self.provincial_officer)
        url = reverse("complaints:record", args=[self.province.code])
        channel = self.province.complaint_channels.get(medium="phone")
        data = {
            "category": "service",
            "channel": channel.pk,
            "received_on": "2023-01-05",
            "description": SCRIPT + "ก" * 100_000,
            "identity": "anonymous",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "&lt;script&gt;", status_code=400)
        self.assertNotContains(response, "<script>alert", status_code=400)
        data["description"] = SCRIPT
        data["attachments"] = [SimpleUploadedFile("x.png", b"not a picture")]
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("attachments", response.context["form"].errors)
