"""KPI 9.1: the share of active staff who passed a knowledge test of the fiscal year. The
number and the people behind it come from one definition."""

import json
from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.urls import reverse

from saisaat.indicators.metrics import METRICS
from saisaat.indicators.project import evaluate_project
from saisaat.knowledge import services
from saisaat.knowledge.metrics import KNOWLEDGE_TEST_PASSED
from saisaat.knowledge.models import Attempt
from saisaat.knowledge.tests.helpers import answers, link_staff, make_bank, make_test
from saisaat.orgs.models import StaffMember
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase, make_user

IN_2566 = datetime(2023, 3, 1, 10, tzinfo=ZoneInfo("Asia/Bangkok"))


def sit(test, user, right):
    attempt = services.start_attempt(test, acting_user=user)
    return services.submit_attempt(attempt, answers(attempt, right), acting_user=user)


class KnowledgeKpiTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_bank(cls.district_a)
        cls.pre = make_test(cls.district_a, kind="pre", count=5)
        cls.post = make_test(cls.district_a, kind="post", count=5)
        cls.people = [link_staff(cls.district_a_officer, cls.district_a)]
        for n in range(3):
            user = make_user(f"a-staff-{n}", cls.district_a)
            cls.people.append(link_staff(user, cls.district_a, name=f"คน{n}"))
        StaffMember.objects.create(unit=cls.district_a, first_name="ย้ายออก", is_active=False)
        link_staff(cls.district_b_officer, cls.district_b)
        # The officer fails the pre-test and passes the post-test; one more passes the
        # pre-test; one fails it.
        sit(cls.pre, cls.district_a_officer, 2)
        sit(cls.post, cls.district_a_officer, 5)
        sit(cls.pre, cls.people[1].user, 4)
        sit(cls.pre, cls.people[2].user, 1)
        Attempt.objects.update(submitted_at=IN_2566)

    def scope(self, unit):
        return scope_for(unit, 2566, rolled_up=True)

    def test_the_indicators_know_the_metric(self):
        self.assertIs(METRICS["knowledge_test_passed"], KNOWLEDGE_TEST_PASSED)

    def test_the_number_is_the_length_of_its_list(self):
        scope = self.scope(self.district_a)
        value = KNOWLEDGE_TEST_PASSED.compute(scope)
        records = KNOWLEDGE_TEST_PASSED.records(scope)
        self.assertEqual((value.numerator, value.denominator, value.value), (2, 4, 50))
        self.assertEqual(value.numerator, len(records["done"]))
        self.assertEqual(value.denominator, len(records["done"]) + len(records["pending"]))
        self.assertEqual({p.pk for p in records["done"]}, {self.people[0].pk, self.people[1].pk})

    def test_a_pass_outside_the_fiscal_year_does_not_count(self):
        Attempt.objects.update(submitted_at=datetime(2023, 10, 2, tzinfo=ZoneInfo("UTC")))
        self.assertEqual(KNOWLEDGE_TEST_PASSED.compute(self.scope(self.district_a)).numerator, 0)

    def test_each_office_is_judged_on_its_own_staff(self):
        [result] = evaluate_project(self.province, 2566, rolled_up=True)
        by_code = {
            office.code: (value.numerator, value.denominator)
            for office, value, _g in result.offices
        }
        self.assertEqual(by_code["4301"], (2, 4))
        self.assertEqual(by_code["4302"], (0, 1))
        self.assertEqual(result.status, "not_met")
        self.assertEqual(result.value.numerator, 2)

    def test_it_is_in_the_indicators_command(self):
        out = StringIO()
        call_command("indicators", "--unit", "4301", "--year", "2566", "--json", stdout=out)
        [kpi] = json.loads(out.getvalue())["project_indicators"]
        self.assertEqual(kpi["key"], "osmkh-9.1")
        self.assertEqual(kpi["metric"], "knowledge_test_passed")
        self.assertEqual((kpi["numerator"], kpi["denominator"], kpi["value"]), (2, 4, 50.0))
        self.assertEqual(kpi["threshold"], 80.0)
        self.assertFalse(kpi["met"])

    def test_its_drill_down_page_lists_the_same_people(self):
        self.login(self.district_a_officer)
        url = reverse("indicators:project", args=["4301", "osmkh-9.1"]) + "?year=2566"
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["done"]), response.context["result"].value.numerator)
        self.assertContains(response, "50.0%")
        unit_page = self.client.get(reverse("indicators:unit", args=["4301"]) + "?year=2566")
        self.assertContains(unit_page, 'data-project="osmkh-9.1"')

    def test_an_unknown_indicator_or_office_is_not_found(self):
        self.login(self.district_a_officer)
        base = reverse("indicators:project", args=["4301", "osmkh-9.1"])
        self.assertEqual(
            self.client.get(reverse("indicators:project", args=["4301", "x"])).status_code, 404
        )
        self.assertEqual(self.client.get(base + "?office=4302").status_code, 404)

    def test_the_results_page_compares_pre_and_post_tests(self):
        self.login(self.approver)
        response = self.client.get(reverse("knowledge:office", args=["4301"]) + "?year=2566")
        [office] = response.context["offices"]
        self.assertEqual(
            (office.pre.sat, office.pre.passed, office.pre.mean), (3, 1, Decimal("46.67"))
        )
        self.assertEqual((office.post.sat, office.post.passed, office.post.mean), (1, 1, 100))
        officer = next(p for p in response.context["people"] if p.staff == self.people[0])
        self.assertEqual((officer.pre, officer.post, officer.passed), (40, 100, True))
        self.assertEqual(len(response.context["done"]), response.context["kpi"].numerator)
