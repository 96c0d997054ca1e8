"""Issue 12: no role, superuser included, reaches a confidential complaint except through
the designation rules; a designation needs the office head's proposal and a department
administrator's confirmation; naming staff never hides a complaint from everyone able to
handle it; routing a corruption complaint to the office it is about needs the head's
explicit confirmation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.models import Complaint, ComplaintOfficer, IdentityReading
from saisaat.complaints.tests.helpers import ComplaintTestCase
from saisaat.orgs.models import StaffMember, User
from saisaat.testing.base import make_user

IDENTITY = services.Identity(name="นางสาวผู้แจ้ง เบาะแส", phone="0899999999")


def visible(user):
    return set(Complaint.objects.visible_to(user).values_list("pk", flat=True))


class SuperuserTests(ComplaintTestCase):
    """An administrator with every admin-site right, at the provincial office."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = make_user(
            "root",
            cls.province,
            role=User.Role.ADMINISTRATOR,
            is_superuser=True,
            is_staff=True,
        )
        cls.root_staff = StaffMember.objects.create(
            unit=cls.province, first_name="ผู้ดูแล", last_name="ระบบ", user=cls.superuser
        )
        cls.misconduct = cls.make_complaint("misconduct", identity=IDENTITY)

    def test_a_superuser_does_not_see_a_corruption_complaint(self):
        self.assertNotIn(self.misconduct.pk, visible(self.superuser))
        self.assertFalse(services.can_read_identity(self.superuser, self.misconduct))
        self.login(self.superuser)
        self.assertEqual(self.client.get(self.misconduct.get_absolute_url()).status_code, 404)
        identity = reverse("complaints:identity", args=[self.misconduct.pk])
        self.assertEqual(self.client.post(identity).status_code, 404)
        self.assertFalse(IdentityReading.objects.exists())

    def test_the_admin_site_cannot_make_or_change_a_designation(self):
        self.login(self.superuser)
        add = reverse("admin:complaints_complaintofficer_add")
        self.assertEqual(self.client.get(add).status_code, 403)
        data = {"unit": self.province.pk, "user": self.superuser.pk}
        self.assertEqual(self.client.post(add, data).status_code, 403)
        officer = ComplaintOfficer.objects.get(user=self.complaint_officer)
        change = reverse("admin:complaints_complaintofficer_change", args=[officer.pk])
        self.client.post(change, {"unit": self.province.pk, "user": self.superuser.pk})
        delete = reverse("admin:complaints_complaintofficer_delete", args=[officer.pk])
        self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
        officer.refresh_from_db()
        self.assertEqual(officer.user, self.complaint_officer)
        self.assertFalse(ComplaintOfficer.objects.filter(user=self.superuser).exists())
        # The list is still there to read.
        listing = reverse("admin:complaints_complaintofficer_changelist")
        self.assertEqual(self.client.get(listing).status_code, 200)

    def test_the_superuser_cannot_designate_on_the_app_pages_either(self):
        self.login(self.superuser)
        url = reverse("complaints:officers", args=[self.province.code])
        response = self.client.post(url, {"user": self.superuser.pk})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ComplaintOfficer.objects.filter(user=self.superuser).exists())

    def test_the_admin_site_cannot_make_an_office_head(self):
        self.login(self.superuser)
        url = reverse("admin:orgs_user_change", args=[self.superuser.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="role"')
        self.client.post(
            url,
            {
                "username": "root",
                "unit": self.province.pk,
                "role": User.Role.APPROVER,
                "is_active": "on",
                "is_staff": "on",
                "is_superuser": "on",
                "date_joined_0": "2023-01-01",
                "date_joined_1": "09:00:00",
            },
        )
        self.superuser.refresh_from_db()
        self.assertEqual(self.superuser.role, User.Role.ADMINISTRATOR)
        self.assertNotIn(self.misconduct.pk, visible(self.superuser))

    def test_an_approver_cannot_be_reactivated_on_the_admin_site(self):
        self.approver.is_active = False
        self.approver.save(update_fields=["is_active"])
        self.login(self.superuser)
        url = reverse("admin:orgs_user_change", args=[self.approver.pk])
        response = self.client.post(
            url,
            {
                "username": self.approver.username,
                "is_active": "on",
                "date_joined_0": "2023-01-01",
                "date_joined_1": "09:00:00",
            },
        )
        # The active flag of an approver is read-only there: the save goes through and
        # leaves the account inactive; only a confirmed sign-in reset or role change moves it.
        self.assertEqual(response.status_code, 302)
        self.approver.refresh_from_db()
        self.assertFalse(self.approver.is_active)
        page = self.client.get(url)
        self.assertNotContains(page, 'name="is_active"')

    def test_the_admin_site_cannot_make_a_department_administrator(self):
        from saisaat.orgs import accounts

        # The one who would confirm a designation: moved to the department, or reactivated.
        self.administrator.unit = self.department
        with self.assertRaises(ValidationError):
            accounts.save_user(
                self.administrator, acting_user=self.superuser, save=self.administrator.save
            )
        self.administrator.refresh_from_db()
        self.assertEqual(self.administrator.unit, self.province)
        self.login(self.superuser)
        page = self.client.get(reverse("admin:orgs_user_change", args=[self.administrator.pk]))
        self.assertNotContains(page, 'name="unit"')
        self.department_officer.is_active = False
        self.department_officer.save(update_fields=["is_active"])
        self.department_officer.is_active = True
        with self.assertRaises(ValidationError):
            accounts.save_user(
                self.department_officer,
                acting_user=self.superuser,
                save=self.department_officer.save,
            )

    def test_a_new_account_cannot_be_saved_as_an_approver(self):
        from saisaat.orgs import accounts

        user = User(username="new-head", unit=self.province, role=User.Role.APPROVER)
        before = Entry.objects.count()
        with self.assertRaises(ValidationError):
            accounts.save_user(user, acting_user=self.superuser, save=user.save)
        self.assertFalse(User.objects.filter(username="new-head").exists())
        self.assertEqual(Entry.objects.count(), before)

    def test_a_named_superuser_never_sees_it(self):
        ComplaintOfficer.objects.create(
            unit=self.province, user=self.superuser, status=ComplaintOfficer.Status.CONFIRMED
        )
        self.assertIn(self.misconduct.pk, visible(self.superuser))
        services.set_persons_concerned(
            self.misconduct, [self.root_staff], acting_user=self.approver
        )
        self.assertNotIn(self.misconduct.pk, visible(self.superuser))


class DesignationTests(ComplaintTestCase):
    def test_the_head_proposes_and_a_department_administrator_confirms(self):
        officer = services.propose_officer(
            self.province, self.provincial_officer, acting_user=self.approver
        )
        self.assertTrue(officer.is_pending)
        misconduct = self.make_complaint("misconduct", identity=IDENTITY)
        # Pending: nothing opens yet.
        self.assertNotIn(misconduct.pk, visible(self.provincial_officer))
        self.assertFalse(services.can_read_identity(self.provincial_officer, misconduct))
        self.login(self.department_officer)
        pending = self.client.get(reverse("complaints:pending-officers"))
        self.assertContains(pending, str(self.provincial_officer))
        self.assertNotContains(pending, misconduct.display_code)
        response = self.client.post(reverse("complaints:officer-confirm", args=[officer.pk]))
        self.assertEqual(response.status_code, 302)
        officer.refresh_from_db()
        self.assertEqual(officer.status, ComplaintOfficer.Status.CONFIRMED)
        self.assertEqual(officer.confirmed_by, self.department_officer)
        self.assertIn(misconduct.pk, visible(self.provincial_officer))
        actions = list(
            Entry.objects.filter(object_type="complaints.complaintofficer")
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(
            actions[-2:], ["complaints.officer_proposed", "complaints.officer_designated"]
        )

    def test_a_refusal_removes_the_proposal_and_is_logged(self):
        officer = services.propose_officer(
            self.province, self.provincial_officer, acting_user=self.approver
        )
        self.login(self.department_officer)
        self.client.post(reverse("complaints:officer-refuse", args=[officer.pk]))
        self.assertFalse(ComplaintOfficer.objects.filter(pk=officer.pk).exists())
        self.assertTrue(Entry.objects.filter(action="complaints.officer_refused").exists())

    def test_only_a_department_administrator_other_than_the_proposer_confirms(self):
        officer = services.propose_officer(
            self.province, self.provincial_officer, acting_user=self.approver
        )
        for user in (self.approver, self.administrator, self.provincial_officer):
            with self.assertRaises(PermissionDenied):
                services.confirm_officer(officer, acting_user=user)
        # A department administrator cannot confirm a designation of himself, nor one he
        # proposed as the department's head.
        second = make_user("department-2", self.department, role=User.Role.ADMINISTRATOR)
        head = make_user("department-head", self.department, role=User.Role.APPROVER)
        own = services.propose_officer(self.department, second, acting_user=head)
        with self.assertRaises(PermissionDenied):
            services.confirm_officer(own, acting_user=second)
        services.confirm_officer(own, acting_user=self.department_officer)
        self.login(self.approver)
        url = reverse("complaints:officer-confirm", args=[officer.pk])
        self.assertEqual(self.client.post(url).status_code, 403)
        self.assertTrue(ComplaintOfficer.objects.get(pk=officer.pk).is_pending)

    def test_an_administrator_cannot_propose_himself_or_anyone(self):
        with self.assertRaises(PermissionDenied):
            services.propose_officer(
                self.province, self.administrator, acting_user=self.administrator
            )
        with self.assertRaises(ValidationError):
            services.propose_officer(self.province, self.approver, acting_user=self.approver)

    def test_a_row_made_outside_the_services_grants_nothing(self):
        misconduct = self.make_complaint("misconduct")
        ComplaintOfficer.objects.create(unit=self.province, user=self.administrator)
        self.assertNotIn(misconduct.pk, visible(self.administrator))


class NamingTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.director_staff = StaffMember.objects.create(
            unit=cls.province, first_name="ผู้อำนวยการ", last_name="ศรีสุขใจ", user=cls.approver
        )
        cls.officer_staff = StaffMember.objects.create(
            unit=cls.province,
            first_name="ผู้รับผิดชอบ",
            last_name="มั่นคงดี",
            user=cls.complaint_officer,
        )
        # Linked to accounts: only a staff record linked to an account can be named.
        cls.district_staff = StaffMember.objects.create(
            unit=cls.district_a,
            first_name="เจ้าหน้าที่",
            last_name="เมืองวงศ์",
            user=cls.district_a_officer,
        )
        cls.other_district_staff = StaffMember.objects.create(
            unit=cls.district_b,
            first_name="เจ้าหน้าที่",
            last_name="ท่าบ่อวงศ์",
            user=cls.district_b_officer,
        )

    def record_data(self, **extra):
        channel = self.province.complaint_channels.order_by("pk").first()
        return {
            "category": "misconduct",
            "channel": channel.pk,
            "received_on": "2023-01-10",
            "description": "เรียกรับเงิน",
            "identity": "anonymous",
            **extra,
        }

    def test_naming_the_director_and_the_only_officer_is_refused_in_thai(self):
        complaint = self.make_complaint("misconduct")
        self.login(self.approver)
        url = reverse("complaints:persons", args=[complaint.pk])
        response = self.client.post(
            url, {"persons_concerned": [self.director_staff.pk, self.officer_staff.pk]}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "จะทำให้ไม่มีผู้รับผิดชอบเรื่องร้องเรียนนี้", status_code=400)
        self.assertFalse(complaint.persons_concerned.exists())
        self.assertIn(complaint.pk, visible(self.approver))
        with self.assertRaises(ValidationError):
            services.set_persons_concerned(
                complaint, [self.director_staff, self.officer_staff], acting_user=self.approver
            )

    def test_a_department_integrity_officer_is_the_fallback_when_the_head_is_named(self):
        complaint = self.make_complaint("misconduct", identity=IDENTITY)
        integrity = make_user("integrity", self.department)
        ComplaintOfficer.objects.create(
            unit=self.department, user=integrity, status=ComplaintOfficer.Status.CONFIRMED
        )
        self.assertNotIn(complaint.pk, visible(integrity))
        services.set_persons_concerned(
            complaint, [self.director_staff, self.officer_staff], acting_user=self.approver
        )
        self.assertEqual(visible(integrity), {complaint.pk})
        self.assertNotIn(complaint.pk, visible(self.approver))
        self.assertNotIn(complaint.pk, visible(self.complaint_officer))
        self.assertTrue(services.can_read_identity(integrity, complaint))
        self.login(integrity)
        self.assertEqual(self.client.get(complaint.get_absolute_url()).status_code, 200)
        # A department officer without the designation sees nothing.
        self.assertEqual(visible(self.department_officer), set())

    def test_a_non_officer_cannot_name_anyone_when_recording(self):
        url = reverse("complaints:record", args=[self.province.code])
        self.login(self.provincial_officer)
        page = self.client.get(url)
        self.assertNotContains(page, 'name="persons_concerned"')
        data = self.record_data(persons_concerned=[self.director_staff.pk, self.officer_staff.pk])
        self.assertEqual(self.client.post(url, data).status_code, 302)
        complaint = Complaint.objects.get(description="เรียกรับเงิน")
        self.assertFalse(complaint.persons_concerned.exists())
        self.assertIn(complaint.pk, visible(self.approver))
        self.assertIn(complaint.pk, visible(self.complaint_officer))

    def test_a_district_officer_is_offered_no_staff_names_of_the_province(self):
        url = reverse("complaints:record", args=[self.district_a.code])
        self.login(self.district_a_officer)
        page = self.client.get(url)
        for staff in (self.director_staff, self.officer_staff, self.other_district_staff):
            self.assertNotContains(page, staff.last_name)

    def test_an_identity_reader_names_staff_of_the_recording_office_only(self):
        url = reverse("complaints:record", args=[self.district_a.code])
        self.login(self.complaint_officer)
        page = self.client.get(url)
        self.assertContains(page, f'value="{self.district_staff.pk}"')
        self.assertNotContains(page, self.other_district_staff.last_name)
        self.assertNotContains(page, self.director_staff.last_name)
        data = self.record_data(
            channel=self.district_a.complaint_channels.order_by("pk").first().pk,
            persons_concerned=[self.district_staff.pk],
        )
        self.assertEqual(self.client.post(url, data).status_code, 302)
        complaint = Complaint.objects.get(description="เรียกรับเงิน")
        self.assertEqual(list(complaint.persons_concerned.all()), [self.district_staff])

    def test_recording_a_naming_that_leaves_nobody_is_a_form_error(self):
        url = reverse("complaints:record", args=[self.province.code])
        self.login(self.approver)
        data = self.record_data(persons_concerned=[self.director_staff.pk, self.officer_staff.pk])
        response = self.client.post(url, data)
        self.assertContains(response, "จะทำให้ไม่มีผู้รับผิดชอบ", status_code=400)
        self.assertFalse(Complaint.objects.filter(description="เรียกรับเงิน").exists())

    def test_the_change_form_lists_the_handlers_own_offices_staff(self):
        complaint = self.make_complaint("misconduct", unit=self.district_a)
        district_officer = make_user("district-complaints", self.district_a)
        ComplaintOfficer.objects.create(
            unit=self.district_a, user=district_officer, status=ComplaintOfficer.Status.CONFIRMED
        )
        self.login(district_officer)
        page = self.client.get(complaint.get_absolute_url())
        self.assertContains(page, f'value="{self.district_staff.pk}"')
        self.assertNotContains(page, self.director_staff.last_name)
        self.assertNotContains(page, self.other_district_staff.last_name)


class RoutingTests(ComplaintTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.district_a_head = make_user("district-a-head", cls.district_a, role=User.Role.APPROVER)

    def test_routing_a_corruption_complaint_to_the_district_it_concerns_is_refused(self):
        complaint = self.make_complaint(
            "misconduct", identity=IDENTITY, reported_unit=self.district_a
        )
        self.login(self.complaint_officer)
        url = reverse("complaints:route", args=[complaint.pk])
        response = self.client.post(url, {"unit": self.district_a.pk})
        self.assertContains(response, "หัวหน้าสำนักงานนั้นจะเห็นตัวตนของผู้ร้องเรียน", status_code=400)
        # Ticking the box is the office head's alone.
        response = self.client.post(url, {"unit": self.district_a.pk, "confirm_concerned": "on"})
        self.assertEqual(response.status_code, 400)
        complaint.refresh_from_db()
        self.assertEqual(complaint.unit, self.province)
        self.assertNotIn(complaint.pk, visible(self.district_a_head))

    def test_the_route_form_of_a_corruption_complaint_warns_in_thai(self):
        complaint = self.make_complaint("misconduct", reported_unit=self.district_a)
        self.login(self.approver)
        page = self.client.get(complaint.get_absolute_url())
        self.assertContains(page, "คำเตือน: อย่าส่งเรื่องร้องเรียนการทุจริตไปยังสำนักงานที่ถูกร้องเรียน")
        self.assertContains(page, 'name="confirm_concerned"')
        service = self.make_complaint("service")
        self.assertNotContains(self.client.get(service.get_absolute_url()), "confirm_concerned")

    def test_the_head_may_route_it_with_the_confirmation_and_it_is_logged(self):
        complaint = self.make_complaint("misconduct", reported_unit=self.district_a)
        self.login(self.approver)
        url = reverse("complaints:route", args=[complaint.pk])
        response = self.client.post(url, {"unit": self.district_a.pk, "confirm_concerned": "on"})
        self.assertEqual(response.status_code, 302)
        complaint.refresh_from_db()
        self.assertEqual(complaint.unit, self.district_a)
        entry = Entry.objects.filter(action="complaints.routed").latest("sequence")
        self.assertIn("confirmed by the office head", entry.reason)

    def test_a_complaint_naming_district_staff_concerns_that_district(self):
        complaint = self.make_complaint("misconduct")
        # Linked to an account: only a staff record linked to an account can be named.
        staff = StaffMember.objects.create(
            unit=self.district_b, first_name="ก", last_name="ข", user=self.district_b_officer
        )
        services.set_persons_concerned(complaint, [staff], acting_user=self.approver)
        with self.assertRaises(ValidationError):
            services.route_complaint(complaint, self.district_b, acting_user=self.approver)
        # Another district is fine, and a service complaint goes anywhere.
        services.route_complaint(complaint, self.district_a, acting_user=self.approver)
        service = self.make_complaint("service", reported_unit=self.district_b)
        services.route_complaint(service, self.district_b, acting_user=self.complaint_officer)


class AdminSiteMakesNoHeadTests(ComplaintTestCase):
    """A group director is made an office head only through a confirmed role change:
    never by deleting its work group or changing its unit's kind on the admin site."""

    more_personas = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = make_user(
            "root", cls.province, role=User.Role.ADMINISTRATOR, is_superuser=True, is_staff=True
        )
        cls.misconduct = cls.make_complaint("misconduct", identity=IDENTITY)

    def unit_form(self, unit, *, delete=None, **fields):
        groups = list(unit.work_groups.order_by("pk"))
        data = {
            "code": unit.code,
            "name_th": unit.name_th,
            "name_en": unit.name_en,
            "short_name_th": unit.short_name_th,
            "work_groups-TOTAL_FORMS": str(len(groups)),
            "work_groups-INITIAL_FORMS": str(len(groups)),
            "work_groups-MIN_NUM_FORMS": "0",
            "work_groups-MAX_NUM_FORMS": "1000",
        }
        for index, group in enumerate(groups):
            data |= {
                f"work_groups-{index}-id": group.pk,
                f"work_groups-{index}-unit": unit.pk,
                f"work_groups-{index}-function": group.function,
                f"work_groups-{index}-name_th": group.name_th,
                f"work_groups-{index}-name_en": group.name_en,
            }
            if group == delete:
                data[f"work_groups-{index}-DELETE"] = "on"
        return data | fields

    def test_deleting_a_directors_work_group_is_refused(self):
        group = self.group_director.work_group
        self.login(self.superuser)
        url = reverse("admin:orgs_unit_change", args=[self.province.pk])
        response = self.client.post(url, self.unit_form(self.province, delete=group))
        self.assertEqual(response.status_code, 200)
        # The admin's own refusal, naming the member that protects the group.
        self.assertContains(response, "ป้องกันที่เกี่ยวข้อง")
        self.assertContains(response, "group-director")
        self.group_director.refresh_from_db()
        self.assertEqual(self.group_director.work_group, group)
        self.assertFalse(self.group_director.is_office_head)
        self.assertFalse(services.can_read_identity(self.group_director, self.misconduct))
        self.assertFalse(
            Entry.objects.filter(action__in=["orgs.unit_changed", "orgs.user_changed"]).exists()
        )

    def test_a_work_group_without_members_can_still_be_deleted(self):
        group = self.groups["strategy"]
        self.group_director.delete()
        self.login(self.superuser)
        url = reverse("admin:orgs_unit_change", args=[self.province.pk])
        response = self.client.post(url, self.unit_form(self.province, delete=group))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(self.province.work_groups.filter(pk=group.pk).exists())

    def test_the_service_refuses_deleting_a_unit_whose_groups_have_members(self):
        from saisaat.orgs import accounts

        with self.assertRaises(ValidationError):
            accounts.delete_unit(self.province, acting_user=self.superuser)
        self.group_director.refresh_from_db()
        self.assertEqual(self.group_director.work_group.unit, self.province)

    def test_deleting_the_unit_on_the_admin_site_is_refused_without_an_error(self):
        self.login(self.superuser)
        url = reverse("admin:orgs_unit_delete", args=[self.province.pk])
        response = self.client.post(url, {"post": "yes"})
        # The admin's page saying the unit cannot be deleted, listing what protects it.
        self.assertContains(response, "ไม่สามารถลบ")
        self.assertTrue(type(self.province).objects.filter(pk=self.province.pk).exists())
        self.group_director.refresh_from_db()
        self.assertEqual(self.group_director.work_group.unit, self.province)
        self.assertFalse(self.group_director.is_office_head)

    def test_a_units_kind_and_parent_are_fixed_on_the_admin_site(self):
        self.login(self.superuser)
        url = reverse("admin:orgs_unit_change", args=[self.province.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'name="kind"')
        self.assertNotContains(page, 'name="parent"')
        response = self.client.post(url, self.unit_form(self.province, kind="department"))
        self.assertEqual(response.status_code, 302)
        self.province.refresh_from_db()
        self.assertEqual(self.province.kind, "province")
        self.administrator.refresh_from_db()
        self.assertFalse(self.administrator.is_department_administrator)

    def test_the_service_refuses_changing_a_units_kind_or_parent(self):
        from saisaat.orgs import accounts

        for field, value in (("kind", "department"), ("parent", self.other_province)):
            unit = type(self.province).objects.get(pk=self.province.pk)
            setattr(unit, field, value)
            with self.assertRaises(ValidationError):
                accounts.save_unit(unit, acting_user=self.superuser, save=unit.save)
        self.province.refresh_from_db()
        self.assertEqual(self.province.kind, "province")
        self.assertEqual(self.province.parent, self.department)
        self.administrator.refresh_from_db()
        self.assertFalse(self.administrator.is_department_administrator)
        # Its names can still be changed.
        unit = type(self.province).objects.get(pk=self.province.pk)
        unit.name_en = "Nong Khai"
        accounts.save_unit(unit, acting_user=self.superuser, save=unit.save)
        self.assertTrue(Entry.objects.filter(action="orgs.unit_changed").exists())


class NamingUnlinkedStaffTests(ComplaintTestCase):
    """A complaint names only staff records linked to an account: a name without one is
    neither hidden from nor escalated past the person it names."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unlinked_head = StaffMember.objects.create(
            unit=cls.province, first_name="หัวหน้า", last_name="ไม่มีบัญชี"
        )
        cls.misconduct = cls.make_complaint("misconduct", identity=IDENTITY)

    def test_naming_an_unlinked_record_is_refused(self):
        with self.assertRaises(ValidationError) as refused:
            services.set_persons_concerned(
                self.misconduct, [self.unlinked_head], acting_user=self.approver
            )
        self.assertEqual(refused.exception.code, "unlinked_staff")
        self.assertFalse(self.misconduct.persons_concerned.exists())

    def test_the_page_says_the_record_must_be_linked_first(self):
        self.login(self.approver)
        url = reverse("complaints:persons", args=[self.misconduct.pk])
        response = self.client.post(url, {"persons_concerned": [self.unlinked_head.pk]})
        self.assertContains(response, "ยังไม่ได้เชื่อมกับบัญชีผู้ใช้", status_code=400)
        self.assertFalse(self.misconduct.persons_concerned.exists())
        # A linked record is named as before.
        response = self.client.post(url, {"persons_concerned": [self.accused_staff.pk]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(list(self.misconduct.persons_concerned.all()), [self.accused_staff])
