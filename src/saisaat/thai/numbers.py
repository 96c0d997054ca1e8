"""Whole numbers that arrive as text (a query string, a form key, a command option)."""


def is_number(text: str, *, max_digits: int = 9) -> bool:
    """Plain ASCII digits, and not so many that the database's integer overflows.

    ``str.isdigit()`` alone also accepts superscripts such as ``"²"``, which ``int()``
    then refuses: a request carrying one would answer 500 instead of 400 or 404."""
    return isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= max_digits
