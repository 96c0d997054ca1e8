"""Conversion between Arabic digits (0-9) and Thai digits (๐-๙)."""

from __future__ import annotations

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

_ARABIC_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_THAI_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)


def to_thai_digits(value: str | int) -> str:
    """Return ``value`` as text with every Arabic digit replaced by its Thai digit.

    Integers are converted with ``str()`` first; all other characters are left as they are.

    >>> to_thai_digits("31 ม.ค. 2566")
    '๓๑ ม.ค. ๒๕๖๖'
    >>> to_thai_digits(2566)
    '๒๕๖๖'
    """
    return str(value).translate(_ARABIC_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Return ``text`` with every Thai digit replaced by its Arabic digit.

    >>> to_arabic_digits("๓๑ ม.ค. ๒๕๖๖")
    '31 ม.ค. 2566'
    """
    return text.translate(_THAI_TO_ARABIC)
