"""What officers type becomes exact satang, or a clear message."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from saisaat.budget.money import format_money, parse_money, round_percent
from saisaat.budget.tests.helpers import InEnglish
from saisaat.thai.digits import to_thai_digits


class ParseMoneyTests(InEnglish, SimpleTestCase):
    def test_it_reads_thousands_separators_and_satang(self):
        self.assertEqual(parse_money("1,234.50"), Decimal("1234.50"))
        self.assertEqual(parse_money("1234.5"), Decimal("1234.50"))
        self.assertEqual(parse_money("12,345,678"), Decimal("12345678.00"))

    def test_it_reads_thai_digits_and_baht_signs(self):
        self.assertEqual(parse_money("๑,๒๓๔.๕๐"), Decimal("1234.50"))
        self.assertEqual(parse_money("฿ 20"), Decimal("20.00"))
        self.assertEqual(parse_money("20 บาท"), Decimal("20.00"))

    def test_it_refuses_three_decimal_places(self):
        with self.assertRaisesMessage(ValidationError, "at most two decimal places"):
            parse_money("0.125")

    def test_it_accepts_trailing_zeros_beyond_satang(self):
        self.assertEqual(parse_money("1.500"), Decimal("1.50"))

    def test_it_refuses_negative_amounts_unless_allowed(self):
        with self.assertRaisesMessage(ValidationError, "cannot be negative"):
            parse_money("-5")
        self.assertEqual(parse_money("-5", allow_negative=True), Decimal("-5.00"))

    def test_it_refuses_text_and_misplaced_separators(self):
        for text in ["abc", "", "12,34", "1.2.3", "1,2345", "--5", "1e5", "NaN"]:
            with self.subTest(text=text), self.assertRaises(ValidationError):
                parse_money(text)

    def test_it_refuses_amounts_too_large_for_the_column(self):
        with self.assertRaisesMessage(ValidationError, "too large"):
            parse_money("1,000,000,000,000")

    def test_it_reads_spreadsheet_floats_as_the_cell_shows_them(self):
        self.assertEqual(parse_money(0.1 + 0.2), Decimal("0.30"))
        self.assertEqual(parse_money(1234.5), Decimal("1234.50"))
        with self.assertRaises(ValidationError):
            parse_money(0.125)
        with self.assertRaises(ValidationError):
            parse_money(float("nan"))

    def test_it_refuses_booleans(self):
        with self.assertRaises(ValidationError):
            parse_money(True)

    @given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
    def test_it_reads_back_what_it_formats(self, amount):
        self.assertEqual(parse_money(format_money(amount)), amount)
        self.assertEqual(parse_money(to_thai_digits(format_money(amount))), amount)


class RoundPercentTests(InEnglish, SimpleTestCase):
    def test_it_rounds_half_up_to_two_places(self):
        self.assertEqual(round_percent(Decimal("12.345")), Decimal("12.35"))
        self.assertEqual(round_percent(Decimal("12.344999")), Decimal("12.34"))
        self.assertEqual(round_percent(Decimal("0.005")), Decimal("0.01"))
        self.assertIsNone(round_percent(None))
