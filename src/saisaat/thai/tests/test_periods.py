from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saisaat.thai.calendar import THAI_MONTHS, THAI_MONTHS_ABBR, days_in_month
from saisaat.thai.digits import THAI_DIGITS
from saisaat.thai.periods import Period, PeriodParseError, format_period, parse_period

DASHES = ["-", "–", "—", "‐", "‑"]


def period(start: tuple[int, int, int], end: tuple[int, int, int]) -> Period:
    return Period(date(*start), date(*end))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ม.ค. - ก.พ. ๖๖", period((2023, 1, 1), (2023, 2, 28))),
        ("ต.ค. ๖๕ – ก.พ. ๖๖", period((2022, 10, 1), (2023, 2, 28))),
        ("ม.ค. – ก.ย. ๖๖", period((2023, 1, 1), (2023, 9, 30))),
        ("ม.ค. - ก.พ.. ๖๖", period((2023, 1, 1), (2023, 2, 28))),
        ("มกราคม – มิถุนายน ๒๕๖๖", period((2023, 1, 1), (2023, 6, 30))),
        ("1 ตุลาคม 2565 – 31 สิงหาคม 2566", period((2022, 10, 1), (2023, 8, 31))),
        ("๑ ต.ค. ๖๕ - ๓๑ ส.ค. ๖๖", period((2022, 10, 1), (2023, 8, 31))),
        ("เดือนมกราคม – มิถุนายน ๒๕๖๖", period((2023, 1, 1), (2023, 6, 30))),
    ],
)
def test_it_reads_periods_as_plans_write_them(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("dash", DASHES)
@pytest.mark.parametrize("spacing", ["", " ", "   "])
def test_it_accepts_any_dash_with_or_without_spaces(dash, spacing):
    text = f"ม.ค.{spacing}{dash}{spacing}ก.พ. ๖๖"
    assert parse_period(text) == period((2023, 1, 1), (2023, 2, 28))


def test_it_ignores_stray_and_repeated_spaces():
    text = "  ม.ค.   -   ก.พ.    ๖๖  "
    assert parse_period(text) == period((2023, 1, 1), (2023, 2, 28))


@pytest.mark.parametrize(
    "year", ["๖๖", "66", "๒๕๖๖", "2566", "๒๕66", "25๖6", "พ.ศ. ๒๕๖๖", "พ.ศ.2566"]
)
def test_it_reads_two_and_four_digit_years_in_any_digits(year):
    assert parse_period(f"ม.ค. - ก.พ. {year}") == period((2023, 1, 1), (2023, 2, 28))


def test_it_reads_mixed_thai_and_arabic_digits_in_a_year():
    assert parse_period("มี.ค. ๒๕61") == period((2018, 3, 1), (2018, 3, 31))


def test_it_reads_a_single_month_as_the_whole_month():
    assert parse_period("มี.ค. ๖๖") == period((2023, 3, 1), (2023, 3, 31))


def test_it_reads_a_single_full_date_as_that_day():
    assert parse_period("15 มีนาคม 2566") == period((2023, 3, 15), (2023, 3, 15))


def test_it_puts_the_start_in_the_previous_year_when_the_period_crosses_new_year():
    assert parse_period("ต.ค. - ก.พ. ๖๖") == period((2022, 10, 1), (2023, 2, 28))


def test_it_puts_the_end_in_the_next_year_when_only_the_start_has_a_year():
    assert parse_period("ต.ค. ๖๕ - ก.พ.") == period((2022, 10, 1), (2023, 2, 28))


def test_it_ends_february_on_the_29th_in_a_leap_year():
    assert parse_period("ก.พ. ๖๗") == period((2024, 2, 1), (2024, 2, 29))
    assert parse_period("ม.ค. - ก.พ. 2567") == period((2024, 1, 1), (2024, 2, 29))


def test_it_keeps_the_days_given_within_one_year():
    assert parse_period("15 ม.ค. – 10 ก.พ. 66") == period((2023, 1, 15), (2023, 2, 10))


def test_it_reads_the_wording_of_formal_documents():
    text = "ตั้งแต่วันที่ 1 ตุลาคม พ.ศ. 2565 ถึงวันที่ 30 กันยายน พ.ศ. 2566"
    assert parse_period(text) == period((2022, 10, 1), (2023, 9, 30))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "xyz",
        "2566",
        "ม.ค. - ก.พ.",
        "มกราคม",
        "ม.ค. - xyz ๖๖",
        "foo ๖๖",
        "มี.ค. ๖๖ - ม.ค. ๖๖",
        "15 ม.ค. - 10 ม.ค. ๖๖",
        "29 ก.พ. ๖๖",
        "30 ก.พ. ๖๗ - มี.ค. ๖๗",
        "1 ม.ค. - 32 ม.ค. ๖๖",
        "0 ม.ค. ๖๖",
        "ม.ค. - ก.พ. - มี.ค. ๖๖",
        "- ก.พ. ๖๖",
        "ม.ค. -",
        "ม.ค. 6",
        "ม.ค. 123456",
        "ม.ค. 543",
        "ต.ค. - ม.ค. 544",
        "ต.ค. 10542 - ม.ค.",
    ],
)
def test_it_refuses_unreadable_text_quoting_it_in_thai_then_english(text):
    with pytest.raises(PeriodParseError) as error:
        parse_period(text)
    message = str(error.value)
    assert error.value.text == text
    assert message.startswith(f'ไม่สามารถอ่านช่วงเวลา "{text}" ได้')
    assert f'(cannot read the period "{text}"' in message


