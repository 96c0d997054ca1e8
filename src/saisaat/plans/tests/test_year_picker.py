"""The one year picker: the plan years there are, the same default everywhere, the year
chosen remembered for the next pages, and the department's reports per province."""

import re
from datetime import date

from django.test import RequestFactory, SimpleTestCase
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from saisaat.plans.years import SESSION_KEY, default_year, picked_year
from saisaat.testing.base import PersonaTestCase, load_source_plan
from saisaat.thai.calendar import fiscal_year


class DefaultYearTests(PersonaTestCase):
    load_plan = False

    def test_todays_fiscal_year_when_it_has_a_plan(self):
        self.assertEqual(default_year([2567, 2566], date(2023, 5, 1)), 2566)

    def test_else_the_latest_planned_year(self):
        self.assertEqual(default_year([2566, 2565], date(2026, 12, 6)), 2566)

    def test_else_todays_fiscal_year(self):
        self.assertEqual(default_year([], date(2026, 12, 6)), 2570)


class YearPickerTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_source_plan(cls.province, 2565)

    def test_the_department_gets_the_year_it_asks_for_and_keeps_it(self):
        self.login(self.department_officer)
        code = self.department.code
        page = self.client.get(reverse("indicators:unit", args=[code]) + "?year=2565")
        self.assertEqual(page.context["year"], 2565)
        self.assertEqual(page.context["years"], [2566, 2565])
        self.assertContains(page, 'class="year-picker"')
        # The department has no plan of its own: it is led to the province's.
        self.assertContains(page, reverse("indicators:unit", args=["43"]) + "?year=2565")
        for url in (
            reverse("participation:overview", args=[code]),
            reverse("tracking:department"),
            reverse("tracking:province-dashboard", args=["43"]),
            reverse("tracking:province-missing", args=["43"]),
            reverse("tracking:unit-detail", args=["4301"]),
            reverse("indicators:unit", args=["43"]),
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.context["year"], 2565)
                self.assertContains(page, 'class="year-picker"')
                self.assertContains(page, 'href="?year=2566"')

    def test_every_page_opens_on_the_same_default(self):
        self.login(self.approver)
        for url in (
            reverse("indicators:unit", args=["43"]),
            reverse("participation:overview", args=["43"]),
            reverse("tracking:province-dashboard", args=["43"]),
            reverse("tracking:province-missing", args=["43"]),
            reverse("tracking:unit-detail", args=["43"]),
            reverse("documents:memo-list"),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).context["year"], 2566)

    def test_a_plan_made_ahead_does_not_move_any_page_off_todays_year(self):
        today = fiscal_year(timezone.localdate())
        load_source_plan(self.province, today)
        load_source_plan(self.province, today + 1)
        self.login(self.approver)
        for url in (
            reverse("indicators:unit", args=["43"]),
            reverse("participation:partner-list", args=["43"]),
            reverse("participation:innovation-list", args=["43"]),
            reverse("assessments:fives-trend", args=["43"]),
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.context["year"], today)
                self.assertIn(today + 1, page.context["years"])

    def test_a_year_with_no_plan_falls_back_to_the_default(self):
        self.login(self.approver)
        page = self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2550")
        self.assertEqual(page.context["year"], 2566)
        page = self.client.get(reverse("indicators:unit", args=["43"]) + "?year=%C2%B2")
        self.assertEqual(page.context["year"], 2566)

    def test_the_picker_keeps_the_pages_other_choices(self):
        self.login(self.approver)
        page = self.client.get(reverse("indicators:unit", args=["43"]) + "?scope=own&window=year")
        self.assertContains(page, 'href="?scope=own&amp;window=year&amp;year=2565"')


