from django.test import SimpleTestCase

from saisaat.portal.text import render_body


class RenderBodyTests(SimpleTestCase):
    def test_it_escapes_what_was_typed(self):
        html = render_body('<script>alert("x")</script>\n<b>ตัวหนา</b>')
        self.assertNotIn("<script>", html)
        self.assertNotIn("<b>", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertIn("<br>", html)

    def test_it_draws_paragraphs_lists_headings_and_links(self):
        html = render_body(
            "## ช่องทางติดต่อ\nโทร 0 4241 1234\n\n- เว็บไซต์ https://nongkhai.cdd.go.th\n- ไลน์"
        )
        self.assertIn("<h2>ช่องทางติดต่อ</h2>", html)
        self.assertIn("<p>โทร 0 4241 1234</p>", html)
        self.assertIn('<ul><li>เว็บไซต์ <a href="https://nongkhai.cdd.go.th"', html)
        self.assertIn("<li>ไลน์</li>", html)

    def test_it_does_not_let_a_link_carry_markup(self):
        html = render_body('https://example.org/"><img src=x onerror=alert(1)>')
        self.assertNotIn("<img", html)
