"""A person's data on request (PDPA): found by the contact they gave, exported as JSON,
erased only when a second officer confirms; every step audited, no contact in the log."""

import json

from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.complaints import services as complaints
from saisaat.complaints.models import Complainant, Complaint, ComplaintOfficer, IdentityReading
from saisaat.privacy.models import ErasureRequest
from saisaat.testing.base import PersonaTestCase

PERSON = complaints.Identity(name="นายสมชาย ใจดี", phone="081-111-1111", email="som@example.org")
OTHER = complaints.Identity(name="นางสาวอื่น คนละคน", phone="0822222222")


class PersonDataTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for unit in (cls.province, cls.district_a):
            complaints.ensure_standard_channels(unit)
        ComplaintOfficer.objects.create(
            unit=cls.district_a,
            user=cls.district_a_officer,
            status=ComplaintOfficer.Status.CONFIRMED,
        )
        cls.first = cls.complaint_at_a(PERSON)
        cls.second = cls.complaint_at_a(PERSON, "misconduct")
        cls.other = cls.complaint_at_a(OTHER)
        cls.url = reverse("privacy:person", args=[cls.district_a.code])

    @classmethod
    def complaint_at_a(cls, identity, category="service"):
        complaint = complaints.submit_complaint(
            category=category,
            description="เรื่องทดสอบ",
            reported_unit=cls.district_a,
            identity=identity,
        )
        complaints.route_complaint(
            complaint, cls.district_a, acting_user=cls.approver, confirm_concerned=True
        )
        return complaint

    def test_the_officer_finds_a_persons_complaints_by_telephone_in_any_format(self):
        self.client.force_login(self.district_a_officer)
        page = self.client.post(self.url, {"kind": "phone", "contact": "+66 81 111 1111"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual({c.pk for c in page.context["found"]}, {self.first.pk, self.second.pk})
        self.assertNotContains(page, self.other.display_code)

    def test_a_search_is_audited_without_the_contact_and_counts_as_identity_readings(self):
        self.client.force_login(self.district_a_officer)
        self.client.post(self.url, {"kind": "phone", "contact": "081-111-1111"})
        entry = Entry.objects.get(action="privacy.person_searched")
        self.assertTrue(entry.confidential)
        self.assertEqual(entry.changes["complaints"], [None, 2])
        self.assertNotIn("111", json.dumps(entry.changes))
        self.assertEqual(
            set(
                IdentityReading.objects.filter(reader=self.district_a_officer).values_list(
                    "complaint", flat=True
                )
            ),
            {self.first.pk, self.second.pk},
        )

    def test_export_is_json_with_the_identity_and_is_audited_without_the_contact(self):
        self.client.force_login(self.district_a_officer)
        response = self.client.post(
            reverse("privacy:person-export", args=[self.district_a.code]),
            {"kind": "email", "contact": "SOM@example.org"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(len(data["complaints"]), 2)
        self.assertEqual(data["complaints"][0]["complainant"]["name"], PERSON.name)
        entry = Entry.objects.get(action="privacy.person_exported")
        self.assertTrue(entry.confidential)
        self.assertNotIn("som@", json.dumps(entry.changes))
        self.assertEqual(IdentityReading.objects.filter(reader=self.district_a_officer).count(), 2)

    def test_bad_contacts_are_a_400_not_a_500(self):
        self.client.force_login(self.district_a_officer)
        export = reverse("privacy:person-export", args=[self.district_a.code])
        for data in (
            {"kind": "phone", "contact": "abc"},
            {"kind": "fax", "contact": "0811111111"},
            {"kind": "email", "contact": "x" * 300},
            {"kind": "email", "contact": "no-at-sign"},
            {},
        ):
            self.assertEqual(self.client.post(self.url, data).status_code, 400, data)
            self.assertEqual(self.client.post(export, data).status_code, 400, data)

    def test_an_officer_without_identity_rights_is_refused(self):
        self.client.force_login(self.provincial_officer)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        response = self.client.post(
            reverse("privacy:person-export", args=[self.district_a.code]),
            {"kind": "phone", "contact": "0811111111"},
        )
        self.assertEqual(response.status_code, 403)

    def propose(self, user=None):
        self.client.force_login(user or self.district_a_officer)
        return self.client.post(
            reverse("privacy:erasure-propose", args=[self.district_a.code]),
            {"kind": "phone", "contact": "0811111111", "reason": "หนังสือขอลบ ลงวันที่ 1 ม.ค."},
        )

    def test_erasure_needs_a_second_officer_and_keeps_the_complaints_anonymised(self):
        self.assertRedirects(self.propose(), self.url)
        request = ErasureRequest.objects.get()
        self.assertTrue(request.is_pending)
        # Nothing is erased yet, and the proposer may not confirm their own request.
        self.assertEqual(Complainant.objects.filter(erased_at__isnull=False).count(), 0)
        confirm = reverse("privacy:erasure-confirm", args=[request.pk])
        self.assertEqual(self.client.post(confirm).status_code, 403)
        # The head confirms.
        self.client.force_login(self.district_a_head)
        self.assertRedirects(self.client.post(confirm), self.url)
        request.refresh_from_db()
        self.assertEqual((request.status, request.complaints_erased), ("confirmed", 2))
        for complaint in (self.first, self.second):
            person = Complainant.objects.get(complaint=complaint)
            self.assertEqual((person.name, person.phone, person.email), ("", "", ""))
            self.assertEqual((person.phone_digest, person.email_digest), ("", ""))
            self.assertIsNotNone(person.erased_at)
        self.assertEqual(
            Complaint.objects.filter(pk__in=[self.first.pk, self.second.pk]).count(), 2
        )
        self.assertEqual(Complainant.objects.get(complaint=self.other).name, OTHER.name)
        self.assertEqual(Entry.objects.filter(action="complaints.identity_removed").count(), 2)
        self.assertTrue(Entry.objects.filter(action="privacy.erasure_confirmed").exists())
        # Deciding twice is a message, not a change.
        self.assertRedirects(self.client.post(confirm), self.url)
        # The person is no longer found.
        page = self.client.post(self.url, {"kind": "phone", "contact": "0811111111"})
        self.assertEqual(page.context["found"], [])

    def test_a_refused_erasure_erases_nothing(self):
        self.propose()
        request = ErasureRequest.objects.get()
        self.client.force_login(self.district_a_head)
        self.client.post(reverse("privacy:erasure-refuse", args=[request.pk]))
        request.refresh_from_db()
        self.assertEqual(request.status, "refused")
        self.assertEqual(Complainant.objects.get(complaint=self.first).name, PERSON.name)

    def test_proposing_needs_a_reason_and_a_contact_that_was_given(self):
        self.client.force_login(self.district_a_officer)
        url = reverse("privacy:erasure-propose", args=[self.district_a.code])
        no_reason = self.client.post(url, {"kind": "phone", "contact": "0811111111"})
        self.assertEqual(no_reason.status_code, 400)
        unknown = self.client.post(
            url, {"kind": "phone", "contact": "0899999999", "reason": "หนังสือ"}
        )
        self.assertEqual(unknown.status_code, 400)
        self.assertContains(unknown, "ไม่มีเรื่องร้องเรียน", status_code=400)
        self.assertFalse(ErasureRequest.objects.exists())

    def name_the_head_in_the_misconduct_complaint(self):
        from saisaat.orgs.models import StaffMember

        staff = StaffMember.objects.create(
            unit=self.district_a, first_name="หัวหน้า", last_name="ถูกร้อง", user=self.district_a_head
        )
        complaints.set_persons_concerned(self.second, [staff], acting_user=self.district_a_officer)

    def test_a_head_named_in_a_complaint_cannot_have_its_identity_erased(self):
        # The whistleblower's misconduct complaint names the head, who cannot see it: his
        # proposal erases only what both he and the confirmer see, and tells him no more.
        self.name_the_head_in_the_misconduct_complaint()
        self.assertRedirects(self.propose(self.district_a_head), self.url)
        request = ErasureRequest.objects.get()
        self.client.force_login(self.district_a_officer)
        page = self.client.get(self.url)
        self.assertContains(page, self.first.display_code)
        self.assertNotContains(page, self.second.display_code)
        self.client.post(reverse("privacy:erasure-confirm", args=[request.pk]))
        request.refresh_from_db()
        self.assertEqual((request.status, request.complaints_erased), ("confirmed", 1))
        self.assertEqual(Complainant.objects.get(complaint=self.first).name, "")
        self.assertEqual(Complainant.objects.get(complaint=self.second).name, PERSON.name)
        self.client.force_login(self.district_a_head)
        self.assertNotContains(self.client.get(self.url), self.second.display_code)

    def test_a_decided_erasure_keeps_no_digest_of_the_contact(self):
        self.propose()
        confirmed = ErasureRequest.objects.get()
        self.client.force_login(self.district_a_head)
        self.client.post(reverse("privacy:erasure-confirm", args=[confirmed.pk]))
        self.propose_other()
        refused = ErasureRequest.objects.get(status="pending")
        self.client.force_login(self.district_a_head)
        self.client.post(reverse("privacy:erasure-refuse", args=[refused.pk]))
        for request in (confirmed, refused):
            request.refresh_from_db()
            self.assertNotEqual(request.status, "pending")
            self.assertEqual(request.contact_digest, "")

    def propose_other(self):
        self.client.force_login(self.district_a_officer)
        return self.client.post(
            reverse("privacy:erasure-propose", args=[self.district_a.code]),
            {"kind": "phone", "contact": OTHER.phone, "reason": "หนังสือขอลบ"},
        )
