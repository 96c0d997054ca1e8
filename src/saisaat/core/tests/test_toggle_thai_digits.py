from django.urls import reverse

from saisaat.testing.base import PersonaTestCase


class ToggleThaiDigitsTests(PersonaTestCase):
    load_plan = False
    url = reverse("toggle-thai-digits")

    def test_it_switches_the_session_to_thai_digits_and_back(self):
        self.login(self.district_a_officer)
        response = self.client.post(self.url, {"next": "/plans/"})
        self.assertRedirects(response, "/plans/", fetch_redirect_response=False)
        self.assertTrue(self.client.session["thai_digits"])
        self.client.post(self.url, {"next": "/plans/"})
        self.assertFalse(self.client.session["thai_digits"])

    def test_it_works_for_the_anonymous_citizen_too(self):
        self.client.post(self.url)
        self.assertTrue(self.client.session["thai_digits"])

    def test_it_never_redirects_off_site(self):
        response = self.client.post(self.url, {"next": "https://evil.example/"})
        self.assertEqual(response["Location"], "/")

    def test_it_refuses_get(self):
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_a_next_that_is_not_a_path_on_this_site_goes_home(self):
        for target in ("tracking:my-work", "9" * 400, "ab\x00cd", "//evil.example", "https://e.x/"):
            with self.subTest(target=target):
                response = self.client.post(self.url, {"next": target})
                self.assertRedirects(response, "/", fetch_redirect_response=False)
