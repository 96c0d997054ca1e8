"""Adding and editing budget lines and entering disbursements through the pages."""

from decimal import Decimal

from django.urls import reverse

from saisaat.audit.models import Entry
from saisaat.budget import services
from saisaat.budget.forms import BudgetLineForm
from saisaat.budget.models import BudgetLine
from saisaat.budget.tests.helpers import InEnglish, make_line
from saisaat.plans.models import Activity
from saisaat.testing.base import PersonaTestCase


class LineFormTests(InEnglish, PersonaTestCase):
    load_plan = True

    def url(self):
        return reverse("budget:line-add", args=["43"]) + "?year=2566"

    def post(self, **data):
        self.login(self.approver)
        base = {"number": 1, "name": "โครงการส่งเสริมคุณธรรม", "source": "operating"}
        return self.client.post(self.url(), {**base, **data})

    def test_it_adds_a_line_with_amounts_typed_the_thai_way(self):
        activity = self.plan.dimensions.first().measures.first().activities.first()
        response = self.post(
            planned_1="1,234.50",
            planned_2="๒,๐๐๐.๒๕",
            planned_12="0.01",
            activity=activity.pk,
            work_group=self.groups["promotion"].pk,
        )
        line = BudgetLine.objects.get(name="โครงการส่งเสริมคุณธรรม")
        self.assertRedirects(response, line.get_absolute_url())
        planned = {m.month: m.planned for m in line.months.all()}
        self.assertEqual(len(planned), 12)
        self.assertEqual(planned[1], Decimal("1234.50"))
        self.assertEqual(planned[2], Decimal("2000.25"))
        self.assertEqual(planned[12], Decimal("0.01"))
        self.assertEqual(planned[5], Decimal("0.00"))
        self.assertEqual(
            (line.unit, line.fiscal_year, line.activity), (self.province, 2566, activity)
        )
        self.assertEqual(Entry.objects.for_object(line).get().actor, self.approver)

    def test_it_refuses_three_decimals_and_keeps_what_was_typed(self):
        response = self.post(planned_1="100.125", planned_2="-5", planned_3="abc")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Use at most two decimal places (satang).", status_code=400)
        self.assertContains(response, "The amount cannot be negative.", status_code=400)
        self.assertContains(response, "Enter an amount such as 1,234.50.", status_code=400)
        self.assertContains(response, 'value="100.125"', status_code=400)
        self.assertContains(response, 'value="abc"', status_code=400)
        self.assertFalse(BudgetLine.objects.exists())

    def test_it_refuses_a_second_line_with_the_same_name(self):
        make_line(self.province, "โครงการส่งเสริมคุณธรรม", Decimal("1.00"))
        response = self.post(number=2)
        self.assertContains(response, "already has a line with this name", status_code=400)

    def test_it_offers_only_activities_of_the_units_own_plan_year(self):
        self.login(self.approver)
        response = self.client.get(reverse("budget:line-add", args=["43"]) + "?year=2567")
        self.assertEqual(list(response.context["form"].fields["activity"].queryset), [])

    def test_it_offers_no_activity_another_unit_added_for_itself(self):
        shared = self.plan.dimensions.first().measures.first().activities.first()

        def added_by(unit):
            return Activity.objects.create(
                measure=shared.measure,
                position=90,
                text=f"กิจกรรมเพิ่มเติมของ {unit.code}",
                period_text=shared.period_text,
                period_start=shared.period_start,
                period_end=shared.period_end,
                implementing_text=shared.implementing_text,
                for_provincial_office=True,
                for_district_offices=True,
                added_by_unit=unit,
            )

        own, district_b = added_by(self.province), added_by(self.district_b)
        self.login(self.approver)
        offered = self.client.get(self.url()).context["form"].fields["activity"].queryset
        self.assertIn(shared, offered)
        self.assertIn(own, offered)
        self.assertNotIn(district_b, offered)
        form = BudgetLineForm(unit=self.district_a, fiscal_year=2566)
        self.assertNotIn(district_b, form.fields["activity"].queryset)
        self.assertNotIn(own, form.fields["activity"].queryset)
        self.assertIn(shared, form.fields["activity"].queryset)
        response = self.post(activity=district_b.pk)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["activity"])
        self.assertFalse(BudgetLine.objects.exists())

    def test_it_edits_the_planned_amounts(self):
        line = make_line(self.province, "ค่าวัสดุ", [Decimal("100.00")] * 12)
        self.login(self.approver)
        data = {"number": line.number, "name": "ค่าวัสดุสำนักงาน", "source": "operating"}
        data.update({f"planned_{m}": "50" for m in range(1, 13)})
        data["planned_12"] = ""
        response = self.client.post(reverse("budget:line-edit", args=[line.pk]), data)
        self.assertRedirects(response, line.get_absolute_url())
        line.refresh_from_db()
        self.assertEqual(line.name, "ค่าวัสดุสำนักงาน")
        self.assertEqual(sum(m.planned for m in line.months.all()), Decimal("550.00"))

    def test_it_shows_a_line_with_its_totals(self):
        line = make_line(self.district_a, "ค่าเดินทาง", [Decimal("0.10")] * 12, [Decimal("0.10")] * 3)
        self.login(self.district_a_officer)
        response = self.client.get(line.get_absolute_url())
        self.assertContains(response, "1.20")
        self.assertContains(response, "0.30")
        self.assertNotContains(response, reverse("budget:line-edit", args=[line.pk]))


