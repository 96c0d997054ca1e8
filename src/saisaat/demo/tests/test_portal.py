import csv
import io

from django.core.management import call_command
from django.urls import reverse

from saisaat.demo.partners import seed_partners_demo
from saisaat.demo.portal import seed_portal_demo
from saisaat.demo.surveys import seed_surveys_demo
from saisaat.testing.base import PersonaTestCase


class PortalDemoTests(PersonaTestCase):
    load_plan = False

    def checklist(self, code="43"):
        out = io.StringIO()
        call_command("oit_checklist", "--unit", code, "--year", "2566", stdout=out)
        return list(csv.DictReader(io.StringIO(out.getvalue())))

    def test_every_oit_item_of_the_demo_province_resolves_to_a_public_page(self):
        self.assertEqual(seed_portal_demo(self.province, 2566)["announcements"], 1)
        # The items drawn from records (survey results, activities with partners) are
        # answered by the survey and partner parts of the demo, and missing without them.
        missing = {row["code"] for row in self.checklist() if row["status"] == "missing"}
        self.assertEqual(missing, {"O15", "O28"})
        seed_surveys_demo(self.province, 2566)
        seed_partners_demo(self.province, 2566)
        rows = self.checklist()
        self.assertEqual(len(rows), 33)
        self.assertEqual({row["status"] for row in rows}, {"published"})
        for row in rows:
            with self.subTest(code=row["code"]):
                self.assertEqual(self.client.get(row["url"]).status_code, 200)
        for kind in ("oia-section-7", "oia-section-9"):
            response = self.client.get(reverse("portal:page", args=["43", kind]))
            self.assertContains(response, "พ.ร.บ.ข้อมูลข่าวสารของราชการ")
        # A district office has written nothing: its page items are missing.
        self.assertIn("missing", {row["status"] for row in self.checklist("4301")})

    def test_it_can_run_again_without_changing_anything(self):
        seed_portal_demo(self.province, 2566)
        self.assertEqual(seed_portal_demo(self.province, 2566), {"pages": 0, "announcements": 0})
