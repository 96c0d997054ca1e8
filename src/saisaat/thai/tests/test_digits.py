from hypothesis import given
from hypothesis import strategies as st

from saisaat.thai.digits import ARABIC_DIGITS, THAI_DIGITS, to_arabic_digits, to_thai_digits


def test_it_converts_arabic_digits_to_thai_digits():
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"


def test_it_converts_an_integer_to_thai_digits():
    assert to_thai_digits(2566) == "๒๕๖๖"


def test_it_keeps_the_sign_of_a_negative_integer():
    assert to_thai_digits(-5) == "-๕"


def test_it_leaves_everything_but_digits_alone_when_converting_to_thai():
    assert to_thai_digits("31 ม.ค. 2566 (FY)") == "๓๑ ม.ค. ๒๕๖๖ (FY)"


def test_it_converts_thai_digits_to_arabic_digits():
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


def test_it_leaves_everything_but_thai_digits_alone_when_converting_to_arabic():
    assert to_arabic_digits("๓๑ ม.ค. ๒๕61") == "31 ม.ค. 2561"


@given(st.text(alphabet=st.characters(exclude_characters=THAI_DIGITS)))
def test_it_gets_text_back_after_a_round_trip_through_thai_digits(text):
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(st.text(alphabet=st.characters(exclude_characters=ARABIC_DIGITS)))
def test_it_gets_text_back_after_a_round_trip_through_arabic_digits(text):
    assert to_thai_digits(to_arabic_digits(text)) == text


@given(st.text())
def test_it_leaves_no_arabic_digit_after_converting_to_thai(text):
    assert not any(c in ARABIC_DIGITS for c in to_thai_digits(text))


@given(st.integers())
def test_it_converts_an_integer_like_its_decimal_text(number):
    assert to_thai_digits(number) == to_thai_digits(str(number))
    assert int(to_arabic_digits(to_thai_digits(number))) == number
