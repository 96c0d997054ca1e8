import codecs
import csv
import io
import json
import re
from datetime import datetime
from decimal import Decimal

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from saisaat.budget import services as budget
from saisaat.budget.summary import build_overview
from saisaat.complaints import services as complaints
from saisaat.complaints.statistics import complaint_statistics
from saisaat.participation.models import JointActivity, Partner, PartnerType
from saisaat.portal import opendata
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question
from saisaat.surveys.results import compute_results
from saisaat.testing.base import PersonaTestCase

YEAR = 2566


def aware(*args):
    return timezone.make_aware(datetime(*args))


# These fixtures have a few responses; the threshold has its own tests (test_survey_privacy).
@override_settings(SAISAAT_SURVEY_MIN_PUBLIC_RESPONSES=1)
class OpenDataTests(PersonaTestCase):
    publish_plan = True

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        complaints.ensure_standard_channels(cls.province)
        for day, category in ((10, "service"), (11, "service"), (12, "corruption")):
            complaints.submit_complaint(
                category=category,
                description="เจ้าหน้าที่ให้บริการล่าช้า",
                reported_unit=cls.province,
                received_at=aware(2023, 1, day, 10),
            )
        cls.line = budget.create_line(
            cls.district_a,
            YEAR,
            name="อบรมคุณธรรม",
            acting_user=None,
            planned=[Decimal("1000.50")] + [Decimal(0)] * 11,
        )
        budget.record_disbursements(
            cls.district_a, YEAR, {(cls.line.pk, 1): Decimal("250.25")}, acting_user=None
        )
        cls.survey = cls.make_survey('=HYPERLINK("http://evil")ความพึงพอใจ')
        surveys.set_results_published(cls.survey, True)
        cls.hidden = cls.make_survey("ยังไม่เผยแพร่")

    @classmethod
    def make_survey(cls, title):
        survey = surveys.create_survey(cls.district_a, fiscal_year=YEAR, title=title)
        section = surveys.add_section(survey, title="การให้บริการ")
        scale = surveys.add_question(section, kind=Question.Kind.SCALE, text="ความรวดเร็ว")
        choice = surveys.add_question(
            section, kind=Question.Kind.SINGLE, text="ช่องทาง", choices=["สำนักงาน", "ออนไลน์"]
        )
        text = surveys.add_question(
            section, kind=Question.Kind.TEXT, text="ข้อเสนอแนะ", required=False
        )
        surveys.set_open(survey, True)
        options = list(choice.choices.order_by("position"))
        for score, option in ((5, options[0]), (4, options[0]), (2, options[1])):
            surveys.submit_response(
                survey,
                {scale.pk: score, choice.pk: option.pk, text.pk: "คุณสมชาย 0812345678 ช้ามาก"},
            )
        return survey

    def data_url(self, name, fmt="json", code=None, year=YEAR):
        url = reverse("portal:dataset", args=[code or self.district_a.code, name, fmt])
        return f"{url}?year={year}" if year else url

    def get_json(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.json()

    def test_plan_progress_is_the_figure_of_the_portal_home(self):
        home = self.client.get(reverse("portal:home", args=[self.district_a.code]))
        progress = home.context["progress"]
        data = self.get_json(self.data_url("plan-progress"))
        self.assertEqual(data["fiscal_year"], YEAR)
        (row,) = data["rows"]
        self.assertEqual(
            (row["office_code"], row["activities"], row["approved"], row["percent_approved"]),
            (self.district_a.code, progress["total"], progress["approved"], progress["percent"]),
        )
        self.assertGreater(row["activities"], 0)
        # A province lists itself and every district office below it.
        province = self.get_json(self.data_url("plan-progress", code=self.province.code))
        codes = {row["office_code"] for row in province["rows"]}
        self.assertIn(self.district_a.code, codes)
        self.assertIn(self.district_b.code, codes)
        self.assertNotIn(self.other_province.code, codes)

    def test_complaint_statistics_are_those_of_the_public_statistics_page(self):
        page = self.client.get(
            reverse("complaints:public-statistics", args=[self.province.code]), {"year": YEAR}
        )
        stats = page.context["stats"]
        self.assertEqual(stats.total, 3)
        data = self.get_json(self.data_url("complaint-statistics", code=self.province.code))
        by_measure = {}
        for row in data["rows"]:
            by_measure.setdefault(row["measure"], []).append(row)
        self.assertEqual(by_measure["total"][0]["count"], stats.total)
        self.assertEqual(by_measure["finished"][0]["count"], stats.finished)
        self.assertEqual(
            [(r["label"], r["count"]) for r in by_measure["category"]],
            [(str(label), count) for label, count in stats.by_category],
        )
        self.assertEqual(
            [(r["month"], r["count"]) for r in by_measure["month"]],
            [(month.isoformat(), count) for month, count in stats.by_month],
        )
        self.assertEqual(
            complaint_statistics(self.province, YEAR).by_channel,
            [
                (label, r["count"])
                for label, r in zip(
                    [label for label, _ in stats.by_channel], by_measure["channel"], strict=True
                )
            ],
        )
        # Counts only: never the complaint's text.
        self.assertNotIn("ล่าช้า", json.dumps(data, ensure_ascii=False))
        # Published per province only.
        self.assertEqual(self.client.get(self.data_url("complaint-statistics")).status_code, 404)

    def test_budget_is_the_overview_of_the_budget_page_exact_to_the_satang(self):
        page = self.client.get(
            reverse("portal:budget", args=[self.district_a.code]), {"year": YEAR}
        )
        self.assertEqual(page.status_code, 200)
        overview = page.context["overview"]
        self.assertEqual(
            overview.months, build_overview(self.district_a, YEAR, rolled_up=False).months
        )
        rows = self.get_json(self.data_url("budget"))["rows"]
        self.assertEqual(len(rows), 12)
        self.assertEqual(
            [(Decimal(r["planned"]), Decimal(r["disbursed"])) for r in rows],
            [(m.planned, m.disbursed) for m in overview.months],
        )
        self.assertEqual((rows[0]["month"], rows[0]["planned"]), ("2022-10-01", "1000.50"))
        self.assertEqual(rows[-1]["cumulative_disbursed"], "250.25")

    def test_survey_results_are_those_of_the_public_survey_page_without_written_answers(self):
        page = self.client.get(
            reverse("portal:survey", args=[self.district_a.code, self.survey.pk])
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, "0812345678")
        results = compute_results(self.survey)
        url = reverse("portal:survey-data", args=[self.district_a.code, self.survey.pk, "json"])
        data = self.get_json(url)
        scale = [r for r in data["rows"] if r["kind"] == "scale"]
        self.assertEqual(scale[0]["mean"], round(results.questions[0].scale.mean, 2))
        self.assertEqual(scale[0]["mean"], 3.67)
        choices = [(r["option"], r["count"]) for r in data["rows"] if r["kind"] == "single"]
        self.assertEqual(choices, [("สำนักงาน", 2), ("ออนไลน์", 1)])
        text = [r for r in data["rows"] if r["kind"] == "text"]
        self.assertEqual(text[0]["answered"], 3)
        self.assertNotIn("0812345678", json.dumps(data, ensure_ascii=False))
        self.assertNotIn(
            "สมชาย", self.client.get(url.replace(".json", ".csv")).content.decode("utf-8")
        )
        # The index lists the published survey only; an unpublished one is 404 everywhere.
        listed = self.get_json(self.data_url("surveys"))["rows"]
        self.assertEqual([(r["survey_id"], r["responses"]) for r in listed], [(self.survey.pk, 3)])
        for name, args in (
            ("portal:survey", [self.district_a.code, self.hidden.pk]),
            ("portal:survey-data", [self.district_a.code, self.hidden.pk, "csv"]),
            ("portal:survey", [self.district_b.code, self.survey.pk]),
        ):
            with self.subTest(name=name, args=args):
                self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 404)

    def test_csv_is_utf8_with_a_bom_and_formula_safe(self):
        response = self.client.get(self.data_url("surveys", fmt="csv"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/csv"))
        self.assertTrue(response.content.startswith(codecs.BOM_UTF8))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0], ["survey_id", "fiscal_year", "title", "responses"])
        self.assertEqual(rows[1][2], '\'=HYPERLINK("http://evil")ความพึงพอใจ')
        # The same row as JSON keeps the title as typed (JSON runs no formula).
        self.assertTrue(self.get_json(self.data_url("surveys"))["rows"][0]["title"].startswith("="))

    def test_it_caches_like_the_other_public_pages_and_sets_no_cookie(self):
        for url in (
            self.data_url("budget", fmt="csv"),
            self.data_url("plan-progress"),
            reverse("portal:openapi"),
            reverse("portal:data", args=[self.district_a.code]),
        ):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Cache-Control"], "public, max-age=300")
                self.assertFalse(response.cookies)

    def test_bad_input_is_a_thai_400_or_a_404_never_a_500(self):
        for fmt in ("csv", "json"):
            with self.subTest(fmt=fmt):
                response = self.client.get(self.data_url("budget", fmt=fmt, year="2023x"))
                self.assertEqual(response.status_code, 400)
                self.assertIn("ปีงบประมาณ", response.content.decode("utf-8"))
                response = self.client.get(self.data_url("budget", fmt=fmt, year="2023"))
                self.assertEqual(response.status_code, 400)
        for url in (
            reverse("portal:dataset", args=[self.district_a.code, "salaries", "json"]),
            reverse("portal:dataset", args=[self.district_a.code, "budget", "xlsx"]),
            reverse("portal:dataset", args=["9999", "budget", "json"]),
            reverse("portal:survey-data", args=[self.district_a.code, self.survey.pk, "xml"]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_query_counts_do_not_grow_with_the_data(self):
        # office, progress per office and year
        expected = {"plan-progress": 2, "budget": 2, "surveys": 2}
        for name, count in expected.items():
            with self.subTest(name=name), self.assertNumQueries(count):
                self.client.get(self.data_url(name))
        # office, the four grouped counts
        with self.assertNumQueries(5):
            self.client.get(self.data_url("complaint-statistics", code=self.province.code))
        survey_url = reverse(
            "portal:survey-data", args=[self.district_a.code, self.survey.pk, "csv"]
        )
        # office, survey, then compute_results: sections, questions, options, responses,
        # grouped answers, respondents per question, written answers
        with self.assertNumQueries(9):
            self.client.get(survey_url)
        # More of everything: the same counts.
        for day in (13, 14):
            complaints.submit_complaint(
                category="service",
                description="ล่าช้า",
                reported_unit=self.province,
                received_at=aware(2023, 2, day, 10),
            )
        budget.create_line(self.district_a, YEAR, name="ครั้งที่สอง", acting_user=None)
        other = self.make_survey("อีกแบบ")
        surveys.set_results_published(other, True)
        surveys.submit_response(self.survey, {self.survey.questions_in_order()[0].pk: 3})
        for name, count in expected.items():
            with self.subTest(name=name), self.assertNumQueries(count):
                self.client.get(self.data_url(name))
        with self.assertNumQueries(5):
            self.client.get(self.data_url("complaint-statistics", code=self.province.code))
        with self.assertNumQueries(9):
            self.client.get(survey_url)

    def test_the_public_partner_page_names_organisations_but_no_contact(self):
        kind = PartnerType.objects.get_or_create(code="community", defaults={"name_th": "ชุมชน"})[0]
        partner = Partner.objects.create(
            unit=self.district_a, name="ชุมชนบ้านหม้อ", partner_type=kind, contact="นายดำ 0899999999"
        )
        activity = JointActivity.objects.create(
            unit=self.district_a,
            fiscal_year=YEAR,
            title="เดินรณรงค์สุจริต",
            held_on=aware(2023, 2, 1).date(),
        )
        activity.partners.add(partner)
        url = reverse("portal:partners", args=[self.district_a.code])
        response = self.client.get(url, {"year": YEAR})
        self.assertContains(response, "เดินรณรงค์สุจริต")
        self.assertContains(response, "ชุมชนบ้านหม้อ")
        self.assertNotContains(response, "0899999999")
        self.assertEqual(self.client.get(url, {"year": 2565}).status_code, 200)
        self.assertNotContains(self.client.get(url, {"year": 2565}), "เดินรณรงค์สุจริต")
        self.assertEqual(self.client.get(url, {"year": "abc"}).status_code, 400)

    def test_the_openapi_document_describes_every_dataset_and_each_path_answers(self):
        document = self.get_json(reverse("portal:openapi"))
        self.assertTrue(document["openapi"].startswith("3."))
        self.assertTrue(document["info"]["title"])
        self.assertTrue(document["servers"][0]["url"].startswith("http"))
        schemas = document["components"]["schemas"]
        described = set()
        for path, item in document["paths"].items():
            operation = item["get"]
            self.assertIn("200", operation["responses"])
            names = set(re.findall(r"{(\w+)}", path))
            self.assertEqual(
                names, {p["name"] for p in operation["parameters"] if p["in"] == "path"}, path
            )
            ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            schema = schemas[ref.rsplit("/", 1)[1]]
            dataset = schema["properties"]["dataset"]["const"]
            described.add(dataset)
            for fmt in ("csv", "json"):
                url = path.format(
                    code=self.province.code
                    if dataset == "complaint-statistics"
                    else self.district_a.code,
                    format=fmt,
                    survey_id=self.survey.pk,
                )
                with self.subTest(url=url):
                    response = self.client.get(url, {"year": YEAR})
                    self.assertEqual(response.status_code, 200)
                    columns = list(schema["properties"]["rows"]["items"]["properties"])
                    if fmt == "json":
                        body = response.json()
                        self.assertEqual(body["columns"], columns)
                        for row in body["rows"]:
                            self.assertEqual(list(row), columns)
                    else:
                        header = response.content.decode("utf-8-sig").splitlines()[0]
                        self.assertEqual(header.split(","), columns)
        self.assertEqual(described, {*opendata.DATASETS, "survey-results"})

    def test_the_new_public_pages_do_not_grow_their_query_counts(self):
        from datetime import date

        from saisaat.audit.published import publish_head

        code = self.district_a.code
        kind = PartnerType.objects.get_or_create(code="community", defaults={"name_th": "ชุมชน"})[0]

        def grow(number):
            partner = Partner.objects.create(
                unit=self.district_a, name=f"ภาคี {number}", partner_type=kind
            )
            activity = JointActivity.objects.create(
                unit=self.district_a,
                fiscal_year=YEAR,
                title=f"กิจกรรม {number}",
                held_on=date(2023, 2, number),
            )
            activity.partners.add(partner)
            publish_head(date(2023, 2, number))

        pages = {
            # office, months, (the page's own cumulative figures come from the months)
            reverse("portal:budget", args=[code]) + f"?year={YEAR}": 2,
            # office, surveys with their response counts
            reverse("portal:surveys", args=[code]): 2,
            reverse("portal:data", args=[code]): 2,
            # office, activities, their partners, the partners' types
            reverse("portal:partners", args=[code]) + f"?year={YEAR}": 4,
            # count, one page of heads
            reverse("portal:chain-heads"): 2,
            reverse("portal:chain-heads-json"): 2,
        }
        for round_ in (1, 2):
            grow(round_ * 2)
            grow(round_ * 2 + 1)
            for url, count in pages.items():
                with self.subTest(url=url, round=round_), self.assertNumQueries(count):
                    self.assertEqual(self.client.get(url).status_code, 200)