def test_it_raises_a_value_error_so_callers_can_catch_either():
    with pytest.raises(ValueError):
        parse_period("xyz")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("ม.ค. - ก.พ.", "no year"),
        ("ม.ค. - xyz ๖๖", 'unknown month "xyz"'),
        ("มี.ค. ๖๖ - ม.ค. ๖๖", "start is after the end"),
        ("29 ก.พ. ๖๖", "day 29"),
    ],
)
def test_it_explains_why_it_cannot_read_a_period(text, reason):
    with pytest.raises(PeriodParseError, match=reason):
        parse_period(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (period((2023, 1, 1), (2023, 2, 28)), "ม.ค. – ก.พ. 2566"),
        (period((2022, 10, 1), (2023, 2, 28)), "ต.ค. 2565 – ก.พ. 2566"),
        (period((2023, 3, 1), (2023, 3, 31)), "มี.ค. 2566"),
        (period((2023, 1, 15), (2023, 2, 28)), "15 ม.ค. – 28 ก.พ. 2566"),
        (period((2023, 1, 1), (2023, 2, 10)), "1 ม.ค. – 10 ก.พ. 2566"),
        (period((2022, 10, 15), (2023, 2, 10)), "15 ต.ค. 2565 – 10 ก.พ. 2566"),
        (period((2023, 3, 15), (2023, 3, 15)), "15 มี.ค. 2566"),
    ],
)
def test_it_formats_a_period_in_the_abbreviated_form(value, text):
    assert format_period(value) == text


def test_it_formats_a_period_with_thai_digits():
    value = period((2022, 10, 1), (2023, 2, 28))
    assert format_period(value, thai_digits=True) == "ต.ค. ๒๕๖๕ – ก.พ. ๒๕๖๖"


def test_it_prints_as_its_formatted_text():
    assert str(period((2023, 1, 1), (2023, 2, 28))) == "ม.ค. – ก.พ. 2566"


def test_it_contains_the_days_from_its_start_to_its_end():
    value = period((2023, 1, 1), (2023, 2, 28))
    assert date(2023, 1, 1) in value
    assert date(2023, 2, 28) in value
    assert datetime(2023, 2, 28, 23, 59) in value
    assert date(2022, 12, 31) not in value
    assert date(2023, 3, 1) not in value


def test_it_refuses_to_say_whether_it_contains_something_other_than_a_date():
    with pytest.raises(TypeError):
        _ = "2023-01-01" in period((2023, 1, 1), (2023, 2, 28))


def test_it_lists_the_first_day_of_every_month_it_touches():
    value = period((2022, 11, 15), (2023, 2, 1))
    assert value.months == (
        date(2022, 11, 1),
        date(2022, 12, 1),
        date(2023, 1, 1),
        date(2023, 2, 1),
    )


