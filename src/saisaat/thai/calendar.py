"""Thai calendar helpers: month names, Buddhist-era years, fiscal years and date formatting.

The Thai government fiscal year runs from 1 October to 30 September and is named after the
Buddhist-era (BE) year in which it ends: fiscal year 2566 is 1 October 2022 to 30 September 2023.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from datetime import date, datetime

from django.utils import timezone

from saisaat.thai.digits import to_thai_digits

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
"""Full Thai month names; index 0 is January."""

THAI_MONTHS_ABBR: tuple[str, ...] = (
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
"""Standard Thai month abbreviations; index 0 is January."""

BE_OFFSET = 543
"""Difference between a Buddhist-era year and the Common Era year it mostly overlaps."""

FISCAL_YEAR_START_MONTH = 10

# Spellings found in real plans besides the official ones: colloquial short forms and
# frequent misspellings (ฏ for ฎ in กรกฎาคม, ษ/ศ swapped in พฤษภาคม and พฤศจิกายน).
_ALTERNATIVE_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("มกรา",),
    2: ("กุมภา",),
    3: ("มีนา",),
    4: ("เมษา",),
    5: ("พฤษภา", "พฤศภาคม"),
    6: ("มิถุนา",),
    7: ("กรกฎา", "กรกฏาคม", "กรกฏา"),
    8: ("สิงหา",),
    9: ("กันยา",),
    10: ("ตุลา",),
    11: ("พฤศจิกา", "พฤษจิกายน"),
    12: ("ธันวา",),
}

# Dots and any kind of space (including zero-width ones pasted from word processors) carry no
# meaning inside a month name, so they are dropped before looking the name up.
_MONTH_NAME_NOISE = re.compile(r"[\s.\u200b\u200c\u200d\u2060\ufeff]+")


def _month_key(name: str) -> str:
    return _MONTH_NAME_NOISE.sub("", unicodedata.normalize("NFC", name))


def _build_month_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for number in range(1, 13):
        names = (
            THAI_MONTHS[number - 1],
            THAI_MONTHS_ABBR[number - 1],
            *_ALTERNATIVE_MONTH_NAMES[number],
        )
        for name in names:
            key = _month_key(name)
            if lookup.setdefault(key, number) != number:
                raise AssertionError(f"month spelling {name!r} is ambiguous")
    return lookup


_MONTH_LOOKUP = _build_month_lookup()


def month_number(name: str) -> int:
    """Return the month number (1-12) for a Thai month name or abbreviation.

    Dots and spaces are ignored, so ``ก.พ.``, ``ก.พ``, ``ก.พ..``, ``กพ`` and ``ก. พ.`` are all
    February, as are ``กุมภาพันธ์`` and the colloquial ``กุมภา``.

    Raises ``ValueError`` quoting ``name`` when it is not a recognised month.
    """
    number = _MONTH_LOOKUP.get(_month_key(name))
    if number is None:
        raise ValueError(f'ไม่รู้จักชื่อเดือน "{name}" (unknown Thai month name "{name}")')
    return number


def to_buddhist_year(ce_year: int) -> int:
    """Convert a Common Era year to the Buddhist-era year: 2023 -> 2566."""
    return ce_year + BE_OFFSET


def to_common_year(be_year: int) -> int:
    """Convert a Buddhist-era year to the Common Era year: 2566 -> 2023."""
    return be_year - BE_OFFSET


def days_in_month(ce_year: int, month: int) -> int:
    """Return the number of days in ``month`` of the Common Era year ``ce_year``."""
    return monthrange(ce_year, month)[1]


def local_date(value: date | datetime) -> date:
    """The day ``value`` falls on in the office's time zone (``settings.TIME_ZONE``).

    An aware datetime (every timestamp Django stores) is converted first: 1 October 2565
    03:00 Bangkok time is 30 September 20:00 UTC, and it must count as 1 October. A naive
    datetime is taken as already local; a date is returned as it is. Every date shown or
    any fiscal year or quarter computed from a timestamp goes through here.
    """
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            return timezone.localdate(value)
        return value.date()
    return value


def fiscal_year(d: date | datetime) -> int:
    """Return the Buddhist-era fiscal year containing ``d`` (a timestamp by its local day).

    >>> fiscal_year(date(2022, 10, 1))
    2566
    >>> fiscal_year(date(2023, 9, 30))
    2566
    """
    d = local_date(d)
    be_year = to_buddhist_year(d.year)
    return be_year + 1 if d.month >= FISCAL_YEAR_START_MONTH else be_year


def fiscal_year_bounds(be_year: int) -> tuple[date, date]:
    """Return the first and last day of the Buddhist-era fiscal year ``be_year``.

    >>> fiscal_year_bounds(2566)
    (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))
    """
    ce_year = to_common_year(be_year)
    return date(ce_year - 1, FISCAL_YEAR_START_MONTH, 1), date(ce_year, 9, 30)


def fiscal_quarter(d: date | datetime) -> int:
    """Return the fiscal quarter of ``d``: 1 = Oct-Dec, 2 = Jan-Mar, 3 = Apr-Jun, 4 = Jul-Sep.

    A timestamp counts by its day in the office's time zone."""
    d = local_date(d)
    return (d.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def fiscal_quarter_bounds(be_year: int, quarter: int) -> tuple[date, date]:
    """Return the first and last day of ``quarter`` (1-4) of the Buddhist-era fiscal year.

    >>> fiscal_quarter_bounds(2566, 1)
    (datetime.date(2022, 10, 1), datetime.date(2022, 12, 31))

    Raises ``ValueError`` when ``quarter`` is not 1, 2, 3 or 4.
    """
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"fiscal quarter must be 1, 2, 3 or 4, not {quarter!r}")
    first_month_index = FISCAL_YEAR_START_MONTH - 1 + 3 * (quarter - 1)
    ce_year = to_common_year(be_year) - 1 + first_month_index // 12
    first_month = first_month_index % 12 + 1
    last_month = first_month + 2
    return (
        date(ce_year, first_month, 1),
        date(ce_year, last_month, days_in_month(ce_year, last_month)),
    )


