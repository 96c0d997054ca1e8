"""Two-step sign-in: who must enrol, enrolment, the code after the password, recovery codes."""

import time

from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.accounts.policy import LAST_SEEN, SECOND_FACTOR_STEP, SIGNED_IN_AT
from saisaat.complaints.models import ComplaintOfficer
from saisaat.testing.base import PASSWORD, PersonaTestCase, make_user


def code_for(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits, drift=drift):06d}"


@override_settings(SAISAAT_REQUIRE_2FA=True)
class SecondFactorTests(PersonaTestCase):
    load_plan = False

    def sign_in(self, user):
        response = self.client.post(
            reverse("login"), {"username": user.username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        return response

    def enrol(self, user) -> list[str]:
        self.sign_in(user)
        self.assertEqual(self.client.get(reverse("accounts:two-factor-setup")).status_code, 200)
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = self.client.post(
            reverse("accounts:two-factor-setup"), {"code": code_for(device)}
        )
        self.assertEqual(response.status_code, 200)
        self.client.logout()
        return response.context["codes"]

    def test_it_sends_the_approver_to_enrolment_before_any_page(self):
        self.sign_in(self.approver)
        response = self.client.get(reverse("tracking:my-work"))
        self.assertRedirects(
            response,
            reverse("accounts:two-factor-setup") + "?next=%2Fwork%2F",
            fetch_redirect_response=False,
        )
        setup = self.client.get(response["Location"])
        self.assertContains(setup, "<svg")

    def test_it_requires_it_of_administrators_and_complaint_officers_not_officers(self):
        officer = make_user("complaint-officer", self.district_a)
        ComplaintOfficer.objects.create(unit=self.district_a, user=officer, status="confirmed")
        for user, required in (
            (self.administrator, True),
            (self.department_officer, True),
            (officer, True),
            (self.provincial_officer, False),
            (self.district_b_officer, False),
        ):
            self.client.logout()
            self.sign_in(user)
            status = self.client.get(reverse("tracking:my-work")).status_code
            self.assertEqual(status, 302 if required else 200, user.username)

    def test_it_enrols_with_a_code_and_asks_for_one_at_each_sign_in(self):
        codes = self.enrol(self.approver)
        self.assertEqual(len(codes), 10)
        device = TOTPDevice.objects.get(user=self.approver, confirmed=True)

        self.sign_in(self.approver)
        response = self.client.get(reverse("tracking:my-work"))
        self.assertRedirects(
            response,
            reverse("accounts:two-factor-verify") + "?next=%2Fwork%2F",
            fetch_redirect_response=False,
        )
        wrong = self.client.post(reverse("accounts:two-factor-verify"), {"code": "000000"})
        self.assertEqual(wrong.status_code, 400)
        device.refresh_from_db()
        device.throttling_failure_count = 0
        device.throttling_failure_timestamp = None
        device.save()
        # The enrolment used this time step's code: the next one is accepted.
        response = self.client.post(
            reverse("accounts:two-factor-verify"),
            {"code": code_for(device, drift=1), "next": "/work/"},
        )
        self.assertRedirects(response, "/work/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/work/").status_code, 200)

    def test_a_recovery_code_signs_in_once(self):
        codes = self.enrol(self.approver)
        self.sign_in(self.approver)
        response = self.client.post(reverse("accounts:two-factor-verify"), {"code": codes[0]})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/work/").status_code, 200)
        self.assertFalse(StaticToken.objects.filter(token=codes[0]).exists())

        self.client.logout()
        self.sign_in(self.approver)
        response = self.client.post(reverse("accounts:two-factor-verify"), {"code": codes[0]})
        self.assertEqual(response.status_code, 400)

    def test_a_password_alone_cannot_enrol_a_new_phone(self):
        self.enrol(self.approver)
        self.sign_in(self.approver)
        response = self.client.get(reverse("accounts:two-factor-setup"))
        self.assertRedirects(
            response, reverse("accounts:two-factor-verify"), fetch_redirect_response=False
        )
        self.assertEqual(TOTPDevice.objects.filter(user=self.approver).count(), 1)

    def test_it_asks_an_enrolled_officer_for_a_code_even_where_not_required(self):
        self.enrol(self.provincial_officer)
        self.sign_in(self.provincial_officer)
        self.assertEqual(self.client.get("/work/").status_code, 302)

    def test_htmx_requests_are_told_to_go_to_the_code_page(self):
        self.sign_in(self.approver)
        response = self.client.get("/work/", headers={"HX-Request": "true"})
        self.assertTrue(response["HX-Redirect"].startswith(reverse("accounts:two-factor-setup")))

    def test_new_recovery_codes_need_a_verified_session(self):
        self.enrol(self.approver)
        self.sign_in(self.approver)
        self.assertEqual(
            self.client.post(reverse("accounts:recovery-codes")).status_code, 302
        )  # sent to the code page first


@override_settings(SAISAAT_SESSION_IDLE_MINUTES=30, SAISAAT_SESSION_MAX_HOURS=10)
class SessionLimitTests(PersonaTestCase):
    load_plan = False

    def age_session(self, **seconds_ago):
        session = self.client.session
        now = int(time.time())
        for key, ago in seconds_ago.items():
            session[key] = now - ago
        session.save()

    def test_it_signs_out_after_thirty_idle_minutes(self):
        self.login(self.provincial_officer)
        self.age_session(**{LAST_SEEN: 29 * 60})
        self.assertEqual(self.client.get("/work/").status_code, 200)
        self.age_session(**{LAST_SEEN: 31 * 60})
        response = self.client.get("/work/")
        self.assertRedirects(
            response, reverse("login") + "?next=/work/", fetch_redirect_response=False
        )
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_signs_out_after_the_absolute_limit_however_active(self):
        self.login(self.provincial_officer)
        self.age_session(**{SIGNED_IN_AT: 10 * 3600 + 1, LAST_SEEN: 5})
        response = self.client.get("/work/")
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_it_keeps_an_active_session(self):
        self.login(self.provincial_officer)
        self.age_session(**{LAST_SEEN: 120})
        self.assertEqual(self.client.get("/work/").status_code, 200)
        self.assertLess(int(time.time()) - self.client.session[LAST_SEEN], 5)


@override_settings(SAISAAT_REQUIRE_2FA=True)
class SessionWithoutARecordedStepTests(PersonaTestCase):
    load_plan = False

    def test_a_session_that_never_recorded_its_step_is_asked_for_one(self):
        """A session signed in before the rule (no step recorded) is not let through: the
        middleware works the step out and sends the approver to enrolment."""
        self.client.force_login(self.approver)
        session = self.client.session
        del session[SECOND_FACTOR_STEP]
        session.save()
        response = self.client.get(reverse("tracking:my-work"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("accounts:two-factor-setup")))

    def test_an_officer_without_a_recorded_step_goes_on(self):
        self.client.force_login(self.provincial_officer)
        session = self.client.session
        del session[SECOND_FACTOR_STEP]
        session.save()
        self.assertEqual(self.client.get(reverse("tracking:my-work")).status_code, 200)
