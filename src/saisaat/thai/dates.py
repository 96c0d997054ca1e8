"""Dates as Thai users type them: ``15/03/2566``, ``2566-03-15``, ``15/3/66``, ``๑๕/๐๓/๒๕๖๖``,
``15 มี.ค. 2566``; Buddhist-era years by habit, Common Era years accepted too.

``parse_date_input`` reads such text into a ``date``; ``format_date_input`` writes a date back
the way the date fields show it (``15/03/2566``), so that the two round-trip.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from saisaat.thai.calendar import month_number, to_buddhist_year, to_common_year
from saisaat.thai.digits import to_arabic_digits

BE_YEARS = range(2400, 2701)
"""A four-digit year in this range is Buddhist-era (2400 = 1857, 2700 = 2157)."""

CE_YEARS = range(1900, 2201)
"""A four-digit year in this range is Common Era. The two ranges do not overlap, so a year
is never ambiguous; anything outside both is refused as implausible."""

INPUT_FORMAT_HINT = "วว/ดด/ปปปป"
"""The placeholder of a date field: day/month/Buddhist-era year."""


class DateInputError(ValueError):
    """Raised by ``parse_date_input``; ``code`` says why (``invalid``, ``year``, ``day``)."""

    def __init__(self, text: str, code: str, year: int | None = None):
        self.text = text
        self.code = code
        self.year = year
        super().__init__(f"cannot read the date {text!r} ({code})")


_NOISE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LEADING = re.compile(r"^(?:วันที่)\s*")
_ERA = re.compile(r"(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?)")
_NUMERIC = re.compile(r"^(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})$")
_WITH_MONTH_NAME = re.compile(r"^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(\d{2,4})$")


def _year(digits: str, text: str, two_digit_years: bool) -> int:
    """The Common Era year of the typed ``digits``."""
    if len(digits) == 2 and two_digit_years:
        # Two digits are the Buddhist-era year's last two, as in plans and letters: 66 = 2566.
        return to_common_year(2500 + int(digits))
    if len(digits) != 4:
        raise DateInputError(text, "year", int(digits))
    year = int(digits)
    if year in BE_YEARS:
        return to_common_year(year)
    if year in CE_YEARS:
        return year
    raise DateInputError(text, "year", year)


def _day(year: int, month: int, day: int, text: str) -> date:
    if not 1 <= month <= 12:
        raise DateInputError(text, "invalid")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateInputError(text, "day") from None


def parse_date_input(text: str, *, two_digit_years: bool = True) -> date:
    """Read a date as typed by a Thai user.

    Day first (``15/03/2566``, ``15-3-2566``, ``15.3.66``) unless the first number has four
    digits (``2566-03-15``, ``2023-03-15``); a Thai month name or abbreviation may stand for
    the month (``15 มี.ค. 2566``); Thai digits and a ``พ.ศ.``/``ค.ศ.`` before the year are
    fine. A four-digit year in 2400-2700 is Buddhist-era, in 1900-2200 Common Era; two digits
    are a Buddhist-era year's last two (``66`` = 2566) unless ``two_digit_years`` is false
    (a spreadsheet import, where a short year is more likely a mistake than a habit).

    Raises ``DateInputError`` with ``code`` ``invalid`` (not a date), ``year`` (an implausible
    year) or ``day`` (no such day in that month).
    """
    cleaned = unicodedata.normalize("NFC", to_arabic_digits(_NOISE.sub("", text))).strip()
    cleaned = _ERA.sub(" ", _LEADING.sub("", cleaned)).strip()
    match = _NUMERIC.match(cleaned)
    if match:
        first, second, third = match.groups()
        if len(first) == 4:
            year_digits, month, day = first, int(second), int(third)
        elif len(third) in (2, 4):
            year_digits, month, day = third, int(second), int(first)
        else:
            raise DateInputError(text, "invalid")
        return _day(_year(year_digits, text, two_digit_years), month, day, text)
    match = _WITH_MONTH_NAME.match(cleaned)
    if match:
        try:
            month = month_number(match[2])
        except ValueError:
            raise DateInputError(text, "invalid") from None
        return _day(_year(match[3], text, two_digit_years), month, int(match[1]), text)
    raise DateInputError(text, "invalid")


def format_date_input(value: date) -> str:
    """``value`` the way a date field shows it: ``15/03/2566`` (day/month/Buddhist-era year)."""
    return f"{value.day:02d}/{value.month:02d}/{to_buddhist_year(value.year)}"