class DisbursementGridTests(InEnglish, PersonaTestCase):
    load_plan = False

    def test_it_saves_every_cell_and_keeps_bad_input_on_the_form(self):
        a = make_line(self.province, "ก", [Decimal("1000.00")] * 12)
        b = make_line(self.province, "ข", [Decimal("1000.00")] * 12)
        url = reverse("budget:disbursements", args=["43"]) + "?year=2566"
        self.login(self.approver)
        bad = {f"d_{a.pk}_1": "999.99", f"d_{b.pk}_2": "1.001"}
        response = self.client.post(url, bad)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="1.001"', status_code=400)
        self.assertEqual(a.months.get(month=1).disbursed, Decimal("0.00"))
        good = {f"d_{a.pk}_1": "999.99", f"d_{b.pk}_2": "๑,๐๐๐"}
        response = self.client.post(url, good)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(a.months.get(month=1).disbursed, Decimal("999.99"))
        self.assertEqual(b.months.get(month=2).disbursed, Decimal("1000.00"))
        entry = Entry.objects.for_object(a.months.get(month=1)).get()
        self.assertEqual(
            (entry.actor, entry.changes), (self.approver, {"disbursed": ["0.00", "999.99"]})
        )
        # Cells left out of a request stay; a cell sent empty is cleared.
        response = self.client.post(url, {f"d_{a.pk}_1": ""})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(a.months.get(month=1).disbursed, Decimal("0.00"))
        self.assertEqual(b.months.get(month=2).disbursed, Decimal("1000.00"))

    def test_without_a_year_it_opens_on_the_offices_budget_year_not_an_empty_one(self):
        make_line(self.province, "ค่าวัสดุ", [Decimal("1000.00")] * 12)  # fiscal year 2566
        self.login(self.approver)
        url = reverse("budget:disbursements", args=["43"])
        # Today's fiscal year has no budget: the grid opens on the year that has one.
        self.assertEqual(self.client.get(url).context["year"], 2566)
        import_url = reverse("budget:import", args=["43"])
        self.assertEqual(self.client.get(import_url).context["year"], 2566)
        # A new line with no year asked for starts in the year chosen earlier.
        self.client.get(reverse("budget:overview", args=["43"]) + "?year=2565")
        line_url = reverse("budget:line-add", args=["43"])
        self.assertEqual(self.client.get(line_url).context["year"], 2565)

    def test_each_cell_is_named_by_its_line_and_month(self):
        line = make_line(self.province, "ค่าวัสดุ", [Decimal("1000.00")] * 12)
        self.login(self.approver)
        response = self.client.get(reverse("budget:disbursements", args=["43"]) + "?year=2566")
        # October is the fiscal year's first month; a screen reader hears the line too.
        self.assertContains(response, f'aria-label="{line.number}. ค่าวัสดุ, ตุลาคม"')
        self.assertContains(response, f'aria-label="{line.number}. ค่าวัสดุ, กันยายน"')

    def test_the_cells_that_could_not_be_read_are_listed_with_links_to_them(self):
        a = make_line(self.province, "ค่าวัสดุสำนักงาน", [Decimal("1000.00")] * 12)
        b = make_line(self.province, "ค่าจ้างเหมา", [Decimal("1000.00")] * 12)
        url = reverse("budget:disbursements", args=["43"]) + "?year=2566"
        self.login(self.approver)
        response = self.client.post(url, {f"d_{a.pk}_1": "12", f"d_{b.pk}_5": "abc"})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        summary = page[
            page.index('id="grid-errors"') : page.index("</div>", page.index('id="grid-errors"'))
        ]
        # One cell, named by its line and month, linked to the cell, which says it is invalid.
        self.assertEqual(summary.count("<li>"), 1)
        self.assertIn(f'<a href="#id_d_{b.pk}_5">ค่าจ้างเหมา (', summary)
        self.assertIn("1 amount could not be read", summary)
        self.assertNotIn("below", summary)
        self.assertRegex(
            page, rf'<input[^>]*name="d_{b.pk}_5"[^>]*aria-invalid="true"[^>]*id="id_d_{b.pk}_5"'
        )

    def test_it_shows_the_overview_with_the_chart_and_targets(self):
        make_line(
            self.district_a,
            "ค",
            [Decimal("1000.00")] * 12,
            [Decimal("1000.00")] * 3 + [Decimal("400.00")] * 3,
        )
        self.login(self.approver)
        url = reverse("budget:overview", args=["43"]) + "?year=2566&month=6"
        response = self.client.get(url)
        self.assertContains(response, "<svg")
        self.assertContains(response, 'class="target"')
        self.assertContains(response, "35.00%")  # of the year's budget
        self.assertContains(response, "70.00%")  # of the plan so far
        self.assertContains(response, "52.00%")  # the target
        self.assertContains(response, "12,000.00")
        self.assertContains(response, 'data-unit="4301"')

    def test_a_year_chosen_on_another_page_does_not_open_it_on_an_empty_year(self):
        make_line(self.province, "ค่าวัสดุ", [Decimal("1000.00")] * 12)  # fiscal year 2566
        self.login(self.approver)
        self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2575")
        url = reverse("budget:overview", args=["43"])
        self.assertEqual(self.client.get(url).context["year"], 2566)
        # Asked for in so many words, a year with no budget yet opens (to start one).
        self.assertEqual(self.client.get(url + "?year=2575").context["year"], 2575)

    def test_it_opens_on_the_latest_year_with_a_budget(self):
        make_line(self.district_a, "ง", [Decimal("10.00")] * 12)
        self.login(self.district_a_officer)
        response = self.client.get(reverse("budget:overview", args=["4301"]))
        self.assertEqual(response.context["year"], 2566)
        self.assertEqual(response.context["overview"].total.planned, Decimal("120.00"))