class PagesOnTheSharedPickerTests(PersonaTestCase):
    """Sub-plans, moral goals, office activities, the knowledge results and the plan-status
    workbook read ?year= like every other page, remember it and open on the same default.
    Plans for 2565 and 2566; today's fiscal year has none."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_source_plan(cls.province, 2565)

    pages = {
        "goals": reverse_lazy("participation:goal-list", args=["43"]),
        "goal participation": reverse_lazy("participation:goal-participation", args=["43"]),
        "activities": reverse_lazy("participation:activity-list", args=["43"]),
        "sub-plans": reverse_lazy("documents:subplan-list", args=["43"]),
        "knowledge results": reverse_lazy("knowledge:office", args=["43"]),
        "plan-status workbook": reverse_lazy("documents:plan-status-xlsx", args=["43"]),
    }

    def year_of(self, url: str, query: str = "") -> int:
        response = self.client.get(url + query)
        self.assertEqual(response.status_code, 200)
        if response.context is None:  # the workbook: its year is in its name
            return int(re.search(r"-(\d{4})\.xlsx", response["Content-Disposition"])[1])
        if "years" in response.context:  # the picker offers the year shown
            self.assertIn(response.context["year"], response.context["years"])
        return response.context["year"]

    def assert_years(self, expected: dict[str, int], query: str = ""):
        for name, url in self.pages.items():
            with self.subTest(page=name, query=query):
                self.assertEqual(self.year_of(str(url), query), expected.get(name, 2566))

    def test_they_open_on_the_shared_default(self):
        self.login(self.approver)
        self.assert_years({})  # the latest plan's year: today's has none

    def test_they_show_the_year_asked_for_in_thai_digits_too(self):
        self.login(self.approver)
        self.assert_years(dict.fromkeys(self.pages, 2565), "?year=๒๕๖๕")

    def test_a_christian_era_year_or_one_out_of_range_is_ignored(self):
        self.login(self.approver)
        # 2701: a Buddhist-era number, but past what the database keeps for a fiscal year.
        for query in ("?year=2022", "?year=2701", "?year=2900", "?year=abc"):
            self.assert_years({}, query)

    def test_a_buddhist_era_year_without_a_plan_is_shown_where_the_page_may_start_it(self):
        self.login(self.approver)
        shown = dict.fromkeys(self.pages, 2650)
        shown["plan-status workbook"] = 2566  # a workbook needs a plan
        self.assert_years(shown, "?year=2650")

    def test_a_year_remembered_without_a_plan_opens_only_the_pages_that_may_start_it(self):
        self.login(self.approver)
        # Asked for on another page: remembered, though nothing is planned for it.
        self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2650")
        shown = dict.fromkeys(["goals", "goal participation", "activities", "sub-plans"], 2650)
        self.assert_years(shown)  # knowledge results and the workbook: the default
        survey_list = self.client.get(reverse("surveys:survey-list"))
        self.assertEqual(survey_list.context["year"], 2566)

    def test_a_remembered_year_past_the_range_is_not_used(self):
        # Sessions made when the range reached 2800 may still hold such a year.
        self.login(self.approver)
        session = self.client.session
        session[SESSION_KEY] = 2750
        session.save()
        self.assert_years({})

    def test_they_open_on_the_year_chosen_on_another_page(self):
        self.login(self.approver)
        self.client.get(reverse("indicators:unit", args=["43"]) + "?year=2565")
        self.assert_years(dict.fromkeys(self.pages, 2565))

    def test_a_plan_made_ahead_does_not_move_them_off_todays_year(self):
        today = fiscal_year(timezone.localdate())
        load_source_plan(self.province, today)
        load_source_plan(self.province, today + 1)
        self.login(self.approver)
        self.assert_years(dict.fromkeys(self.pages, today))


class DepartmentExportTests(PersonaTestCase):
    def test_the_department_chooses_a_province_then_every_export_works(self):
        self.login(self.department_officer)
        url = reverse("documents:memo-list")
        page = self.client.get(url)
        self.assertNotContains(page, "/documents/exports/")
        self.assertContains(page, 'name="unit"')

        page = self.client.get(url + "?unit=43").content.decode()
        links = re.findall(r'href="(/documents/[^"]*)"', page)
        exports = [link.replace("&amp;", "&") for link in links if "/exports/" in link]
        self.assertEqual(exports, ["/documents/exports/43/plan-status.xlsx?year=2566"])
        for link in exports:
            self.assertEqual(self.client.get(link).status_code, 200, link)
        # The reports made in the background and the memo drafts are forms on the page.
        forms = re.findall(r'<form method="(get|post)" action="(/documents/[^"]*)"', page)
        self.assertEqual(len(forms), 4)
        for method, action in forms:
            with self.subTest(action=action):
                data = {"unit": "43", "year": "2566", "quarter": "1", "dimension": "0"}
                response = getattr(self.client, method)(action, data)
                self.assertIn(response.status_code, (200, 302))
                if response.status_code == 302:
                    self.assertEqual(self.client.get(response["Location"]).status_code, 200)


class UnitPageWordsTests(PersonaTestCase):
    publish_plan = True

    def test_the_status_counts_say_what_they_count(self):
        self.login(self.district_a_officer)
        page = self.client.get(reverse("tracking:unit-detail", args=["4301"]))
        counts = page.context["counts"]
        self.assertEqual(
            [value for value, _label, _count in counts][:2], ["not_started", "in_progress"]
        )
        self.assertGreater(sum(count for *_rest, count in counts), 0)
        self.assertContains(page, "ยังไม่เริ่ม <strong>")
        self.assertContains(page, "อนุมัติแล้ว <strong>")


class HistoryWordsTests(PersonaTestCase):
    def test_the_import_reason_reads_in_thai(self):
        self.login(self.administrator)
        page = self.client.get(reverse("plans:plan-history", args=[self.plan.pk]))
        self.assertContains(page, "นำเข้าจากไฟล์ ")
        self.assertNotContains(page, '<small class="muted">import ')


class PickedYearTests(SimpleTestCase):
    """The one rule behind every page's year: which year is shown, and which are offered."""

    today = date(2026, 12, 6)  # fiscal year 2570

    def pick(self, known, query="", remembered=None, **options):
        request = RequestFactory().get("/", {"year": query} if query else {})
        request.session = {} if remembered is None else {SESSION_KEY: remembered}
        picked = picked_year(request, known, today=self.today, **options)
        self.session = request.session
        return picked

    def test_a_known_year_asked_for_is_shown_and_remembered(self):
        self.assertEqual(self.pick([2566, 2565], "2565"), ([2566, 2565], 2565))
        self.assertEqual(self.session, {SESSION_KEY: 2565})

    def test_a_known_year_chosen_earlier_is_shown(self):
        self.assertEqual(self.pick([2566, 2565], remembered=2565), ([2566, 2565], 2565))

    def test_a_year_asked_for_in_thai_digits_is_read(self):
        self.assertEqual(self.pick([2566, 2565], "๒๕๖๕")[1], 2565)

    def test_without_a_known_year_it_shows_the_default(self):
        self.assertEqual(self.pick([2566, 2565]), ([2566, 2565], 2566))
        self.assertEqual(self.pick([2566, 2565], "2560"), ([2566, 2565], 2566))
        self.assertEqual(self.pick([2566, 2565], remembered=2560), ([2566, 2565], 2566))
        self.assertEqual(self.pick([]), ([2570], 2570))

    def test_a_year_that_is_not_one_falls_back_to_the_one_chosen_earlier(self):
        for query in ("2023", "abc", "99999"):
            with self.subTest(query=query):
                picked = self.pick([2566], query, remembered=2560, show_unknown="chosen")
                self.assertEqual(picked, ([2566, 2560], 2560))
                self.assertEqual(self.session, {SESSION_KEY: 2560})

    def test_an_unknown_year_asked_for_is_shown_when_asking_is_enough(self):
        self.assertEqual(self.pick([2566], "2571", show_unknown="asked"), ([2571, 2566], 2571))
        self.assertEqual(self.pick([2566], "2700", show_unknown="asked")[1], 2700)
        # Past the database's range (plans, budgets, surveys stop at 2700): never shown.
        self.assertEqual(self.pick([2566], "2701", show_unknown="chosen")[1], 2566)

    def test_an_unknown_year_chosen_earlier_needs_chosen(self):
        self.assertEqual(self.pick([2566], remembered=2571, show_unknown="asked")[1], 2566)
        picked = self.pick([2566], remembered=2571, show_unknown="chosen")
        self.assertEqual(picked, ([2571, 2566], 2571))
