from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from saisaat.thai.calendar import (
    fiscal_quarter,
    fiscal_year,
    format_thai_date,
    format_thai_month,
    local_date,
)
from saisaat.thai.dates import DateInputError, format_date_input, parse_date_input
from saisaat.thai.digits import to_thai_digits
from saisaat.thai.forms import ThaiDateField, ThaiDateInput
from saisaat.thai.periods import Period

BANGKOK = ZoneInfo("Asia/Bangkok")
# 1 October 2565 B.E. (2022) at 03:00 in Bangkok is still 30 September in UTC.
NEW_YEAR_NIGHT = datetime(2022, 10, 1, 3, 0, tzinfo=BANGKOK).astimezone(UTC)


def test_a_timestamp_at_three_in_the_morning_belongs_to_the_bangkok_day():
    assert NEW_YEAR_NIGHT.date() == date(2022, 9, 30)
    assert local_date(NEW_YEAR_NIGHT) == date(2022, 10, 1)
    assert fiscal_year(NEW_YEAR_NIGHT) == 2566
    assert fiscal_quarter(NEW_YEAR_NIGHT) == 1
    assert format_thai_date(NEW_YEAR_NIGHT) == "1 ตุลาคม 2565"
    assert format_thai_month(NEW_YEAR_NIGHT) == "ตุลาคม 2565"
    assert NEW_YEAR_NIGHT in Period(date(2022, 10, 1), date(2022, 10, 31))


def test_the_office_time_zone_is_the_setting_not_a_constant():
    with timezone.override(ZoneInfo("UTC")):
        assert local_date(NEW_YEAR_NIGHT) == date(2022, 9, 30)
        assert fiscal_year(NEW_YEAR_NIGHT) == 2565


def test_dates_and_naive_datetimes_are_taken_as_they_are():
    assert local_date(date(2023, 3, 15)) == date(2023, 3, 15)
    assert local_date(datetime(2023, 3, 15, 23, 59)) == date(2023, 3, 15)


@pytest.mark.parametrize(
    "text",
    [
        "15/03/2566",
        "15/3/2566",
        "2566-03-15",
        "15/3/66",
        "15-03-2566",
        "15.03.2566",
        "๑๕/๐๓/๒๕๖๖",
        "๒๕๖๖-๐๓-๑๕",
        "15/03/2023",
        "2023-03-15",
        "15 มี.ค. 2566",
        "15 มีนาคม พ.ศ. 2566",
        "วันที่ 15 มี.ค. 66",
        " 15 / 03 / 2566 ",
    ],
)
def test_it_reads_what_thai_users_type(text):
    assert parse_date_input(text) == date(2023, 3, 15)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("15/03/3109", "year"),
        ("15/03/1800", "year"),
        ("15/03/2300", "year"),
        ("15/03/566", "invalid"),
        ("31/02/2566", "day"),
        ("15/13/2566", "invalid"),
        ("yesterday", "invalid"),
        ("", "invalid"),
        ("15 ฟ้า 2566", "invalid"),
    ],
)
def test_it_refuses_what_is_not_a_plausible_date(text, code):
    with pytest.raises(DateInputError) as raised:
        parse_date_input(text)
    assert raised.value.code == code


@given(st.dates(min_value=date(1857, 1, 1), max_value=date(2157, 12, 31)))
def test_what_a_field_shows_reads_back_as_the_same_day(day):
    shown = format_date_input(day)
    assert parse_date_input(shown) == day
    assert parse_date_input(to_thai_digits(shown)) == day
    if day.year >= 1900:
        assert parse_date_input(day.isoformat()) == day


@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)))
def test_two_digit_years_are_buddhist_era(day):
    typed = f"{day.day}/{day.month}/{(day.year + 543) % 100:02d}"
    assert parse_date_input(typed) == day


def test_the_field_shows_a_buddhist_era_date_and_refuses_in_thai(settings):
    widget = ThaiDateInput()
    assert widget.format_value(date(2023, 3, 15)) == "15/03/2566"
    assert widget.format_value(NEW_YEAR_NIGHT) == "01/10/2565"
    assert 'type="text"' in widget.render("d", date(2023, 3, 15))
    field = ThaiDateField()
    assert field.clean("15/03/2566") == date(2023, 3, 15)
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("th"), pytest.raises(ValidationError) as raised:
        field.clean("15/03/3109")
    assert "3109" in raised.value.messages[0]
    assert "พุทธศักราช" in raised.value.messages[0]
    assert raised.value.code == "year"


@override_settings(TIME_ZONE="Asia/Bangkok")
def test_the_date_tag_shows_the_bangkok_day():
    from django.template import Context, Template

    html = Template("{% load thai %}{% thai_date when %}|{% date_input when %}").render(
        Context({"when": NEW_YEAR_NIGHT})
    )
    assert html == "1 ตุลาคม 2565|01/10/2565"
