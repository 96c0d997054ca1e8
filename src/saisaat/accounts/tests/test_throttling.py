"""Failed sign-ins lock the account, and the address, for the cool-off time."""

from django.test import override_settings
from django.urls import reverse

from saisaat.testing.base import PASSWORD, PersonaTestCase


@override_settings(
    AXES_FAILURE_LIMIT=5, SAISAAT_LOGIN_FAILURES_PER_ADDRESS=8, SAISAAT_REQUIRE_2FA=False
)
class LoginThrottlingTests(PersonaTestCase):
    load_plan = False

    def sign_in(self, username, password, address="10.0.0.1"):
        return self.client.post(
            reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
        )

    def test_it_locks_the_account_after_five_wrong_passwords_even_for_the_right_one(self):
        for _ in range(4):
            response = self.sign_in("prov-officer", "wrong password")
            self.assertEqual(response.status_code, 200)
        response = self.sign_in("prov-officer", "wrong password")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "15 นาที", status_code=429)

        # The right password from another machine is refused too: the account is locked.
        response = self.sign_in("prov-officer", PASSWORD, address="10.0.0.2")
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("_auth_user_id", self.client.session)

        # Another account on the first machine still signs in.
        response = self.sign_in("district-a", PASSWORD)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)

    def test_it_locks_the_address_that_guesses_across_accounts(self):
        for n in range(8):
            self.sign_in(f"guess-{n}", "wrong password")
        response = self.sign_in("prov-officer", PASSWORD)
        self.assertEqual(response.status_code, 429)
        # The same person from the office's other address is not affected.
        response = self.sign_in("prov-officer", PASSWORD, address="10.0.0.9")
        self.assertEqual(response.status_code, 302)

    def test_it_lets_the_account_in_again_after_the_cool_off(self):
        for _ in range(5):
            self.sign_in("prov-officer", "wrong password")
        self.assertEqual(self.sign_in("prov-officer", PASSWORD).status_code, 429)
        with override_settings(AXES_COOLOFF_TIME=__import__("datetime").timedelta(0)):
            response = self.sign_in("prov-officer", PASSWORD)
        self.assertEqual(response.status_code, 302)


class PasswordPolicyTests(PersonaTestCase):
    load_plan = False

    def test_it_changes_the_password_of_the_signed_in_person(self):
        self.login(self.provincial_officer)
        url = reverse("accounts:password-change")
        self.assertContains(self.client.get(url), "เปลี่ยนรหัสผ่าน")
        response = self.client.post(
            url,
            {
                "old_password": PASSWORD,
                "new_password1": "ขอบฟ้า-ริมโขง-2569",
                "new_password2": "ขอบฟ้า-ริมโขง-2569",
            },
        )
        self.assertRedirects(response, reverse("accounts:password-change-done"))
        self.provincial_officer.refresh_from_db()
        self.assertTrue(self.provincial_officer.check_password("ขอบฟ้า-ริมโขง-2569"))
        # Still signed in after the change.
        self.assertEqual(self.client.get(reverse("accounts:security")).status_code, 200)

    def test_it_refuses_short_and_common_passwords(self):
        self.login(self.provincial_officer)
        url = reverse("accounts:password-change")
        for weak in ("Kh0ng-short", "password1234"):
            response = self.client.post(
                url, {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}
            )
            self.assertEqual(response.status_code, 200, weak)
            self.assertTrue(response.context["form"].errors, weak)
        self.provincial_officer.refresh_from_db()
        self.assertTrue(self.provincial_officer.check_password(PASSWORD))

    def test_it_sends_the_anonymous_citizen_to_the_login_page(self):
        response = self.client.get(reverse("accounts:password-change"))
        self.assertEqual(response.status_code, 302)


def test_minimum_length_is_twelve():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password("Kh0ng-short")  # 11 characters
    except ValidationError as error:
        assert any(e.code == "password_too_short" for e in error.error_list)
    else:
        raise AssertionError("an 11-character password was accepted")
    validate_password("Kh0ng-river-12")
