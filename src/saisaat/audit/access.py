"""Who reads the audit log.

Department administrators and superusers read every entry except the confidential ones
(each reading of a complainant's identity, the staff a complaint names); any other
administrator reads those of their own office and the offices below it. Confidential
entries only the office head reads. Which offices a user heads is a
rule of the complaints domain, so that app registers it here (``confidential_rule``) rather
than the log reaching up into it.
"""

from collections.abc import Callable

_confidential_rule: Callable | None = None


def register_confidential_rule(rule: Callable) -> None:
    """``rule(user)`` returns the ids of the offices whose confidential entries the user
    may read (none for everyone but an office head)."""
    global _confidential_rule
    _confidential_rule = rule


def can_read_confidential_of(user) -> list[int]:
    if _confidential_rule is None or not user.is_authenticated:
        return []
    return list(_confidential_rule(user))


def can_read_log(user) -> bool:
    """Administrators, and office heads (for their confidential entries)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_administrator", False):
        return True
    return bool(can_read_confidential_of(user))


def reads_every_office(user) -> bool:
    """Superusers and the department's administrators read every office's entries."""
    return bool(user.is_superuser or getattr(user, "is_department_administrator", False))
