"""Thai calendar support: Thai digits, Buddhist-era years, fiscal years, dates and periods."""

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
    local_date,
    month_number,
    to_buddhist_year,
    to_common_year,
)
from saisaat.thai.digits import to_arabic_digits, to_thai_digits
from saisaat.thai.periods import Period, PeriodParseError, format_period, parse_period

__all__ = [
    "BE_OFFSET",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "Period",
    "PeriodParseError",
    "days_in_month",
    "fiscal_quarter",
    "fiscal_quarter_bounds",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_period",
    "format_thai_date",
    "format_thai_month",
    "local_date",
    "month_number",
    "parse_period",
    "to_arabic_digits",
    "to_buddhist_year",
    "to_common_year",
    "to_thai_digits",
]
