from saisaat.demo.knowledge import (
    QUESTIONS,
    seed_knowledge_demo,
    seed_open_knowledge_tests,
)
from saisaat.knowledge import models
from saisaat.knowledge.metrics import KNOWLEDGE_TEST_PASSED
from saisaat.knowledge.models import Attempt, Question
from saisaat.orgs.models import StaffMember
from saisaat.plans.metrics import scope_for
from saisaat.testing.base import PersonaTestCase, make_user


class KnowledgeDemoTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for unit, count in ((cls.province, 10), (cls.district_a, 5), (cls.district_b, 5)):
            for n in range(count):
                user = make_user(f"{unit.code}-{n}", unit)
                StaffMember.objects.create(unit=unit, first_name=f"คน{n}", user=user)

    def test_it_writes_twenty_thai_questions_on_the_five_topics(self):
        self.assertEqual(len(QUESTIONS), 20)
        self.assertEqual(
            {topic for topic, *_rest in QUESTIONS},
            {"anti_corruption", "conflict_of_interest", "no_gift", "procurement", "complaints"}
            | {"discipline"},
        )

    def test_it_seeds_tests_and_attempts_once_with_a_realistic_kpi(self):
        first = seed_knowledge_demo(self.province, 2566)
        self.assertEqual(first["questions_created"], 20)
        self.assertEqual(models.Test.objects.filter(fiscal_year=2566).count(), 2 * 3)
        self.assertGreater(first["attempts_created"], 30)
        again = seed_knowledge_demo(self.province, 2566)
        self.assertEqual(again, {"questions_created": 0, "attempts_created": 0})
        scope = scope_for(self.province, 2566, rolled_up=True)
        value = KNOWLEDGE_TEST_PASSED.compute(scope)
        self.assertTrue(60 <= value.value < 100, value)
        self.assertEqual(value.numerator, len(KNOWLEDGE_TEST_PASSED.records(scope)["done"]))
        pre = Attempt.objects.filter(test__kind="pre", passed=True).count()
        post = Attempt.objects.filter(test__kind="post", passed=True).count()
        self.assertLess(pre, post)

    def test_it_opens_a_test_today_in_every_office(self):
        seed_open_knowledge_tests(self.province, 2570)
        seed_open_knowledge_tests(self.province, 2570)
        tests = models.Test.objects.filter(fiscal_year=2570)
        self.assertEqual(tests.count(), 3)
        self.assertTrue(all(test.is_open() for test in tests))
        self.assertEqual(Question.objects.count(), 20)
