from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saisaat.thai.calendar import (
    BE_OFFSET,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    days_in_month,
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    format_thai_month,
    month_number,
    to_buddhist_year,
    to_common_year,
)

# Fiscal years of dates at the very ends of the date range would start or end outside it.
fiscal_dates = st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31))


def test_it_names_the_twelve_months_from_january():
    assert len(THAI_MONTHS) == 12
    assert THAI_MONTHS[0] == "มกราคม"
    assert THAI_MONTHS[1] == "กุมภาพันธ์"
    assert THAI_MONTHS[6] == "กรกฎาคม"
    assert THAI_MONTHS[11] == "ธันวาคม"


def test_it_abbreviates_the_twelve_months_the_standard_way():
    assert THAI_MONTHS_ABBR == (
        "ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ก.ค.",
        "ส.ค.",
        "ก.ย.",
        "ต.ค.",
        "พ.ย.",
        "ธ.ค.",
    )


def test_it_converts_between_common_and_buddhist_era_years():
    assert BE_OFFSET == 543
    assert to_buddhist_year(2023) == 2566
    assert to_common_year(2566) == 2023


@given(st.integers())
def test_it_gets_the_year_back_after_converting_to_buddhist_era_and_back(year):
    assert to_common_year(to_buddhist_year(year)) == year
    assert to_buddhist_year(to_common_year(year)) == year


def test_it_knows_how_many_days_each_month_has():
    assert days_in_month(2023, 2) == 28
    assert days_in_month(2024, 2) == 29
    assert days_in_month(2023, 12) == 31


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 9, 30), 2565),
        (date(2022, 10, 1), 2566),
        (date(2023, 1, 1), 2566),
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
        (datetime(2022, 10, 1, 8, 30), 2566),
    ],
)
def test_it_finds_the_buddhist_era_fiscal_year_of_a_date(day, expected):
    assert fiscal_year(day) == expected


def test_it_bounds_fiscal_year_2566_by_october_2022_and_september_2023():
    assert fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))


@given(fiscal_dates)
def test_it_puts_every_date_inside_the_bounds_of_its_fiscal_year(day):
    start, end = fiscal_year_bounds(fiscal_year(day))
    assert start <= day <= end
    assert fiscal_year(start) == fiscal_year(end) == fiscal_year(day)


@given(st.integers(min_value=545, max_value=10541))
def test_it_makes_consecutive_fiscal_years_meet_without_gap_or_overlap(be_year):
    assert fiscal_year_bounds(be_year)[1] + timedelta(days=1) == fiscal_year_bounds(be_year + 1)[0]


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(10, 1), (11, 1), (12, 1), (1, 2), (3, 2), (4, 3), (6, 3), (7, 4), (9, 4)],
)
def test_it_finds_the_fiscal_quarter_of_a_date(month, quarter):
    assert fiscal_quarter(date(2023, month, 15)) == quarter


@pytest.mark.parametrize(
    ("quarter", "bounds"),
    [
        (1, (date(2022, 10, 1), date(2022, 12, 31))),
        (2, (date(2023, 1, 1), date(2023, 3, 31))),
        (3, (date(2023, 4, 1), date(2023, 6, 30))),
        (4, (date(2023, 7, 1), date(2023, 9, 30))),
    ],
)
def test_it_bounds_the_fiscal_quarters_of_2566(quarter, bounds):
    assert fiscal_quarter_bounds(2566, quarter) == bounds


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_it_rejects_a_quarter_outside_one_to_four(quarter):
    with pytest.raises(ValueError, match=str(quarter)):
        fiscal_quarter_bounds(2566, quarter)


@given(fiscal_dates)
def test_it_puts_every_date_inside_the_bounds_of_its_fiscal_quarter(day):
    start, end = fiscal_quarter_bounds(fiscal_year(day), fiscal_quarter(day))
    assert start <= day <= end


