from django.test import SimpleTestCase

from saisaat.plans.years import chosen_year
from saisaat.thai.numbers import is_number


class IsNumberTests(SimpleTestCase):
    def test_plain_ascii_digits_only_and_not_too_many(self):
        self.assertTrue(is_number("2566"))
        for text in ("", "²", "٢٥٦٦", "๒๕๖๖", "-1", "1.5", "1" * 10, None):
            with self.subTest(text=text):
                self.assertFalse(is_number(text))

    def test_a_superscript_year_falls_back_instead_of_failing(self):
        from datetime import date

        self.assertEqual(chosen_year("²", [2566], date(2023, 1, 1)), 2566)
