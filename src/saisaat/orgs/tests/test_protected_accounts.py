"""Protected accounts: the admin site cannot change how an approver, a complaint officer
or a department administrator signs in, nor remove their authenticator."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.audit.models import Entry
from saisaat.complaints.models import ComplaintOfficer
from saisaat.orgs import accounts
from saisaat.orgs.models import User
from saisaat.orgs.protection import is_protected, protected_users
from saisaat.testing.base import PersonaTestCase, make_user


def change_data(user: User, **changes) -> dict:
    """What the admin's account form posts for ``user``, with ``changes``."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "unit": user.unit_id or "",
        "work_group": user.work_group_id or "",
        "position": user.position,
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2566-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


class AdminCase(PersonaTestCase):
    load_plan = False

    def assertNotIn_(self, response, text):
        # Not assertNotContains: it prints the whole admin page on failure.
        self.assertNotIn(text, response.content.decode(), "found in the page")


class ProtectedAccountsTests(AdminCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = User.objects.create_superuser("root", password="x" * 16)
        cls.complaint_officer = make_user("officer-c", cls.district_a, email="c@example.org")
        ComplaintOfficer.objects.create(
            unit=cls.district_a, user=cls.complaint_officer, status="confirmed"
        )
        cls.proposed_officer = make_user("officer-p", cls.district_b)
        ComplaintOfficer.objects.create(unit=cls.district_b, user=cls.proposed_officer)
        cls.deputy = make_user("deputy", cls.district_b)
        cls.district_b.deputy_approver = cls.deputy
        cls.district_b.save()

    def setUp(self):
        self.client.force_login(self.root)

    def test_who_is_protected(self):
        for user, expected in (
            (self.approver, True),
            (self.department_officer, True),
            (self.root, True),
            (self.complaint_officer, True),
            (self.proposed_officer, True),
            (self.deputy, True),
            (self.administrator, False),
            (self.provincial_officer, False),
            (self.district_a_officer, False),
        ):
            with self.subTest(user=user.username):
                self.assertIs(is_protected(user), expected)
        self.assertNotIn(self.district_a_officer, protected_users())
        # An approver who was deactivated stays protected: reactivating gives powers back.
        User.objects.filter(pk=self.approver.pk).update(is_active=False)
        self.assertTrue(is_protected(self.approver))

    def test_the_admin_form_leaves_a_protected_accounts_sign_in_alone(self):
        url = reverse("admin:orgs_user_change", args=[self.complaint_officer.pk])
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn_(page, 'name="email"')
        self.assertNotIn_(page, 'name="username"')
        self.assertNotIn_(page, "../password/")
        response = self.client.post(
            url,
            change_data(
                self.complaint_officer,
                username="taken-over",
                email="attacker@example.org",
                position="ตำแหน่งใหม่",
            ),
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        self.complaint_officer.refresh_from_db()
        self.assertEqual(self.complaint_officer.username, "officer-c")
        self.assertEqual(self.complaint_officer.email, "c@example.org")
        # What is not about signing in still changes, and is logged.
        self.assertEqual(self.complaint_officer.position, "ตำแหน่งใหม่")

    def test_a_protected_superuser_keeps_the_rights_that_protect_him(self):
        # Unticking "superuser" first would make the next save (a new e-mail) unprotected.
        user = User.objects.get(pk=self.root.pk)
        user.is_superuser = False
        with self.assertRaises(ValidationError):
            accounts.save_user(user, acting_user=self.department_officer, save=user.save)
        self.root.refresh_from_db()
        self.assertTrue(self.root.is_superuser)
        page = self.client.get(reverse("admin:orgs_user_change", args=[self.root.pk]))
        for name in ("is_superuser", "is_staff", "groups", "user_permissions"):
            self.assertNotIn_(page, f'name="{name}"')

    def test_deactivating_from_the_admin_is_ignored_for_a_protected_account(self):
        url = reverse("admin:orgs_user_change", args=[self.approver.pk])
        self.client.post(url, change_data(self.approver, is_active=""))
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.is_active)

    def test_an_ordinary_account_is_still_changed_on_the_admin_site(self):
        user = self.district_a_officer
        url = reverse("admin:orgs_user_change", args=[user.pk])
        response = self.client.post(url, change_data(user, email="new@example.org"))
        self.assertEqual(response.status_code, 302)
        user.refresh_from_db()
        self.assertEqual(user.email, "new@example.org")

    def test_the_service_refuses_what_the_form_would_not_send(self):
        for name, value in (
            ("email", "attacker@example.org"),
            ("username", "other"),
            ("is_active", False),
            ("is_staff", True),
        ):
            user = User.objects.get(pk=self.approver.pk)
            setattr(user, name, value)
            with self.subTest(field=name), self.assertRaises(ValidationError):
                accounts.save_user(user, acting_user=self.root, save=user.save)
        user = User.objects.get(pk=self.approver.pk)
        user.set_password("a-new-password-for-him")
        with self.assertRaises(ValidationError):
            accounts.save_user(user, acting_user=self.root, save=user.save)
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.check_password("persona-password"))

    def test_the_admin_password_page_refuses_a_protected_account(self):
        for user in (self.approver, self.complaint_officer, self.department_officer):
            url = reverse("admin:auth_user_password_change", args=[user.pk])
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(url).status_code, 403)
                response = self.client.post(
                    url, {"password1": "Takeover-2566!x", "password2": "Takeover-2566!x"}
                )
                self.assertEqual(response.status_code, 403)
                user.refresh_from_db()
                self.assertFalse(user.check_password("Takeover-2566!x"))

    def test_the_admin_password_page_sets_and_logs_an_ordinary_password(self):
        user = self.district_a_officer
        url = reverse("admin:auth_user_password_change", args=[user.pk])
        response = self.client.post(
            url,
            {
                "password1": "Another-2566!xy",
                "password2": "Another-2566!xy",
                "usable_password": "true",
            },
        )
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        user.refresh_from_db()
        self.assertTrue(user.check_password("Another-2566!xy"))
        entry = Entry.objects.filter(object_type="orgs.user", object_id=str(user.pk)).latest(
            "sequence"
        )
        self.assertEqual(entry.changes, {"password": ["old", "new"]})

    def test_a_protected_account_is_not_deleted_on_the_admin_site(self):
        url = reverse("admin:orgs_user_delete", args=[self.complaint_officer.pk])
        self.assertEqual(self.client.post(url, {"post": "yes"}).status_code, 403)
        bulk = self.client.post(
            reverse("admin:orgs_user_changelist"),
            {"action": "delete_selected", "_selected_action": [self.approver.pk], "post": "yes"},
        )
        self.assertIn(bulk.status_code, (200, 403))
        self.assertTrue(User.objects.filter(pk=self.approver.pk).exists())
        self.assertTrue(User.objects.filter(pk=self.complaint_officer.pk).exists())
        with self.assertRaises(ValidationError):
            accounts.delete_user(self.approver, acting_user=self.root)


