"""The citizen's side: the online form, the tracking code and the tracking page."""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.urls import reverse

from saisaat.complaints import services
from saisaat.complaints.models import Complainant, Complaint, ComplaintAttachment
from saisaat.complaints.tests.helpers import PDF, PNG, ComplaintTestCase
from saisaat.core.requests import client_address

NEW = reverse("complaints:new")
TRACK = reverse("complaints:track")


def form_data(**overrides):
    data = {
        "category": "service",
        "office": "",
        "description": "รอรับบริการนานเกินสองชั่วโมง",
        "location": "สำนักงานจังหวัด",
        "occurred_on": "2023-01-10",
        "occurred_when": "",
        "identity": "anonymous",
        "name": "",
        "phone": "",
        "email": "",
        "address": "",
        "website": "",
    }
    data.update(overrides)
    return data


class PublicFormTests(ComplaintTestCase):
    def setUp(self):
        cache.clear()

    def post(self, **overrides):
        data = form_data(office=self.province.pk, **overrides)
        return self.client.post(NEW, data)

    def test_it_shows_the_form_without_login_with_the_category_first(self):
        response = self.client.get(NEW)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertLess(html.index('name="category"'), html.index('name="description"'))
        self.assertContains(response, 'id="pdpa-notice"')

    def test_it_takes_an_anonymous_complaint_and_shows_its_tracking_code_once(self):
        response = self.post()
        self.assertRedirects(
            response, reverse("complaints:submitted"), fetch_redirect_response=False
        )
        complaint = Complaint.objects.get()
        self.assertTrue(complaint.is_anonymous)
        self.assertEqual((complaint.unit, complaint.medium), (self.province, "website"))
        self.assertEqual(complaint.channel.medium, "website")
        self.assertFalse(Complainant.objects.exists())
        page = self.client.get(reverse("complaints:submitted"))
        self.assertContains(page, complaint.display_code)
        self.assertEqual(len(complaint.tracking_code), 12)
        # Once: the next person at a shared computer is sent to the tracker instead.
        again = self.client.get(reverse("complaints:submitted"))
        self.assertRedirects(again, reverse("complaints:track"))

    def test_tracking_codes_are_unguessable_and_distinct(self):
        codes = {
            services.submit_complaint(
                category="general", description="ทดสอบ", reported_unit=self.province
            ).tracking_code
            for _ in range(30)
        }
        self.assertEqual(len(codes), 30)
        self.assertTrue(all(len(code) == 12 and code.isalnum() for code in codes))

    def test_a_named_complaint_keeps_the_identity_apart(self):
        response = self.post(identity="named", name="สมชาย ใจดี", phone="0812345678", consent="on")
        self.assertEqual(response.status_code, 302)
        complaint = Complaint.objects.get()
        self.assertFalse(complaint.is_anonymous)
        self.assertEqual(complaint.complainant.name, "สมชาย ใจดี")
        self.assertNotIn("สมชาย", complaint.description)

    def test_a_named_complaint_needs_consent_and_a_way_to_reach(self):
        response = self.post(identity="named", name="สมชาย ใจดี")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Complaint.objects.exists())
        self.assertIn("consent", response.context["form"].errors)
        self.assertIn("phone", response.context["form"].errors)

    def test_a_complaint_to_a_district_office_goes_to_the_province_first(self):
        self.client.post(NEW, form_data(office=self.district_a.pk))
        complaint = Complaint.objects.get()
        self.assertEqual(
            (complaint.unit, complaint.reported_unit), (self.province, self.district_a)
        )

    def test_it_keeps_several_attachments(self):
        files = [
            SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf"),
            SimpleUploadedFile("b.png", PNG, content_type="image/png"),
        ]
        response = self.client.post(
            NEW, {**form_data(office=self.province.pk), "attachments": files}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            sorted(ComplaintAttachment.objects.values_list("content_type", flat=True)),
            ["application/pdf", "image/png"],
        )

    @override_settings(SAISAAT_COMPLAINT_MAX_FILES=2)
    def test_it_refuses_too_many_attachments_and_keeps_the_text(self):
        files = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)]
        response = self.client.post(
            NEW,
            {**form_data(office=self.province.pk, description="ข้อความของฉัน"), "attachments": files},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ข้อความของฉัน", status_code=400)
        self.assertFalse(Complaint.objects.exists())

    def test_the_honeypot_refuses_with_a_clear_message_and_keeps_the_text(self):
        response = self.post(website="http://spam.example", description="ข้อความจริง")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ข้อความจริง", status_code=400)
        self.assertTrue(response.context["form"].non_field_errors())
        self.assertFalse(Complaint.objects.exists())

    @override_settings(SAISAAT_COMPLAINT_RATE_LIMIT=2)
    def test_one_address_is_limited_with_a_429_page(self):
        self.assertEqual(self.post().status_code, 302)
        self.assertEqual(self.post().status_code, 302)
        response = self.post()
        self.assertEqual(response.status_code, 429)
        self.assertTemplateUsed(response, "complaints/rate_limited.html")
        self.assertEqual(Complaint.objects.count(), 2)
        # Another address still gets through.
        other = self.client.post(NEW, form_data(office=self.province.pk), REMOTE_ADDR="10.0.0.9")
        self.assertEqual(other.status_code, 302)

    @override_settings(SAISAAT_COMPLAINT_RATE_LIMIT=1)
    def test_validation_errors_do_not_use_up_the_allowance(self):
        for _ in range(3):
            self.assertEqual(self.post(description="").status_code, 400)
        self.assertEqual(self.post().status_code, 302)

    @override_settings(
        SAISAAT_COMPLAINT_RATE_LIMIT=1, SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR=False
    )
    def test_a_forged_forwarded_for_header_does_not_escape_the_limit(self):
        self.assertEqual(self.post().status_code, 302)
        data = form_data(office=self.province.pk)
        response = self.client.post(NEW, data, HTTP_X_FORWARDED_FOR="203.0.113.7")
        self.assertEqual(response.status_code, 429)

    @override_settings(SAISAAT_COMPLAINT_RATE_LIMIT=1, SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR=True)
    def test_behind_a_proxy_the_forwarded_address_counts(self):
        data = form_data(office=self.province.pk)
        self.assertEqual(
            self.client.post(NEW, data, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code, 302
        )
        self.assertEqual(
            self.client.post(NEW, data, HTTP_X_FORWARDED_FOR="203.0.113.8").status_code, 302
        )
        self.assertEqual(
            self.client.post(NEW, data, HTTP_X_FORWARDED_FOR="203.0.113.7").status_code, 429
        )

    @override_settings(SAISAAT_COMPLAINT_RATE_LIMIT=0)
    def test_a_limit_of_zero_turns_the_limit_off(self):
        for _ in range(5):
            self.assertEqual(self.post().status_code, 302)


class TrackerTests(ComplaintTestCase):
    def setUp(self):
        cache.clear()
        self.complaint = self.make_complaint()
        services.change_status(
            self.complaint,
            "acknowledged",
            acting_user=self.approver,
            note="ความลับภายใน ผู้ถูกร้องคือนาย ก",
            public_message="รับเรื่องแล้ว",
        )
        services.add_note(self.complaint, "บันทึกภายในอีกข้อ", acting_user=self.approver, public=False)
        services.add_note(self.complaint, "กำลังตรวจสอบ", acting_user=self.approver, public=True)

    def test_it_shows_the_status_and_public_updates_but_never_internal_notes(self):
        code = self.complaint.display_code.lower().replace("-", " ")
        response = self.client.post(TRACK, {"code": code})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "รับเรื่องแล้ว")
        self.assertContains(response, "กำลังตรวจสอบ")
        self.assertContains(response, 'id="track-status"')
        self.assertNotContains(response, "ความลับภายใน")
        self.assertNotContains(response, "บันทึกภายในอีกข้อ")
        self.assertNotContains(response, self.complaint.description)
        self.assertNotContains(response, self.approver.username)

    def test_an_unknown_code_says_so_without_a_server_error(self):
        response = self.client.post(TRACK, {"code": "AAAA-BBBB-CCCC"})
        self.assertEqual(response.status_code, 404)
        self.assertTrue(response.context["form"].errors)

    def test_the_code_never_goes_in_the_address(self):
        response = self.client.get(TRACK, {"code": self.complaint.tracking_code})
        self.assertNotContains(response, "รับเรื่องแล้ว")

    @override_settings(SAISAAT_COMPLAINT_TRACK_RATE_LIMIT=3)
    def test_guessing_codes_is_rate_limited(self):
        for n in range(3):
            self.client.post(TRACK, {"code": f"AAAA-BBBB-CCC{n}"})
        response = self.client.post(TRACK, {"code": self.complaint.tracking_code})
        self.assertEqual(response.status_code, 429)
        self.assertNotContains(response, "รับเรื่องแล้ว", status_code=429)


class ChannelsPageTests(ComplaintTestCase):
    def test_it_lists_each_units_published_channels(self):
        self.province.complaint_channels.filter(medium="box").update(is_published=False)
        response = self.client.get(reverse("complaints:index"))
        self.assertEqual(response.status_code, 200)
        section = response.content.decode()
        self.assertIn(f'id="unit-{self.province.code}"', section)
        self.assertIn("อีเมล", section)
        provincial = [u for u in response.context["units"] if u.pk == self.province.pk][0]
        self.assertNotIn("box", [c.medium for c in provincial.published_channels])
        self.assertEqual(len(provincial.published_channels), 6)


class ClientAddressTests(SimpleTestCase):
    def request(self, forwarded):
        return RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")

    def test_it_uses_the_socket_address_unless_told_to_trust_the_proxy(self):
        self.assertEqual(client_address(self.request("1.2.3.4")), "10.0.0.1")

    @override_settings(SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR=True)
    def test_behind_the_proxy_it_takes_the_address_the_proxy_appended(self):
        # A client can write anything to the left; only the right-most entry is the proxy's.
        self.assertEqual(client_address(self.request("6.6.6.6, 203.0.113.9")), "203.0.113.9")
        self.assertEqual(client_address(self.request("")), "10.0.0.1")