def _month_name(month: int, abbreviated: bool) -> str:
    return (THAI_MONTHS_ABBR if abbreviated else THAI_MONTHS)[month - 1]


def format_thai_date(d: date, *, abbreviated: bool = False, thai_digits: bool = False) -> str:
    """Format ``d`` the Thai way with a Buddhist-era year.

    ``31 มกราคม 2566``; with ``abbreviated`` ``31 ม.ค. 2566``; with ``thai_digits``
    ``๓๑ มกราคม ๒๕๖๖``. A timestamp is shown by its day in the office's time zone
    (``local_date``), never by its day in UTC.
    """
    d = local_date(d)
    text = f"{d.day} {_month_name(d.month, abbreviated)} {to_buddhist_year(d.year)}"
    return to_thai_digits(text) if thai_digits else text


def format_thai_month(
    year_month: date | tuple[int, int],
    *,
    abbreviated: bool = False,
    thai_digits: bool = False,
) -> str:
    """Format a month with its Buddhist-era year, e.g. ``มกราคม 2566`` or ``ม.ค. 2566``.

    ``year_month`` is either a date (or datetime), whose day is ignored, or a
    ``(ce_year, month)`` pair in the Common Era like ``date`` itself.
    """
    if isinstance(year_month, date):
        year_month = local_date(year_month)
        ce_year, month = year_month.year, year_month.month
    else:
        ce_year, month = year_month
    if not 1 <= month <= 12:
        raise ValueError(f"month must be between 1 and 12, not {month!r}")
    text = f"{_month_name(month, abbreviated)} {to_buddhist_year(ce_year)}"
    return to_thai_digits(text) if thai_digits else text