class DeviceAdminTests(AdminCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.root = User.objects.create_superuser("root", password="x" * 16)
        cls.head_device = TOTPDevice.objects.create(user=cls.approver, name="authenticator")
        cls.officer_device = TOTPDevice.objects.create(
            user=cls.provincial_officer, name="authenticator"
        )
        cls.codes = StaticDevice.objects.create(user=cls.approver, name="recovery codes")
        StaticToken.objects.create(device=cls.codes, token="secretcode1")

    def setUp(self):
        self.client.force_login(self.root)

    def test_a_device_page_shows_neither_key_nor_codes_and_changes_nothing(self):
        page = self.client.get(
            reverse("admin:otp_totp_totpdevice_change", args=[self.head_device.pk])
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn_(page, self.head_device.key)
        self.assertNotIn_(page, 'name="key"')
        codes = self.client.get(
            reverse("admin:otp_static_staticdevice_change", args=[self.codes.pk])
        )
        self.assertEqual(codes.status_code, 200)
        self.assertNotIn_(codes, "secretcode1")
        response = self.client.post(
            reverse("admin:otp_totp_totpdevice_change", args=[self.head_device.pk]),
            {"user": self.provincial_officer.pk, "name": "moved", "key": "00" * 20},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.client.get(reverse("admin:otp_totp_totpdevice_add")).status_code, 403)
        self.head_device.refresh_from_db()
        self.assertEqual(self.head_device.user, self.approver)

    def test_a_protected_persons_device_is_not_removed(self):
        for name, device in (
            ("admin:otp_totp_totpdevice_delete", self.head_device),
            ("admin:otp_static_staticdevice_delete", self.codes),
        ):
            with self.subTest(name=name):
                response = self.client.post(reverse(name, args=[device.pk]), {"post": "yes"})
                self.assertEqual(response.status_code, 403)
                self.assertTrue(type(device).objects.filter(pk=device.pk).exists())
        bulk = self.client.post(
            reverse("admin:otp_totp_totpdevice_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [self.head_device.pk, self.officer_device.pk],
                "post": "yes",
            },
        )
        self.assertIn(bulk.status_code, (200, 403))
        self.assertEqual(TOTPDevice.objects.filter(user=self.approver).count(), 1)
        self.assertEqual(TOTPDevice.objects.filter(user=self.provincial_officer).count(), 1)

    def test_an_ordinary_persons_device_is_removed_and_logged(self):
        url = reverse("admin:otp_totp_totpdevice_delete", args=[self.officer_device.pk])
        response = self.client.post(url, {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(TOTPDevice.objects.filter(pk=self.officer_device.pk).exists())
        entry = Entry.objects.get(action="accounts.device_removed")
        self.assertEqual(entry.object_id, str(self.officer_device.pk))
        self.assertNotIn(self.officer_device.key, str(entry.changes))
