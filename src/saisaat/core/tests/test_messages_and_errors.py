"""Messages look different by level; a form shown again with errors summarises them with
links to the fields; a document handed out changes the download cookie."""

import re

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import translation

from saisaat.core.downloads import DOWNLOAD_COOKIE, download_response
from saisaat.tracking.forms import EvidenceForm


class MessageLevelTests(SimpleTestCase):
    def render(self, level, text="ข้อความ"):
        with translation.override("th"):
            return render_to_string("_messages.html", {"messages": [Message(level, text)]})

    def test_each_level_has_its_own_class_word_and_sign(self):
        expected = {
            constants.SUCCESS: ("message-success", "status", "สำเร็จ", "✓"),
            constants.INFO: ("message-info", "status", "แจ้งให้ทราบ", "i"),
            constants.WARNING: ("message-warning", "alert", "โปรดทราบ", "!"),
            constants.ERROR: ("message-error", "alert", "ไม่สำเร็จ", "✕"),
        }
        seen = set()
        for level, (css_class, role, word, sign) in expected.items():
            html = self.render(level)
            article = re.search(r'<article class="message ([^"]+)" role="([^"]+)">', html)
            self.assertEqual(article.groups(), (css_class, role))
            self.assertIn(word, html)
            self.assertIn(f'<span aria-hidden="true">{sign}</span>', html)
            seen.add(re.sub(r"\s+", " ", html))
        self.assertEqual(len(seen), 4)

    def test_the_styles_differ_and_keep_their_contrast(self):
        from pathlib import Path

        css = (Path(__file__).resolve().parents[2] / "static/saisaat/css/saisaat.css").read_text()
        colours = {}
        for level in ("success", "info", "warning", "error"):
            colour = r"(#\w+)"
            rule = re.search(
                rf"\.message-{level} \{{ background: {colour}; border-color: {colour}; "
                rf"color: {colour}; \}}",
                css,
            )
            background, border, text = rule.groups()
            self.assertGreaterEqual(contrast(text, background), 4.5, level)
            colours[level] = (background, border)
        self.assertEqual(len(set(colours.values())), 4)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class ErrorSummaryTests(SimpleTestCase):
    def test_it_links_each_invalid_field_and_lists_form_errors(self):
        form = EvidenceForm({"effective_date": "ไม่ใช่วันที่", "url": "no url"}, requirements=[])
        self.assertFalse(form.is_valid())
        form.add_error(None, "ไฟล์นี้เป็นโปรแกรม")
        with translation.override("th"):
            html = render_to_string("tracking/_evidence_fields.html", {"form": form})
        summary = html[html.index("error-summary") : html.index("</div>")]
        self.assertIn("ไฟล์นี้เป็นโปรแกรม", summary)
        self.assertIn('<a href="#id_effective_date">', summary)
        self.assertIn('<a href="#id_url">', summary)
        # The links lead somewhere: the fields carry those ids and say they are invalid.
        self.assertRegex(
            html,
            r'<input[^>]*id="id_effective_date"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*id="id_effective_date"',
        )
        self.assertIn('id="id_url" aria-invalid="true"', html)

    def test_a_valid_form_has_no_summary(self):
        form = EvidenceForm(requirements=[])
        html = render_to_string("tracking/_evidence_fields.html", {"form": form})
        self.assertNotIn("error-summary", html)
        self.assertNotIn("aria-invalid", html)


class DownloadCookieTests(SimpleTestCase):
    def test_every_document_handed_out_changes_the_cookie_the_page_watches(self):
        first = download_response(b"x", filename="a.xlsx", content_type="application/zip")
        second = download_response(b"x", filename="a.xlsx", content_type="application/zip")
        one, two = first.cookies[DOWNLOAD_COOKIE], second.cookies[DOWNLOAD_COOKIE]
        self.assertNotEqual(one.value, two.value)
        # The page's script reads it; it carries nothing but a time.
        self.assertEqual(one["httponly"], "")
        self.assertTrue(one.value.isdigit())


class ServerErrorPageTests(SimpleTestCase):
    def test_it_answers_a_server_error_in_thai_with_a_way_back(self):
        from django.test import RequestFactory
        from django.views.defaults import server_error

        # Django renders 500.html without a request or context: the page must stand alone.
        with translation.override("th"):
            response = server_error(RequestFactory().get("/"))
        html = response.content.decode()
        self.assertEqual(response.status_code, 500)
        self.assertIn("<h1>ระบบขัดข้อง</h1>", html)
        self.assertIn('<a href="/">กลับไปที่งานของฉัน</a>', html)
        self.assertIn('name="viewport"', html)
        self.assertNotIn("Server Error", html)
