from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from saisaat.audit.models import Entry
from saisaat.knowledge import services
from saisaat.knowledge.models import Attempt
from saisaat.knowledge.tests.helpers import answers, link_staff, make_bank, make_test
from saisaat.testing.base import PersonaTestCase


class KnowledgeServiceTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_bank(cls.district_a)
        cls.staff = link_staff(cls.district_a_officer, cls.district_a)
        cls.test = make_test(cls.district_a, count=5)

    def start(self):
        return services.start_attempt(self.test, acting_user=self.district_a_officer)

    def test_it_draws_the_questions_once_and_keeps_them(self):
        attempt = self.start()
        self.assertEqual(len(attempt.question_ids), 5)
        self.assertEqual(len(set(attempt.question_ids)), 5)
        again = self.start()
        self.assertEqual(again.pk, attempt.pk)
        self.assertEqual(again.question_ids, attempt.question_ids)
        self.assertEqual(services.draw(self.test, self.staff), attempt.question_ids)

    def test_it_scores_and_passes_at_the_pass_mark(self):
        attempt = services.submit_attempt(
            self.start(), answers(self.start(), 4), acting_user=self.district_a_officer
        )
        self.assertEqual((attempt.score, attempt.percent, attempt.passed), (4, 80, True))

    def test_it_fails_below_the_pass_mark(self):
        attempt = services.submit_attempt(
            self.start(), answers(self.start(), 3), acting_user=self.district_a_officer
        )
        self.assertEqual((attempt.score, attempt.percent, attempt.passed), (3, 60, False))

    def test_it_follows_the_tests_own_pass_mark(self):
        easy = make_test(self.district_a, kind="post", count=5, pass_percent=60)
        attempt = services.start_attempt(easy, acting_user=self.district_a_officer)
        attempt = services.submit_attempt(
            attempt, answers(attempt, 3), acting_user=self.district_a_officer
        )
        self.assertTrue(attempt.passed)

    def test_it_audits_the_start_and_the_submission(self):
        attempt = self.start()
        services.submit_attempt(attempt, answers(attempt, 5), acting_user=self.district_a_officer)
        actions = list(
            Entry.objects.filter(object_type="knowledge.attempt", object_id=str(attempt.pk))
            .order_by("sequence")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, ["knowledge.attempt_started", "knowledge.attempt_submitted"])

    def test_it_refuses_a_second_submission(self):
        attempt = self.start()
        services.submit_attempt(attempt, answers(attempt, 1), acting_user=self.district_a_officer)
        with self.assertRaises(services.AttemptConflict):
            services.submit_attempt(
                attempt, answers(attempt, 5), acting_user=self.district_a_officer
            )
        attempt.refresh_from_db()
        self.assertEqual(attempt.score, 1)

    def test_it_refuses_a_submission_after_the_test_closed(self):
        attempt = self.start()
        later = timezone.localdate() + timedelta(days=31)
        with self.assertRaises(services.AttemptConflict):
            services.submit_attempt(
                attempt, answers(attempt, 5), acting_user=self.district_a_officer, day=later
            )
        self.assertFalse(Attempt.objects.get(pk=attempt.pk).is_submitted)

    def test_it_refuses_to_start_a_closed_test(self):
        closed = make_test(self.district_a, opens=-10, closes=-1)
        with self.assertRaises(services.AttemptConflict):
            services.start_attempt(closed, acting_user=self.district_a_officer)

    def test_it_refuses_unanswered_questions(self):
        attempt = self.start()
        partial = dict(list(answers(attempt, 5).items())[:4])
        with self.assertRaises(services.KnowledgeError):
            services.submit_attempt(attempt, partial, acting_user=self.district_a_officer)

    def test_it_refuses_a_choice_that_does_not_exist(self):
        attempt = self.start()
        chosen = answers(attempt, 5)
        chosen[attempt.question_ids[0]] = 5
        with self.assertRaises(services.KnowledgeError):
            services.submit_attempt(attempt, chosen, acting_user=self.district_a_officer)

    def test_only_the_offices_staff_take_its_test(self):
        link_staff(self.district_b_officer, self.district_b)
        with self.assertRaises(PermissionDenied):
            services.start_attempt(self.test, acting_user=self.district_b_officer)

    def test_nobody_submits_anothers_attempt(self):
        attempt = self.start()
        with self.assertRaises(PermissionDenied):
            services.submit_attempt(attempt, answers(attempt, 5), acting_user=self.approver)

    def test_a_test_draws_no_more_than_the_bank_holds(self):
        with self.assertRaises(services.KnowledgeError):
            make_test(self.district_a, count=11)

    def test_a_district_draws_from_the_banks_above_it(self):
        make_bank(self.province, 3)
        self.assertEqual(services.question_pool(self.district_a).count(), 13)
        self.assertEqual(services.question_pool(self.district_b).count(), 3)

    def test_another_offices_staff_may_not_set_its_tests(self):
        with self.assertRaises(PermissionDenied):
            services.create_test(
                self.district_a,
                title="t",
                fiscal_year=2566,
                kind="pre",
                question_count=1,
                opens_on=timezone.localdate(),
                closes_on=timezone.localdate(),
                acting_user=self.district_b_officer,
            )
