import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.urls import reverse

from saisaat.budget import services as budget_services
from saisaat.participation.models import JointActivity
from saisaat.portal import oit, services
from saisaat.portal.models import OitItem, PortalPage, PublicTarget
from saisaat.testing.base import PersonaTestCase

BANGKOK = ZoneInfo("Asia/Bangkok")


class OitChecklistTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        head = cls.approver
        for kind in ("powers-and-duties", "contact", "laws"):
            page = services.save_page(cls.province, kind, title=kind, body="", acting_user=head)
            services.publish_page(page, acting_user=head)
        # Last brought up to date before fiscal year 2566 began (1 October 2565).
        PortalPage.objects.filter(unit=cls.province, kind="laws").update(
            updated_at=datetime(2022, 9, 30, 12, tzinfo=BANGKOK)
        )
        services.save_page(cls.province, "manuals", title="ร่าง", body="", acting_user=head)

    def export(self, *args):
        out = io.StringIO()
        call_command("oit_checklist", *args, stdout=out)
        return list(csv.DictReader(io.StringIO(out.getvalue())))

    def test_it_ships_the_ita_2566_items(self):
        codes = list(OitItem.objects.filter(fiscal_year=2566).values_list("code", flat=True))
        self.assertEqual(codes, [f"O{n}" for n in range(1, 34)])

    def test_it_writes_the_shipped_items_again_only_when_none_are_left(self):
        from saisaat.portal.oit import ensure_items

        self.assertEqual(ensure_items(2566), 0)
        OitItem.objects.filter(code="O7").update(title="แก้ไขแล้ว")
        self.assertEqual(ensure_items(2566), 0)
        OitItem.objects.all().delete()
        self.assertEqual(ensure_items(2566), 33)
        self.assertEqual(OitItem.objects.get(fiscal_year=2566, code="O7").title, "Q&A")
        self.assertEqual(ensure_items(2599), 0)

    def test_it_prints_one_row_per_item_with_the_header_the_assessor_asks_for(self):
        out = io.StringIO()
        call_command("oit_checklist", "--unit", "43", "--year", "2566", stdout=out)
        self.assertEqual(out.getvalue().splitlines()[0], "code,title,url,status,updated")
        rows = self.export("--unit", "43", "--year", "2566", "--format", "csv")
        self.assertEqual(len(rows), 33)
        by_code = {row["code"]: row for row in rows}
        self.assertEqual(by_code["O3"]["status"], "published")
        self.assertEqual(by_code["O3"]["url"], "/portal/43/pages/powers-and-duties/")
        self.assertEqual(by_code["O5"]["status"], "stale")
        self.assertEqual(by_code["O5"]["updated"], "2022-09-30")
        # A draft does not count; nor does a page never written.
        self.assertEqual(by_code["O12"]["status"], "missing")
        self.assertEqual(by_code["O12"]["url"], "")
        self.assertEqual(by_code["O7"]["status"], "missing")
        # No announcement issued: the news item is missing too.
        self.assertEqual(by_code["O6"]["status"], "missing")
        # Pages drawn from live records are always there.
        self.assertEqual(by_code["O1"]["status"], "published")
        self.assertEqual(by_code["O26"]["url"], "/complaints/statistics/43/?year=2566")

    def test_every_published_url_answers_an_anonymous_visitor(self):
        for unit in ("43", "4301"):
            rows = self.export("--unit", unit, "--year", "2566")
            published = [row for row in rows if row["status"] == "published"]
            self.assertGreaterEqual(len(published), 4 if unit == "43" else 3)
            for row in published:
                with self.subTest(unit=unit, code=row["code"]):
                    self.assertEqual(self.client.get(row["url"]).status_code, 200)

    def test_it_prefixes_the_base_url_when_given(self):
        rows = self.export("--unit", "43", "--year", "2566", "--base-url", "https://x.go.th/")
        self.assertEqual(rows[0]["url"], "https://x.go.th/portal/43/")

    def test_it_refuses_an_unknown_office_or_year_in_thai(self):
        with self.assertRaisesMessage(CommandError, "ไม่พบหน่วยงานรหัส 99"):
            self.export("--unit", "99", "--year", "2566")
        with self.assertRaisesMessage(CommandError, "ไม่มีรายการ OIT ของปีงบประมาณ 2567"):
            self.export("--unit", "43", "--year", "2567")

    def test_the_checklist_page_shows_each_items_status(self):
        response = self.client.get(reverse("portal:oit", args=["43"]), {"year": "2566"})
        self.assertEqual(response.status_code, 200)
        statuses = {row.item.code: row.status for row in response.context["rows"]}
        self.assertEqual(
            (statuses["O3"], statuses["O5"], statuses["O12"]), ("published", "stale", "missing")
        )
        self.assertContains(response, 'href="/portal/43/pages/powers-and-duties/"')


class OitRecordsAgreeWithThePageTests(PersonaTestCase):
    """An item answered by a page drawn from records asks the page's own queryset."""

    load_plan = False

    def partners_row(self, unit="43"):
        out = io.StringIO()
        call_command("oit_checklist", "--unit", unit, "--year", "2566", stdout=out)
        rows = csv.DictReader(io.StringIO(out.getvalue()))
        return next(row for row in rows if row["code"] == "O28")

    def test_partners_count_only_the_offices_activities_of_the_year_the_page_lists(self):
        JointActivity.objects.create(
            unit=self.district_a, fiscal_year=2566, title="อื่น", held_on=date(2023, 1, 5)
        )
        JointActivity.objects.create(
            unit=self.province, fiscal_year=2565, title="ปีก่อน", held_on=date(2022, 1, 5)
        )
        self.assertEqual(self.partners_row()["status"], "missing")
        page = self.client.get(reverse("portal:partners", args=["43"]) + "?year=2566")
        self.assertEqual(list(page.context["activities"]), [])

        mine = JointActivity.objects.create(
            unit=self.province, fiscal_year=2566, title="ของเรา", held_on=date(2023, 1, 5)
        )
        row = self.partners_row()
        self.assertEqual(
            (row["status"], row["url"]), ("published", "/portal/43/partners/?year=2566")
        )
        self.assertEqual(list(self.client.get(row["url"]).context["activities"]), [mine])

    def test_a_budget_item_counts_only_the_offices_lines_of_the_year(self):
        # No shipped item asks for the budget page, but an administrator may point one at it.
        OitItem.objects.create(
            fiscal_year=2566, number=99, code="OB", title="แผนการใช้จ่าย", target=PublicTarget.BUDGET
        )

        def status():
            rows = oit.checklist(self.province, 2566)
            return next(row.status for row in rows if row.item.code == "OB")

        def line(unit, year):
            budget_services.create_line(
                unit, year, name="ค่าวัสดุ", acting_user=None, planned=[Decimal("100")] * 12
            )

        line(self.district_a, 2566)  # another office's
        line(self.province, 2565)  # another year's
        self.assertEqual(status(), oit.MISSING)
        line(self.province, 2566)
        self.assertEqual(status(), oit.PUBLISHED)
