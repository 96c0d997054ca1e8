"""Oversized and malformed requests: refused with the app's Thai page and the proper
status (413, 400), before the body is read."""

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation


class RequestLimitTests(TestCase):
    def setUp(self):
        translation.activate("th")

    @override_settings(SAISAAT_MAX_REQUEST_BYTES=1024 * 1024)
    def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(self):
        response = self.client.post(
            reverse("complaints:new"), {"description": "ก" * 100}, CONTENT_LENGTH=str(2**40)
        )
        self.assertEqual(response.status_code, 413)
        self.assertEqual(response["Connection"], "close")
        self.assertTemplateUsed(response, "413.html")
        self.assertContains(response, "ไม่เกิน 1 MB", status_code=413)

    @override_settings(SAISAAT_MAX_REQUEST_BYTES=1024 * 1024)
    def test_a_body_within_the_limit_goes_through(self):
        response = self.client.post(reverse("login"), {"username": "x", "password": "y"})
        self.assertEqual(response.status_code, 200)

    def test_a_malformed_length_is_a_400(self):
        response = self.client.post(reverse("login"), {"username": "x"}, CONTENT_LENGTH="๑๒")
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "400.html")

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
    def test_form_fields_larger_than_the_form_limit_are_a_thai_400(self):
        response = self.client.post(reverse("login"), {"username": "ก" * 5000, "password": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "400.html")
        self.assertContains(response, "ไม่ได้บันทึก", status_code=400)

    def test_a_null_character_in_a_query_string_is_a_400(self):
        response = self.client.get(reverse("login") + "?next=ab%00cd")
        self.assertEqual(response.status_code, 400)
        self.assertTemplateUsed(response, "400.html")
