"""English left on Thai pages: the key pages of several personas, rendered in Thai, show
no run of English words except names and codes that are English in Thai offices too.

The translation-freshness test checks the .po file; this one catches text that never
reached it (a string not marked for translation, a raw code or choice value)."""

import re
from html import unescape

from django.urls import reverse

from saisaat.plans.parsing import read_plan_file
from saisaat.testing.base import PLAN_FILE, PersonaTestCase

# Words that Thai offices write in English: file formats, programme names, units.
ALLOWED = {
    "XLSX", "PDF", "ZIP", "DOCX", "CSV", "MOU", "OSMKH", "No Gift", "ITA", "IIT", "EIT",
    "OIT", "NACC", "LINE", "Facebook", "QR", "URL", "S.D.", "CDD", "e-Learning", "KPI",
    "Excel", "Word",
    "local-government",  # the example code in the help of a new partner type's code
}  # fmt: skip
HIDDEN = re.compile(r"<(script|style|code|template)\b.*?</\1>", re.S | re.I)
ENGLISH = re.compile(r"[A-Za-z][A-Za-z.'’-]*(?:\s+[A-Za-z][A-Za-z.'’-]*)*")


def english_runs(html: str) -> set[str]:
    main = re.search(r"<main\b.*?</main>", html, re.S)
    text = HIDDEN.sub(" ", main.group(0) if main else html)
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    return {run for run in ENGLISH.findall(text) if run not in ALLOWED and len(run) > 1}


def plan_words() -> set[str]:
    """The plan's own text writes some names in English ("No Gift Policy", "BPM"): data,
    shown as the province wrote it."""
    text = read_plan_file(PLAN_FILE)
    return {word for run in ENGLISH.findall(text) for word in run.split()}


class ThaiPagesTests(PersonaTestCase):
    publish_plan = True

    def pages(self):
        plan = self.plan.pk
        return {
            "approver": [
                reverse("home"),
                reverse("plans:plan-list"),
                reverse("plans:plan-detail", args=[plan]),
                reverse("indicators:unit", args=["43"]),
                reverse("participation:overview", args=["43"]),
                reverse("tracking:province-dashboard", args=["43"]),
                reverse("tracking:province-missing", args=["43"]),
                reverse("tracking:unit-detail", args=["4301"]),
                reverse("budget:overview", args=["43"]),
                reverse("documents:memo-list"),
            ],
            "district_a_officer": [
                reverse("home"),
                reverse("tracking:unit-detail", args=["4301"]),
                reverse("indicators:unit", args=["4301"]),
                reverse("participation:overview", args=["4301"]),
            ],
            "department_officer": [
                reverse("tracking:department"),
                reverse("indicators:unit", args=[self.department.code]),
                reverse("participation:overview", args=[self.department.code]),
                reverse("documents:memo-list") + "?unit=43",
                reverse("participation:partner-types"),
            ],
        }

    def test_no_english_is_left_on_the_thai_pages(self):
        data = plan_words()
        for persona, urls in self.pages().items():
            user = getattr(self, persona)
            self.login(user)
            # The test personas' names are their logins.
            names = data | {user.username, user.get_full_name()}
            for url in urls:
                with self.subTest(persona=persona, url=url):
                    page = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
                    self.assertEqual(page.status_code, 200)
                    left = {
                        run
                        for run in english_runs(page.content.decode())
                        if not set(run.split()) <= names and run not in names
                    }
                    self.assertEqual(left, set())

    def test_it_catches_english(self):
        html = "<main><p>ปีงบประมาณ Value <code>x_y</code> · XLSX</p></main>"
        self.assertEqual(english_runs(html), {"Value"})
