"""Approver roles (office head, group director, deputy approver) are given only by a
proposal a department administrator confirms (issue 12): never alone, never on the admin
site, each step audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.orgs import roles
from saisaat.orgs.models import RoleChange, User
from saisaat.testing.base import PersonaTestCase, make_user


class RoleChangeTests(PersonaTestCase):
    load_plan = False

    def test_a_head_is_made_by_a_proposal_and_a_confirmation(self):
        change = roles.propose_role_change(
            self.district_b, self.district_b_officer, "head", acting_user=self.administrator
        )
        self.district_b_officer.refresh_from_db()
        self.assertEqual(self.district_b_officer.role, User.Role.OFFICER)
        roles.confirm_role_change(change, acting_user=self.department_officer)
        self.district_b_officer.refresh_from_db()
        self.assertTrue(self.district_b_officer.is_office_head)
        actions = list(Entry.objects.order_by("sequence").values_list("action", flat=True))[-3:]
        self.assertEqual(
            actions,
            ["orgs.role_change_proposed", "orgs.user_changed", "orgs.role_change_confirmed"],
        )

    def test_nobody_confirms_their_own_proposal_or_their_own_promotion(self):
        second = make_user("department-2", self.department, role=User.Role.ADMINISTRATOR)
        change = roles.propose_role_change(
            self.department, second, "head", acting_user=self.department_officer
        )
        with self.assertRaises(PermissionDenied):
            roles.confirm_role_change(change, acting_user=self.department_officer)
        with self.assertRaises(PermissionDenied):
            roles.confirm_role_change(change, acting_user=second)
        with self.assertRaises(PermissionDenied):
            roles.confirm_role_change(change, acting_user=self.administrator)
        with self.assertRaises(ValidationError):
            roles.propose_role_change(
                self.province, self.administrator, "head", acting_user=self.administrator
            )

    def test_an_officer_proposes_nothing(self):
        with self.assertRaises(PermissionDenied):
            roles.propose_role_change(
                self.province, self.administrator, "head", acting_user=self.provincial_officer
            )

    def test_only_staff_of_the_office_can_hold_its_roles(self):
        with self.assertRaises(ValidationError):
            roles.propose_role_change(
                self.district_a, self.district_b_officer, "head", acting_user=self.administrator
            )
        with self.assertRaises(ValidationError):
            roles.propose_role_change(
                self.province, self.approver, "deputy", acting_user=self.administrator
            )

    def test_a_group_director_is_named_with_a_group_of_the_office(self):
        change = roles.propose_role_change(
            self.province,
            self.provincial_officer,
            "group_director",
            work_group=self.groups["promotion"],
            acting_user=self.approver,
        )
        roles.confirm_role_change(change, acting_user=self.department_officer)
        self.provincial_officer.refresh_from_db()
        self.assertTrue(self.provincial_officer.is_approver)
        self.assertFalse(self.provincial_officer.is_office_head)
        self.assertEqual(self.provincial_officer.work_group, self.groups["promotion"])

    def test_the_pages_propose_and_decide(self):
        self.login(self.administrator)
        url = reverse("accounts:role-changes")
        response = self.client.post(
            url, {"user": self.district_a_officer.pk, "kind": "deputy", "work_group": ""}
        )
        self.assertEqual(response.status_code, 302)
        change = RoleChange.objects.get()
        self.assertEqual(change.status, RoleChange.Status.PENDING)
        confirm = reverse("accounts:role-change-confirm", args=[change.pk])
        self.assertEqual(self.client.post(confirm).status_code, 403)
        self.login(self.department_officer)
        page = self.client.get(url)
        self.assertContains(page, str(self.district_a_officer))
        self.assertEqual(self.client.post(confirm).status_code, 302)
        self.district_a.refresh_from_db()
        self.assertEqual(self.district_a.deputy_approver, self.district_a_officer)

    def test_the_page_shows_a_thai_error_for_a_refused_proposal(self):
        self.login(self.administrator)
        response = self.client.post(
            reverse("accounts:role-changes"),
            {"user": self.approver.pk, "kind": "deputy", "work_group": ""},
        )
        self.assertContains(response, "หัวหน้าสำนักงานเป็นผู้อนุมัติแทน", status_code=400)

    def test_a_refusal_changes_nothing_and_is_logged(self):
        change = roles.propose_role_change(
            self.district_b, self.district_b_officer, "head", acting_user=self.administrator
        )
        roles.refuse_role_change(change, acting_user=self.department_officer)
        self.district_b_officer.refresh_from_db()
        self.assertEqual(self.district_b_officer.role, User.Role.OFFICER)
        self.assertTrue(Entry.objects.filter(action="orgs.role_change_refused").exists())
        with self.assertRaises(ValidationError):
            roles.confirm_role_change(change, acting_user=self.department_officer)
