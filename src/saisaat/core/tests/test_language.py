from django.conf import settings
from django.urls import reverse

from saisaat.testing.base import PersonaTestCase


class ChosenLanguageTests(PersonaTestCase):
    """Thai whatever the browser asks; English only when the user chose it."""

    load_plan = False

    def test_a_browser_asking_for_english_gets_thai(self):
        self.login(self.provincial_officer)
        page = self.client.get(reverse("plans:plan-list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, '<html lang="th"')
        self.assertEqual(page["Content-Language"], "th")

    def test_choosing_english_gives_english_and_choosing_thai_gives_thai_back(self):
        self.login(self.provincial_officer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = self.client.get(reverse("plans:plan-list"), HTTP_ACCEPT_LANGUAGE="th")
        self.assertContains(page, '<html lang="en"')
        self.client.post(reverse("set_language"), {"language": "th", "next": "/"})
        page = self.client.get(reverse("plans:plan-list"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, '<html lang="th"')

    def test_an_unknown_language_in_the_cookie_gives_thai(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        page = self.client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, '<html lang="th"')

    def test_a_refused_form_gets_a_thai_page_back_into_the_app(self):
        client = self.client_class(enforce_csrf_checks=True)
        client.force_login(self.provincial_officer)
        page = client.post(reverse("toggle-thai-digits"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(page.status_code, 403)
        self.assertContains(page, "แบบฟอร์มหมดอายุแล้ว", status_code=403)
        self.assertContains(page, f'href="{reverse("home")}"', status_code=403)
        self.assertNotContains(page, "Forbidden", status_code=403)
