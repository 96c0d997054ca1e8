"""Periods written the way Thai government plans write them, e.g. ``ต.ค. ๖๕ – ก.พ. ๖๖``.

``parse_period`` turns such text into a ``Period`` running from its first to its last day, and
``format_period`` writes a ``Period`` back in the abbreviated form, so that
``parse_period(format_period(p)) == p``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from saisaat.thai.calendar import (
    THAI_MONTHS_ABBR,
    days_in_month,
    local_date,
    month_number,
    to_buddhist_year,
    to_common_year,
)
from saisaat.thai.digits import to_arabic_digits, to_thai_digits

PERIOD_DASH = "–"
"""The dash ``format_period`` puts between the start and the end of a period."""


@dataclass(frozen=True)
class Period:
    """An inclusive range of days from ``start`` to ``end``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"period start {self.start} is after its end {self.end}")

    def __contains__(self, item: object) -> bool:
        if isinstance(item, datetime):
            item = local_date(item)
        if not isinstance(item, date):
            raise TypeError(f"a Period contains dates, not {type(item).__name__}")
        return self.start <= item <= self.end

    def __str__(self) -> str:
        return format_period(self)

    @property
    def months(self) -> tuple[date, ...]:
        """The first day of every calendar month the period touches, in order."""
        first, last = (self.start.year, self.start.month), (self.end.year, self.end.month)
        result = []
        year, month = first
        while (year, month) <= last:
            result.append(date(year, month, 1))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(result)


class PeriodParseError(ValueError):
    """Raised by ``parse_period`` for text it cannot read; ``text`` is the text as given."""

    def __init__(self, text: str, reason_th: str | None = None, reason_en: str | None = None):
        self.text = text
        if reason_th and reason_en:
            message = (
                f'ไม่สามารถอ่านช่วงเวลา "{text}" ได้: {reason_th} '
                f'(cannot read the period "{text}": {reason_en})'
            )
        else:
            message = f'ไม่สามารถอ่านช่วงเวลา "{text}" ได้ (cannot read the period "{text}")'
        super().__init__(message)


