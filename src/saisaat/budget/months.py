"""The twelve months of a fiscal year, numbered 1 (October) to 12 (September)."""

from datetime import date

from saisaat.thai.calendar import THAI_MONTHS, THAI_MONTHS_ABBR, fiscal_year, to_common_year

FISCAL_MONTHS = tuple(range(1, 13))
QUARTERS = (1, 2, 3, 4)


def calendar_month(fiscal_month: int) -> int:
    """1 -> 10 (October), 3 -> 12, 4 -> 1 (January), 12 -> 9 (September)."""
    return (fiscal_month + 8) % 12 + 1


def fiscal_month(calendar_month: int) -> int:
    """10 (October) -> 1, 12 -> 3, 1 (January) -> 4, 9 (September) -> 12."""
    return (calendar_month + 2) % 12 + 1


def month_start(year: int, fiscal_month: int) -> date:
    """The first day of ``fiscal_month`` of the Buddhist-era fiscal ``year``."""
    ce_year = to_common_year(year) - (1 if fiscal_month <= 3 else 0)
    return date(ce_year, calendar_month(fiscal_month), 1)


def quarter_of(fiscal_month: int) -> int:
    return (fiscal_month - 1) // 3 + 1


def quarter_months(quarter: int) -> tuple[int, int, int]:
    first = 3 * (quarter - 1) + 1
    return (first, first + 1, first + 2)


def month_label(fiscal_month: int) -> str:
    """The Thai abbreviation, e.g. ``ต.ค.`` for month 1; spreadsheet headers use these."""
    return THAI_MONTHS_ABBR[calendar_month(fiscal_month) - 1]


def month_name(fiscal_month: int) -> str:
    """The Thai name in full, e.g. ``ตุลาคม`` for month 1, for a screen reader."""
    return THAI_MONTHS[calendar_month(fiscal_month) - 1]


def fiscal_month_of(day: date) -> tuple[int, int]:
    """(fiscal year, fiscal month) of a date."""
    return fiscal_year(day), fiscal_month(day.month)
