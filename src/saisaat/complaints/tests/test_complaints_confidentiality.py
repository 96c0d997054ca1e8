"""Complaints about corruption or misconduct: only complaint officers and the director;
the complainant's identity only for them, every reading logged; a person named in a
complaint never sees it."""

from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.models import Complaint, ComplaintOfficer, IdentityReading
from saisaat.complaints.tests.helpers import ComplaintTestCase
from saisaat.orgs.models import User
from saisaat.testing.base import make_user

IDENTITY = services.Identity(name="นางสาวผู้แจ้ง เบาะแส", phone="0899999999")


class ConfidentialityTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.misconduct = cls.make_complaint("misconduct", identity=IDENTITY)
        cls.service = cls.make_complaint("service", identity=IDENTITY)
        cls.group_director = make_user(
            "group-director",
            cls.province,
            role=User.Role.APPROVER,
            work_group=cls.groups["strategy"],
        )

    def visible(self, user):
        return set(Complaint.objects.visible_to(user).values_list("pk", flat=True))

    def test_misconduct_is_visible_only_to_complaint_officers_and_the_director(self):
        both = {self.misconduct.pk, self.service.pk}
        self.assertEqual(self.visible(self.complaint_officer), both)
        self.assertEqual(self.visible(self.approver), both)
        for user in (self.provincial_officer, self.administrator, self.group_director):
            self.assertEqual(self.visible(user), {self.service.pk}, user)
        for user in (self.district_a_officer, self.other_province_officer, self.department_officer):
            self.assertEqual(self.visible(user), set(), user)

    def test_others_get_404_on_the_misconduct_complaint_and_it_is_not_listed(self):
        self.login(self.provincial_officer)
        self.assertEqual(self.client.get(self.misconduct.get_absolute_url()).status_code, 404)
        listing = self.client.get(reverse("complaints:unit-list", args=["43"]))
        self.assertNotContains(listing, self.misconduct.display_code)
        self.assertContains(listing, self.service.display_code)

    def test_a_person_named_never_sees_it_even_as_a_complaint_officer(self):
        ComplaintOfficer.objects.create(unit=self.province, user=self.accused, status="confirmed")
        self.assertIn(self.misconduct.pk, self.visible(self.accused))
        services.set_persons_concerned(
            self.misconduct, [self.accused_staff], acting_user=self.approver
        )
        self.assertNotIn(self.misconduct.pk, self.visible(self.accused))
        self.login(self.accused)
        self.assertEqual(self.client.get(self.misconduct.get_absolute_url()).status_code, 404)
        identity = reverse("complaints:identity", args=[self.misconduct.pk])
        self.assertEqual(self.client.post(identity).status_code, 404)
        self.assertFalse(IdentityReading.objects.exists())

    def test_a_named_director_does_not_see_it_either(self):
        from saisaat.orgs.models import StaffMember

        staff = StaffMember.objects.create(
            unit=self.province, first_name="ผู้อำนวยการ", last_name="จังหวัด", user=self.approver
        )
        services.set_persons_concerned(self.misconduct, [staff], acting_user=self.complaint_officer)
        self.assertNotIn(self.misconduct.pk, self.visible(self.approver))

    def test_the_identity_is_shown_only_on_a_click_and_every_reading_is_logged(self):
        self.login(self.complaint_officer)
        page = self.client.get(self.misconduct.get_absolute_url())
        self.assertNotContains(page, IDENTITY.name)
        self.assertNotContains(page, IDENTITY.phone)
        url = reverse("complaints:identity", args=[self.misconduct.pk])
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url)
        self.assertContains(response, IDENTITY.name)
        self.assertIn("no-store", response["Cache-Control"])
        self.login(self.approver)
        self.client.post(url, HTTP_HX_REQUEST="true")
        readings = list(
            IdentityReading.objects.filter(complaint=self.misconduct).values_list(
                "reader__username", flat=True
            )
        )
        self.assertEqual(sorted(readings), ["complaint-officer", "prov-director"])

    def test_staff_who_handle_a_service_complaint_cannot_read_its_identity(self):
        self.login(self.provincial_officer)
        page = self.client.get(self.service.get_absolute_url())
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, IDENTITY.name)
        response = self.client.post(reverse("complaints:identity", args=[self.service.pk]))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(IdentityReading.objects.exists())

    def test_a_group_director_is_not_the_director(self):
        self.login(self.group_director)
        response = self.client.post(reverse("complaints:identity", args=[self.service.pk]))
        self.assertEqual(response.status_code, 403)

    def test_a_district_complaint_officer_sees_misconduct_routed_to_the_district_only(self):
        officer = make_user("district-complaints", self.district_a)
        ComplaintOfficer.objects.create(unit=self.district_a, user=officer, status="confirmed")
        self.assertNotIn(self.misconduct.pk, self.visible(officer))
        routed = self.make_complaint("misconduct", unit=self.district_a)
        self.assertIn(routed.pk, self.visible(officer))
        self.assertNotIn(routed.pk, self.visible(self.district_a_officer))
        self.assertIn(routed.pk, self.visible(self.complaint_officer))

    def test_attachments_follow_the_complaint(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from saisaat.complaints.tests.helpers import PDF

        upload = SimpleUploadedFile("evidence.pdf", PDF)
        checked = services.check_attachments([upload])
        complaint = self.make_complaint("misconduct", attachments=checked)
        item = complaint.attachments.get()
        url = reverse("complaints:attachment", args=[item.pk])
        self.login(self.provincial_officer)
        self.assertEqual(self.client.get(url).status_code, 404)
        self.login(self.complaint_officer)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_a_complaint_officer_who_moves_to_another_office_no_longer_sees_it(self):
        self.complaint_officer.unit = self.district_a
        self.complaint_officer.save(update_fields=["unit"])
        self.assertNotIn(self.misconduct.pk, self.visible(self.complaint_officer))
        self.assertFalse(services.can_read_identity(self.complaint_officer, self.misconduct))
        # Back at the office they were designated for, the designation holds again.
        self.complaint_officer.unit = self.province
        self.complaint_officer.save(update_fields=["unit"])
        self.assertIn(self.misconduct.pk, self.visible(self.complaint_officer))

    def test_only_the_office_head_names_the_people_a_complaint_is_about(self):
        url = reverse("complaints:persons", args=[self.service.pk])
        data = {"persons_concerned": [self.accused_staff.pk]}
        self.login(self.provincial_officer)
        self.assertEqual(self.client.post(url, data).status_code, 403)
        self.assertFalse(self.service.persons_concerned.exists())
        self.login(self.approver)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertTrue(self.service.persons_concerned.exists())


class NamedStaffInTheAuditLogTests(ComplaintTestCase):
    """Who a complaint names is written confidential and never resolved to a name on the
    audit page; a province's administrator reads only their own offices' entries."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.misconduct = cls.make_complaint("misconduct", identity=IDENTITY)
        services.set_persons_concerned(
            cls.misconduct, [cls.accused_staff], acting_user=cls.complaint_officer
        )
        cls.other_administrator = make_user(
            "other-admin", cls.other_province, role=User.Role.ADMINISTRATOR
        )

    def audit_page(self, user):
        self.login(user)
        url = reverse("audit:log") + f"?type=complaints.complaint&id={self.misconduct.pk}"
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        return page

    def test_the_naming_is_confidential_and_shown_by_id_only(self):
        naming = Entry.objects.get(action="complaints.persons_concerned")
        self.assertTrue(naming.confidential)
        # The province's administrator sees the complaint's entries but not the naming.
        page = self.audit_page(self.administrator)
        actions = [entry.action for entry in page.context["page"]]
        self.assertIn("complaints.received", actions)
        self.assertNotIn("complaints.persons_concerned", actions)
        self.assertNotContains(page, "ผู้ถูก")
        # The office head reads it, with the staff's id and never their name.
        page = self.audit_page(self.approver)
        self.assertIn(naming.pk, [entry.pk for entry in page.context["page"]])
        self.assertNotContains(page, "ผู้ถูก")
        self.assertContains(page, f"{self.accused_staff.pk}")

    def test_another_provinces_administrator_sees_none_of_the_provinces_entries(self):
        page = self.audit_page(self.other_administrator)
        self.assertEqual(list(page.context["page"]), [])
        self.login(self.other_administrator)
        units = {entry.unit_id for entry in self.client.get(reverse("audit:log")).context["page"]}
        self.assertNotIn(self.province.pk, units)
        self.assertNotIn(self.district_a.pk, units)
        # The department's administrator reads every office's (but not the naming).
        page = self.audit_page(self.department_officer)
        actions = [entry.action for entry in page.context["page"]]
        self.assertIn("complaints.received", actions)
        self.assertNotIn("complaints.persons_concerned", actions)