class LineHistoryTests(InEnglish, PersonaTestCase):
    load_plan = False

    def test_the_line_page_shows_the_changes_of_the_line_and_its_months(self):
        line = make_line(self.province, "ค่าวัสดุ", [Decimal("100.00")] * 12)
        services.update_line(line, acting_user=self.approver, name="ค่าวัสดุสำนักงาน")
        services.record_disbursements(
            self.province,
            2566,
            {(line.pk, 1): Decimal("40.00")},
            acting_user=self.approver,
            change_reason="import",
        )
        self.login(self.approver)
        url = reverse("budget:line-detail", args=[line.pk])
        response = self.client.get(url)
        actions = [row.entry.action for row in response.context["history"]]
        self.assertEqual(
            actions, ["budget.disbursed", "budget.line_changed", "budget.line_created"]
        )
        self.assertContains(response, "<del>ค่าวัสดุ</del>", html=False)
        self.assertContains(response, "<ins>40.00</ins>", html=False)
        # session, user, the user's office, the line, its months, the page of entries
        with self.assertNumQueries(6):
            self.client.get(url)
        for month in range(2, 13):
            services.record_disbursements(
                self.province, 2566, {(line.pk, month): Decimal("1.00")}, acting_user=None
            )
        with self.assertNumQueries(6):
            self.client.get(url)
        self.assertEqual(len(self.client.get(url).context["history"]), 14)