def test_it_formats_a_date_with_the_full_month_name_and_buddhist_era_year():
    assert format_thai_date(date(2023, 1, 31)) == "31 มกราคม 2566"


def test_it_formats_a_date_with_an_abbreviated_month():
    assert format_thai_date(date(2023, 1, 31), abbreviated=True) == "31 ม.ค. 2566"


def test_it_formats_a_date_with_thai_digits():
    assert format_thai_date(date(2023, 1, 31), thai_digits=True) == "๓๑ มกราคม ๒๕๖๖"
    assert format_thai_date(date(2023, 1, 1), abbreviated=True, thai_digits=True) == "๑ ม.ค. ๒๕๖๖"


def test_it_formats_a_datetime_by_its_date():
    assert format_thai_date(datetime(2023, 1, 31, 23, 59)) == "31 มกราคม 2566"


def test_it_formats_a_month_from_a_date():
    assert format_thai_month(date(2023, 1, 31)) == "มกราคม 2566"
    assert format_thai_month(datetime(2023, 1, 31, 12)) == "มกราคม 2566"


def test_it_formats_a_month_from_a_common_era_year_and_month():
    assert format_thai_month((2023, 2)) == "กุมภาพันธ์ 2566"


def test_it_formats_a_month_abbreviated_and_with_thai_digits():
    assert format_thai_month((2023, 2), abbreviated=True) == "ก.พ. 2566"
    assert format_thai_month(date(2023, 2, 1), abbreviated=True, thai_digits=True) == "ก.พ. ๒๕๖๖"


def test_it_rejects_a_month_number_outside_one_to_twelve():
    with pytest.raises(ValueError, match="13"):
        format_thai_month((2023, 13))


@pytest.mark.parametrize(
    "name",
    ["ก.พ.", "ก.พ", "ก.พ..", "กพ", "ก. พ.", " ก.พ. ", "กพ.", "กุมภาพันธ์", "กุมภา", "ก.\u200bพ."],
)
def test_it_recognises_february_however_it_is_written(name):
    assert month_number(name) == 2


@pytest.mark.parametrize("name", ["มี.ค.", "มีค", "มี.ค", "มีนาคม", "มีนา"])
def test_it_recognises_march_however_it_is_written(name):
    assert month_number(name) == 3


@pytest.mark.parametrize(
    ("name", "number"),
    [("กรกฏาคม", 7), ("พฤศภาคม", 5), ("พฤษจิกายน", 11), ("เมย", 4), ("มิย", 6)],
)
def test_it_recognises_common_misspellings_and_dotless_abbreviations(name, number):
    assert month_number(name) == number


@pytest.mark.parametrize("name", ["", "xyz", "มกราคมม", "ม.ค.ก.พ.", "13", "พ.ศ."])
def test_it_rejects_an_unknown_month_name_quoting_it(name):
    with pytest.raises(ValueError) as error:
        month_number(name)
    assert f'"{name}"' in str(error.value)


@st.composite
def written_month_names(draw):
    """A month number and a varied spelling of its full name or abbreviation."""
    number = draw(st.integers(min_value=1, max_value=12))
    if draw(st.booleans()):
        name = THAI_MONTHS[number - 1]
    else:
        letters = THAI_MONTHS_ABBR[number - 1].rstrip(".").split(".")
        dots = st.sampled_from(["", ".", "..", ". ", " .", " . "])
        name = letters[0]
        for letter in letters[1:]:
            name += draw(dots) + letter
        name += draw(dots)
    padding = st.sampled_from(["", " ", "  ", "\t"])
    return number, draw(padding) + name + draw(padding)


@given(written_month_names())
def test_it_recognises_every_month_name_and_abbreviation_in_varied_spellings(written):
    number, name = written
    assert month_number(name) == number


def test_it_recognises_each_official_name_and_abbreviation():
    for index, (name, abbreviation) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_ABBR, strict=True)):
        assert month_number(name) == month_number(abbreviation) == index + 1
