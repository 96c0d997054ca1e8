"""The one error summary: every form that can come back with errors starts with it (the
error_summary tag), and each of its links leads to a field of the page."""

import re
from pathlib import Path

from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from saisaat.testing.base import PersonaTestCase

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')
POST_FORM = re.compile(r"<form[^>]*method=\"post\"", re.IGNORECASE)
# A form that shows what is wrong with its fields or with itself.
SHOWS_ERRORS = re.compile(r"\.errors\b|non_field_errors|non_form_errors")


class Choices(forms.Form):
    name = forms.CharField(label="ชื่อ")
    kind = forms.ChoiceField(
        label="ประเภท", choices=[("a", "ก"), ("b", "ข")], widget=forms.RadioSelect
    )
    virtues = forms.MultipleChoiceField(
        label="คุณธรรม", choices=[("a", "ก")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("ทั้งแบบฟอร์มผิด")


def render(text: str, **context) -> str:
    with translation.override("th"):
        return Template("{% load display %}" + text).render(Context(context))


class ErrorSummaryTagTests(SimpleTestCase):
    def test_it_links_every_kind_of_field_to_an_element_of_the_form(self):
        form = Choices({})
        html = render("{% error_summary form %}{{ form.as_div }}", form=form)
        summary = html[: html.index("</div>")]
        self.assertIn("ยังไม่ได้บันทึก", summary)
        self.assertIn("ทั้งแบบฟอร์มผิด", summary)
        self.assertIn('<a href="#id_name">ชื่อ</a>', summary)
        # A group of choices has no single input: the link leads to its first choice.
        self.assertIn('<a href="#id_kind_0">ประเภท</a>', summary)
        self.assertIn('<a href="#id_virtues_0">คุณธรรม</a>', summary)
        for anchor in re.findall(r'href="#([^"]+)"', summary):
            self.assertIn(f'id="{anchor}"', html)
        # A hidden field's error is the form's: listed, with no link to nowhere.
        self.assertIn("token", form.errors)
        self.assertNotIn('href="#id_token"', summary)
        self.assertEqual(summary.count("<li>"), 5)

    def test_it_lists_a_formsets_errors_and_its_forms(self):
        formset_class = forms.formset_factory(Choices, min_num=1, validate_min=True)
        formset = formset_class({"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"})
        html = render("{% error_summary formset %}", formset=formset)
        self.assertIn('<a href="#id_form-0-name">', html)
        self.assertIn("ทั้งแบบฟอร์มผิด", html)

    def test_a_form_not_sent_or_valid_or_missing_adds_nothing(self):
        self.assertNotIn("error-summary", render("{% error_summary form %}", form=Choices()))
        self.assertNotIn("error-summary", render("{% error_summary form other %}", form=None))

    def test_an_include_with_a_form_in_the_context_gives_the_same_summary(self):
        form = Choices({})
        included = render('{% include "_error_summary.html" %}', form=form)
        self.assertEqual(included.strip(), render("{% error_summary form %}", form=form).strip())
        self.assertIn('<a href="#id_kind_0">', included)

    def test_a_sign_in_form_is_not_saved_but_not_signed_in(self):
        html = render('{% error_summary form heading="signin" %}', form=Choices({}))
        self.assertIn("ยังไม่ได้เข้าสู่ระบบ", html)
        self.assertNotIn("ยังไม่ได้บันทึก", html)


def _with_includes(path: Path, seen: set[Path]) -> str:
    """A template's text with the text of every template it includes by name."""
    if path in seen or not path.exists():
        return ""
    seen.add(path)
    text = path.read_text(encoding="utf-8")
    return text + "".join(_with_includes(TEMPLATES / name, seen) for name in INCLUDE.findall(text))


class EveryFormHasTheSummaryTests(SimpleTestCase):
    def test_every_form_that_shows_errors_starts_with_the_summary(self):
        missing = []
        for path in sorted(TEMPLATES.rglob("*.html")):
            text = _with_includes(path, set())
            if POST_FORM.search(text) and SHOWS_ERRORS.search(text):
                # The budget grid has its own summary of the cells it could not read.
                if "{% error_summary" not in text and "error-summary" not in text:
                    missing.append(str(path.relative_to(TEMPLATES)))
        self.assertEqual(missing, [])

    def test_no_form_shows_its_form_wide_errors_apart_from_the_summary(self):
        apart = [
            str(path.relative_to(TEMPLATES))
            for path in TEMPLATES.rglob("*.html")
            if re.search(r"non_field_errors|non_form_errors", path.read_text(encoding="utf-8"))
        ]
        self.assertEqual(apart, [])


class SummaryOnRealFormsTests(PersonaTestCase):
    """Forms of several apps sent with nothing filled in: each comes back with the summary
    first, and each of its links leads to a field of the page that says it is invalid."""

    load_plan = False

    def assert_summary_leads_to_fields(self, response, expected_anchors: int):
        html = response.content.decode()
        self.assertIn("error-summary", html)
        start = html.index("error-summary")
        summary = html[start : html.index("</div>", start)]
        anchors = re.findall(r'href="#([^"]+)"', summary)
        self.assertGreaterEqual(len(anchors), expected_anchors, summary)
        for anchor in anchors:
            self.assertRegex(html, rf'<(input|select|textarea)[^>]*id="{re.escape(anchor)}"')
            # The summary comes first, before the fields it lists.
            self.assertLess(start, html.index(f'id="{anchor}"'))

    def test_the_public_complaint_form(self):
        response = self.client.post(reverse("complaints:new"), {"description": ""})
        self.assert_summary_leads_to_fields(response, 2)

    def test_a_new_survey(self):
        self.client.force_login(self.approver)
        response = self.client.post(reverse("surveys:survey-create"), {"title": ""})
        self.assert_summary_leads_to_fields(response, 1)

    def test_a_budget_line(self):
        self.client.force_login(self.approver)
        response = self.client.post(reverse("budget:line-add", args=["43"]), {"name": ""})
        self.assert_summary_leads_to_fields(response, 1)

    def test_signing_in_with_a_wrong_password(self):
        response = self.client.post(
            reverse("login"), {"username": self.approver.username, "password": "wrong"}
        )
        html = response.content.decode()
        self.assertIn("error-summary", html)
        self.assertIn("ยังไม่ได้เข้าสู่ระบบ", html)
