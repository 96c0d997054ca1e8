import json
from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command

from saisaat.orgs.models import StaffMember
from saisaat.participation.models import Certificate, Course
from saisaat.testing.base import PersonaTestCase


class IndicatorsCommandTests(PersonaTestCase):
    def run_command(self, *args):
        out = StringIO()
        call_command("indicators", *args, stdout=out)
        return out.getvalue()

    def test_it_prints_each_target_with_value_threshold_grade_and_status(self):
        course = Course.objects.get(code="pacc-e-learning")
        people = [
            StaffMember.objects.create(unit=self.province, first_name=f"ก{n}", last_name="ข")
            for n in range(5)
        ]
        for person in people[:4]:
            Certificate.objects.create(staff=person, course=course, issued_on=date(2023, 5, 1))
        data = json.loads(self.run_command("--unit", "43", "--year", "2566", "--json"))
        self.assertEqual((data["unit"], data["fiscal_year"], data["rolled_up"]), ("43", 2566, True))
        self.assertEqual(len(data["indicators"]), 18)
        certified = next(i for i in data["indicators"] if i["metric"] == "staff_certified")
        self.assertEqual(certified["value"], 80.0)
        self.assertEqual(certified["threshold"], 80.0)
        self.assertEqual((certified["numerator"], certified["denominator"]), (4, 5))
        self.assertEqual((certified["grade"], certified["status"]), (2, "met"))
        self.assertEqual(len(certified["trend"]), 4)
        self.assertEqual(data["summary"]["not_measured"], 0)
        channels = next(i for i in data["indicators"] if i["metric"] == "complaint_channels")
        self.assertEqual((channels["value"], channels["grade"]), (0.0, 0))

    def test_it_measures_as_of_a_date(self):
        data = json.loads(
            self.run_command("--unit", "4301", "--year", "๒๕๖๖", "--as-of", "2023-03-31", "--json")
        )
        self.assertEqual(data["as_of"], "2023-03-31")
        self.assertTrue(all(i["dimension"] != 1 or i["measure"] != 3 for i in data["indicators"]))

    def test_it_refuses_bad_arguments(self):
        for args in (
            ("--unit", "99", "--year", "2566"),
            ("--unit", "43", "--year", "2023"),
            ("--unit", "43", "--year", "2567"),
            ("--unit", "43", "--year", "2566", "--as-of", "31/03/2566"),
        ):
            with self.assertRaises(CommandError):
                self.run_command(*args)
