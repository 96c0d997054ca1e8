"""Sign-in resets: one administrator requests, a second (a department administrator who
is neither the requester nor the person) confirms; the person is told and sets the new
password through a link sent to their own e-mail address."""

import re

from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.accounts import resets
from saisaat.audit.models import Entry
from saisaat.notices.models import Notice
from saisaat.orgs.models import SignInReset, User
from saisaat.testing.base import PASSWORD, PersonaTestCase, make_user

URL = reverse("accounts:sign-in-resets")
NEW_PASSWORD = "Kaeng-Khoei-2567!"


@override_settings(SAISAAT_BASE_URL="https://saisaat.example.org")
class SignInResetTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second_admin = make_user("department-2", cls.department, role=User.Role.ADMINISTRATOR)
        User.objects.filter(pk=cls.approver.pk).update(email="director@example.org")
        cls.approver.refresh_from_db()
        TOTPDevice.objects.create(user=cls.approver, name="authenticator", confirmed=True)
        StaticDevice.objects.create(user=cls.approver, name="recovery codes", confirmed=True)

    def request(self, by, person, kind=SignInReset.Kind.BOTH, reason="ทำโทรศัพท์หาย โทรยืนยันแล้ว"):
        self.client.force_login(by)
        return self.client.post(URL, {"username": person.username, "kind": kind, "reason": reason})

    def test_a_request_changes_nothing_yet_and_tells_the_person(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.request(self.administrator, self.approver)
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        reset = SignInReset.objects.get()
        self.assertEqual(
            (reset.user, reset.requested_by, reset.status),
            (self.approver, self.administrator, SignInReset.Status.PENDING),
        )
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.check_password(PASSWORD))
        self.assertEqual(TOTPDevice.objects.filter(user=self.approver).count(), 1)
        notice = Notice.objects.get(recipient=self.approver)
        self.assertEqual(notice.kind, Notice.Kind.SIGN_IN_RESET)
        self.assertEqual(notice.get_target_url(), reverse("accounts:security"))
        self.assertEqual(mail.outbox[0].to, ["director@example.org"])
        self.assertTrue(
            Entry.objects.filter(
                action="accounts.sign_in_reset_requested", object_id=str(reset.pk)
            ).exists()
        )
        page = self.client.get(URL)
        self.assertContains(page, "ทำโทรศัพท์หาย")
        # The requester cannot decide their own request.
        self.assertNotContains(page, reverse("accounts:sign-in-reset-confirm", args=[reset.pk]))

    def test_neither_the_requester_nor_the_person_confirms(self):
        self.request(self.department_officer, self.second_admin, kind="authenticator")
        reset = SignInReset.objects.get()
        confirm = reverse("accounts:sign-in-reset-confirm", args=[reset.pk])
        for user in (self.department_officer, self.second_admin, self.administrator):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.post(confirm).status_code, 403)
        reset.refresh_from_db()
        self.assertEqual(reset.status, SignInReset.Status.PENDING)

    def test_a_confirmed_reset_sends_a_link_removes_the_authenticator_and_signs_out(self):
        elsewhere = Client()
        elsewhere.force_login(self.approver)
        self.request(self.administrator, self.approver)
        reset = SignInReset.objects.get()
        mail.outbox.clear()
        self.client.force_login(self.department_officer)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("accounts:sign-in-reset-confirm", args=[reset.pk]))
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        reset.refresh_from_db()
        self.assertEqual(reset.status, SignInReset.Status.CONFIRMED)
        self.assertEqual(reset.decided_by, self.department_officer)
        self.approver.refresh_from_db()
        self.assertFalse(self.approver.has_usable_password())
        self.assertFalse(TOTPDevice.objects.filter(user=self.approver).exists())
        self.assertFalse(StaticDevice.objects.filter(user=self.approver).exists())
        self.assertFalse(
            any(
                s.get_decoded().get("_auth_user_id") == str(self.approver.pk)
                for s in Session.objects.all()
            )
        )
        entry = Entry.objects.get(action="accounts.sign_in_reset_confirmed")
        self.assertEqual(entry.changes["password"], ["old", "link sent"])
        self.assertEqual(len(entry.changes["removed_devices"][0]), 2)
        self.assertEqual(entry.changes["sessions_ended"], [None, 1])
        self.assertEqual(Notice.objects.filter(recipient=self.approver).count(), 2)
        # The link went to the person alone; nobody saw a password.
        links = [m for m in mail.outbox if "/accounts/password/set/" in m.body]
        self.assertEqual([m.to for m in links], [["director@example.org"]])
        link = re.search(r"https://saisaat\.example\.org(\S+)", links[0].body).group(1)
        self.assertNotIn(link.split("/")[-2], str(entry.changes))

        self.client.logout()
        form = self.client.get(link, follow=True)
        self.assertContains(form, 'name="new_password1"')
        done = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
        self.assertRedirects(
            done, reverse("accounts:password-reset-complete"), fetch_redirect_response=False
        )
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.check_password(NEW_PASSWORD))
        # The link works once.
        again = self.client.get(link, follow=True)
        self.assertNotContains(again, 'name="new_password1"')

    def test_a_refused_reset_changes_nothing(self):
        self.request(self.administrator, self.approver)
        reset = SignInReset.objects.get()
        self.client.force_login(self.second_admin)
        self.client.post(reverse("accounts:sign-in-reset-refuse", args=[reset.pk]))
        reset.refresh_from_db()
        self.assertEqual(reset.status, SignInReset.Status.REFUSED)
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.check_password(PASSWORD))
        self.assertTrue(TOTPDevice.objects.filter(user=self.approver).exists())
        self.assertEqual(
            self.client.post(
                reverse("accounts:sign-in-reset-confirm", args=[reset.pk])
            ).status_code,
            404,
        )

    def test_an_authenticator_reset_keeps_the_password(self):
        self.request(self.administrator, self.approver, kind=SignInReset.Kind.AUTHENTICATOR)
        resets.confirm_reset(SignInReset.objects.get(), acting_user=self.department_officer)
        self.approver.refresh_from_db()
        self.assertTrue(self.approver.check_password(PASSWORD))
        self.assertFalse(TOTPDevice.objects.filter(user=self.approver).exists())

    def test_bad_requests_are_form_errors(self):
        # No e-mail address for the link; a person outside the requester's offices;
        # oneself; no reason; a second request while one waits.
        self.assertEqual(self.request(self.administrator, self.district_a_officer).status_code, 400)
        self.assertEqual(
            self.request(self.administrator, self.other_province_officer).status_code, 400
        )
        self.assertEqual(
            self.request(self.department_officer, self.department_officer).status_code, 400
        )
        self.assertEqual(
            self.request(self.administrator, self.approver, reason=" ").status_code, 400
        )
        self.request(self.administrator, self.approver)
        self.assertEqual(self.request(self.department_officer, self.approver).status_code, 400)
        self.assertEqual(SignInReset.objects.count(), 1)

    def test_only_administrators_open_the_page(self):
        for user, status in (
            (self.provincial_officer, 403),
            (self.district_b_officer, 403),
            (self.administrator, 200),
            (self.department_officer, 200),
        ):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(URL).status_code, status)

    def test_the_list_costs_the_same_queries_whatever_its_length(self):
        self.request(self.administrator, self.approver)
        self.client.force_login(self.department_officer)
        one = self.count_queries()
        for person in (self.provincial_officer, self.district_a_officer, self.district_b_officer):
            resets.request_reset(
                person, SignInReset.Kind.AUTHENTICATOR, "ลืม", acting_user=self.department_officer
            )
        self.assertEqual(self.count_queries(), one)

    def count_queries(self) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(URL).status_code, 200)
        return len(queries)