def test_it_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(ValueError):
        period((2023, 2, 1), (2023, 1, 31))


@st.composite
def periods(draw, min_value=date.min, max_value=date.max):
    """Arbitrary periods, often snapped to whole months as plans usually are."""
    start = draw(st.dates(min_value=min_value, max_value=max_value))
    end = draw(st.dates(min_value=start, max_value=max_value))
    if draw(st.booleans()):
        start = start.replace(day=1)
    if draw(st.booleans()):
        end = end.replace(day=days_in_month(end.year, end.month))
    if draw(st.booleans()) and end.year < max_value.year:
        # Keep short periods common: they exercise the same-month and same-year forms.
        end = draw(st.dates(min_value=start, max_value=start.replace(year=start.year + 1, day=1)))
    return Period(start, end)


@given(periods(), st.booleans())
def test_it_reads_back_every_period_it_formats(value, thai_digits):
    assert parse_period(format_period(value, thai_digits=thai_digits)) == value


def mixed_digits(draw, number: int, width: int = 0) -> str:
    """``number`` written with each digit randomly Thai or Arabic."""
    digits = str(number).zfill(width)
    return "".join(THAI_DIGITS[int(c)] if draw(st.booleans()) else c for c in digits)


def written_month(draw, month: int) -> str:
    """A month as people type it: full name, or the abbreviation with dots dropped or doubled."""
    if draw(st.booleans()):
        return THAI_MONTHS[month - 1]
    letters = THAI_MONTHS_ABBR[month - 1].rstrip(".").split(".")
    dots = st.sampled_from(["", ".", "..", ". ", " ."])
    written = letters[0]
    for letter in letters[1:]:
        written += draw(dots) + letter
    return written + draw(dots)


def written_year(draw, ce_year: int) -> str:
    be_year = ce_year + 543
    if 2500 <= be_year <= 2599 and draw(st.booleans()):
        digits = mixed_digits(draw, be_year - 2500, width=2)
    else:
        digits = mixed_digits(draw, be_year)
    prefix = draw(st.sampled_from(["", "พ.ศ. ", "พ.ศ.", "พ.ศ "]))
    return prefix + digits


def written_endpoint(draw, day: date, with_day: bool, with_year: bool) -> str:
    space = st.sampled_from(["", " ", "  "])
    text = ""
    if with_day:
        text += mixed_digits(draw, day.day, width=draw(st.sampled_from([0, 2]))) + draw(space)
    elif draw(st.booleans()):
        text += "เดือน"
    text += written_month(draw, day.month)
    if with_year:
        text += draw(space) + written_year(draw, day.year)
    return text


@st.composite
def written_periods(draw):
    """A period in plan years and a randomly varied way of writing it."""
    value = draw(periods(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    start, end = value.start, value.end
    whole_months = start.day == 1 and end.day == days_in_month(end.year, end.month)
    with_days = not whole_months or draw(st.booleans())

    single_month = whole_months and (start.year, start.month) == (end.year, end.month)
    if start == end or single_month:
        if draw(st.booleans()):
            text = written_endpoint(draw, start, with_days and start == end, with_year=True)
            return value, draw(st.sampled_from(["", " "])) + text

    # A year may be left out where parse_period infers it: the other end's year, or the year
    # before it when the period crosses new year.
    start_year_inferable = start.year == end.year or (
        start.year + 1 == end.year and start.month > end.month
    )
    end_year_inferable = start.year == end.year or (
        start.year + 1 == end.year and end.month < start.month
    )
    with_start_year, with_end_year = draw(
        st.sampled_from(
            [(True, True)]
            + ([(False, True)] if start_year_inferable else [])
            + ([(True, False)] if end_year_inferable else [])
        )
    )
    space = st.sampled_from(["", " ", "  "])
    text = (
        draw(space)
        + written_endpoint(draw, start, with_days, with_start_year)
        + draw(space)
        + draw(st.sampled_from(DASHES))
        + draw(space)
        + written_endpoint(draw, end, with_days, with_end_year)
        + draw(space)
    )
    return value, text


@given(written_periods())
def test_it_reads_any_usual_way_of_writing_a_period(written):
    value, text = written
    assert parse_period(text) == value
