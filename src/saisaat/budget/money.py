"""Money as exact decimals: parsing what officers type, summing in the database, display.

Amounts are ``Decimal`` baht with two places (satang) from the form to the database and
back; a float never carries an amount. SQLite keeps DECIMAL columns as binary floating
point, so database totals are summed as whole satang (``satang_sum``), which stay exact
there as well as on PostgreSQL.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import DecimalField, F, Q, Sum
from django.db.models.functions import Round
from django.utils.translation import gettext as _

from saisaat.thai.digits import to_arabic_digits

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
MAX_DIGITS = 14
"""Up to 999,999,999,999.99 baht: more than any unit's yearly budget."""
MAX_AMOUNT = Decimal("999999999999.99")

# Thousands separators must sit every three digits: "1,234.50" yes, "12,34" no.
_AMOUNT = re.compile(r"^(?P<sign>[+-]?)(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d*))?$")
_SPACES = re.compile(r"[\s\u00a0\u200b\u202f]+")
# Excel holds numbers as binary doubles and shows 15 significant digits; reading a cell at
# that precision gives back what the officer saw (0.30, not 0.30000000000000004).
_EXCEL_DIGITS = 15


def parse_money(value, *, allow_negative: bool = False) -> Decimal:
    """An amount in baht from text (``"1,234.50"``, ``"๑,๒๓๔.๕๐"``, ``"฿ 20"``), an int, a
    Decimal or a spreadsheet cell's float, as a Decimal with two places.

    Raises ``ValidationError`` with a message for the person who typed it.
    """
    if isinstance(value, bool):
        raise ValidationError(_("Enter an amount such as 1,234.50."), code="invalid")
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(_("Enter an amount such as 1,234.50."), code="invalid")
        amount = Decimal(format(value, f".{_EXCEL_DIGITS}g"))
    elif isinstance(value, int | Decimal):
        amount = Decimal(value)
    else:
        text = _SPACES.sub("", to_arabic_digits(str(value or ""))).replace("฿", "")
        text = text.removesuffix("บาท")
        match = _AMOUNT.match(text)
        if not text or not match or not (match["whole"] or match["frac"]):
            raise ValidationError(_("Enter an amount such as 1,234.50."), code="invalid")
        try:
            amount = Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_("Enter an amount such as 1,234.50."), code="invalid") from None
    if not amount.is_finite():
        raise ValidationError(_("Enter an amount such as 1,234.50."), code="invalid")
    if _places(amount) > 2:
        raise ValidationError(_("Use at most two decimal places (satang)."), code="places")
    if amount < 0 and not allow_negative:
        raise ValidationError(_("The amount cannot be negative."), code="negative")
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(_("The amount is too large."), code="too_large")
    return amount.quantize(CENT)


def _places(amount: Decimal) -> int:
    """Decimal places written, ignoring trailing zeros: ``1.500`` has one."""
    exponent = amount.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_money(amount: Decimal | None) -> str:
    """``1234.5`` -> ``"1,234.50"``."""
    return f"{(amount or ZERO).quantize(CENT):,.2f}"


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as an exact percentage of ``whole``; None when there is no whole."""
    if not whole:
        return None
    return part * HUNDRED / whole


def round_percent(value: Decimal | None) -> Decimal | None:
    """A percentage for display: half-up to two places (12.345 -> 12.35)."""
    if value is None:
        return None
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_percent(value: Decimal | None) -> str:
    """``12.35%`` rounded half-up; a dash when there is nothing to divide by."""
    rounded = round_percent(value)
    return "–" if rounded is None else f"{rounded}%"


def satang_sum(field: str, condition: Q | None = None) -> Sum:
    """The total of a money column, summed in the database as whole satang."""
    return Sum(
        Round(F(field) * 100),
        filter=condition,
        output_field=DecimalField(max_digits=20, decimal_places=0),
        default=0,
    )


def from_satang(value) -> Decimal:
    """Baht with two places from a ``satang_sum`` result."""
    return (Decimal(value or 0) / HUNDRED).quantize(CENT)
