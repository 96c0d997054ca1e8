"""Thai sort order on both databases.

PostgreSQL gets an ICU collation named ``thai`` from a migration. SQLite has no
ICU, so the same name is registered on every SQLite connection with a Python
sort key that follows the dictionary order well enough for names: leading
vowels (เ แ โ ใ ไ) sort after the consonant they precede, and tone marks only
break ties.
"""

from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

COLLATION_NAME = "thai"

LEADING_VOWELS = "เแโใไ"
TONE_AND_SIGN_MARKS = "่้๊๋์ํ็"


def thai_sort_key(text: str) -> tuple[str, str]:
    chars = list(text or "")
    i = 0
    while i < len(chars) - 1:
        if chars[i] in LEADING_VOWELS:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
            i += 2
        else:
            i += 1
    swapped = "".join(chars)
    primary = "".join(c for c in swapped if c not in TONE_AND_SIGN_MARKS)
    return primary, swapped


def _compare(left: str, right: str) -> int:
    a, b = thai_sort_key(left), thai_sort_key(right)
    return (a > b) - (a < b)


def _on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION_NAME, _compare)


def register_sqlite_collation():
    connection_created.connect(_on_connection_created, dispatch_uid="saisaat-thai-collation")


def thai_order(field_name: str, *, descending: bool = False):
    """An order_by() expression sorting ``field_name`` in Thai dictionary order."""
    expression = Collate(F(field_name), COLLATION_NAME)
    return expression.desc() if descending else expression.asc()
