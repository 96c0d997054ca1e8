"""The demo's surveys: the two templates linked to the plan, realistic and idempotent."""

from saisaat.demo.surveys import seed_surveys_demo
from saisaat.surveys.catalog import MORAL_ORGANISATION, SERVICE
from saisaat.surveys.models import Answer, Survey
from saisaat.surveys.results import compute_results
from saisaat.testing.base import PersonaTestCase
from saisaat.thai.calendar import fiscal_year


class SeedDemoTests(PersonaTestCase):
    def test_it_creates_two_linked_open_surveys_with_mostly_satisfied_answers(self):
        result = seed_surveys_demo(self.province, 2566)
        self.assertEqual(result, {"surveys": 2, "responses": 70, "linked": 2})
        service = Survey.objects.get(template_key=SERVICE)
        moral = Survey.objects.get(template_key=MORAL_ORGANISATION)
        self.assertEqual(service.activity.measure.dimension.number, 2)
        self.assertEqual(moral.activity.measure.dimension.number, 4)
        self.assertTrue(service.is_open and moral.is_open)
        self.assertEqual(service.responses.count(), 40)
        self.assertEqual(moral.responses.count(), 30)
        for survey in (service, moral):
            results = compute_results(survey)
            self.assertGreater(results.overall.mean, 3.8)
            self.assertLess(results.overall.mean, 4.8)
            self.assertGreater(results.overall.percent_satisfied, 70)
            self.assertLess(results.overall.percent_satisfied, 100)
            for response in survey.responses.all():
                self.assertEqual(fiscal_year(response.submitted_at.date()), 2566)
        self.assertTrue(Answer.objects.filter(response__survey=service).exclude(text="").exists())

    def test_it_changes_nothing_when_run_again(self):
        seed_surveys_demo(self.province, 2566)
        answers = Answer.objects.count()
        self.assertEqual(
            seed_surveys_demo(self.province, 2566), {"surveys": 0, "responses": 0, "linked": 2}
        )
        self.assertEqual(Survey.objects.count(), 2)
        self.assertEqual(Answer.objects.count(), answers)