_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LEADING_WORDS = re.compile(r"^\s*(?:ตั้งแต่|ระหว่าง)\s*")
# Hyphen-minus, the Unicode hyphens and dashes U+2010..U+2015, minus sign, small and fullwidth
# hyphen-minus: plans are typed in many word processors that substitute one for another.
_SEPARATOR = re.compile(r"\s*(?:[\-\u2010-\u2015\u2212\ufe63\uff0d]+|ถึง|จนถึง)\s*")
_ENDPOINT = re.compile(
    r"""
    ^\s*(?:เดือน)?\s*
    (?:(?:วันที่)?\s*(?P<day>[0-9]{1,2})\s*)?
    (?:เดือน)?\s*
    (?P<month>[^0-9]+?)\s*
    (?:(?:ปี)?\s*(?:พ\s*\.*\s*ศ\s*\.*)?\s*(?P<year>[0-9]+))?
    \s*$
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Endpoint:
    day: int | None
    month: int
    year: int | None  # Common Era


def _parse_year(digits: str, text: str) -> int:
    if len(digits) == 2:
        be_year = 2500 + int(digits)
    elif 3 <= len(digits) <= 5:
        be_year = int(digits)
    else:
        raise PeriodParseError(text, f'ปี "{digits}" ไม่ถูกต้อง', f'invalid year "{digits}"')
    ce_year = to_common_year(be_year)
    if not 1 <= ce_year <= 9999:
        raise PeriodParseError(text, f'ปี "{digits}" ไม่ถูกต้อง', f'invalid year "{digits}"')
    return ce_year


def _parse_endpoint(part: str, text: str) -> _Endpoint:
    match = _ENDPOINT.match(part)
    if match is None:
        raise PeriodParseError(text)
    try:
        month = month_number(match["month"])
    except ValueError:
        name = match["month"].strip()
        raise PeriodParseError(text, f'ไม่รู้จักชื่อเดือน "{name}"', f'unknown month "{name}"') from None
    day = int(match["day"]) if match["day"] else None
    year = _parse_year(match["year"], text) if match["year"] else None
    return _Endpoint(day, month, year)


def _endpoint_date(endpoint: _Endpoint, year: int, text: str, *, is_end: bool) -> date:
    """The date of ``endpoint`` in ``year``; without a day, the start or end of its month."""
    if not 1 <= year <= 9999:
        raise PeriodParseError(text, "ปีอยู่นอกช่วงที่รองรับ", "the year is out of range")
    last_day = days_in_month(year, endpoint.month)
    if endpoint.day is not None:
        day = endpoint.day
    else:
        day = last_day if is_end else 1
    if not 1 <= day <= last_day:
        raise PeriodParseError(
            text, f"เดือนนั้นไม่มีวันที่ {day}", f"day {day} does not exist in that month"
        )
    return date(year, endpoint.month, day)


def parse_period(text: str) -> Period:
    """Parse a period as Thai government plans write it into its first and last day.

    Accepted forms include ``ม.ค. - ก.พ. ๖๖``, ``ต.ค. ๖๕ – ก.พ. ๖๖``, ``มี.ค. ๖๖``,
    ``มกราคม – มิถุนายน ๒๕๖๖``, ``เดือนมกราคม – มิถุนายน พ.ศ. ๒๕๖๖`` and
    ``1 ตุลาคม 2565 – 31 สิงหาคม 2566``. Any dash (or ``ถึง``) separates the ends; spaces and
    the dots of abbreviations are tolerated; digits may be Thai, Arabic or mixed. Years are
    Buddhist-era: two digits mean 25xx. When only one end carries a year, the other end is in
    the same year unless that would put the start after the end, in which case the period
    crosses a year boundary (``ต.ค. - ก.พ. ๖๖`` starts in October 2565). Without a day the
    period starts on the 1st of its first month and ends on the last day of its last month.

    Raises ``PeriodParseError`` when the text cannot be read.
    """
    normalized = unicodedata.normalize("NFC", to_arabic_digits(text))
    normalized = _LEADING_WORDS.sub("", _INVISIBLE.sub(" ", normalized)).strip()
    if not normalized:
        raise PeriodParseError(text, "ข้อความว่าง", "the text is empty")

    parts = _SEPARATOR.split(normalized)
    if len(parts) > 2 or not all(parts):
        raise PeriodParseError(text)
    first = _parse_endpoint(parts[0], text)
    last = _parse_endpoint(parts[-1], text)

    if first.year is not None:
        start_year = first.year
    elif last.year is not None:
        start_year = last.year - 1 if first.month > last.month else last.year
    else:
        raise PeriodParseError(text, "ไม่ได้ระบุปี", "no year is given")
    if last.year is not None:
        end_year = last.year
    else:
        end_year = start_year + 1 if last.month < first.month else start_year

    start = _endpoint_date(first, start_year, text, is_end=False)
    end = _endpoint_date(last, end_year, text, is_end=True)
    if start > end:
        raise PeriodParseError(text, "วันเริ่มต้นอยู่หลังวันสิ้นสุด", "the start is after the end")
    return Period(start, end)


def format_period(period: Period, *, thai_digits: bool = False) -> str:
    """Write ``period`` in the abbreviated form used in plans.

    ``ม.ค. – ก.พ. 2566`` within one year, ``ต.ค. 2565 – ก.พ. 2566`` across years, ``มี.ค. 2566``
    for a single month, and with days (``15 ม.ค. – 10 ก.พ. 2566``) when the period does not
    start on the 1st of a month or does not end on the last day of a month.
    """
    start, end = period.start, period.end

    def month_year(d: date) -> str:
        return f"{THAI_MONTHS_ABBR[d.month - 1]} {to_buddhist_year(d.year)}"

    whole_months = start.day == 1 and end.day == days_in_month(end.year, end.month)
    if whole_months:
        if (start.year, start.month) == (end.year, end.month):
            text = month_year(end)
        elif start.year == end.year:
            text = f"{THAI_MONTHS_ABBR[start.month - 1]} {PERIOD_DASH} {month_year(end)}"
        else:
            text = f"{month_year(start)} {PERIOD_DASH} {month_year(end)}"
    elif start == end:
        text = f"{end.day} {month_year(end)}"
    elif start.year == end.year:
        text = (
            f"{start.day} {THAI_MONTHS_ABBR[start.month - 1]} {PERIOD_DASH} "
            f"{end.day} {month_year(end)}"
        )
    else:
        text = f"{start.day} {month_year(start)} {PERIOD_DASH} {end.day} {month_year(end)}"
    return to_thai_digits(text) if thai_digits else text
