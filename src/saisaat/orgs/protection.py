"""Protected accounts: the people whose sign-in opens what others must not read.

An office's approvers (its head, work-group directors and deputy approver), the
department's administrators (the second person of every two-person rule), superusers,
and whoever a work app registers (complaints registers its designated officers, so that
this app never imports it). Nobody changes how such a person signs in alone: the admin
site cannot set their password, username, e-mail or active flag, nor remove their
authenticator; a sign-in reset (``accounts.resets``) needs a second administrator.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from saisaat.orgs.models import Unit, User

_rules: list[Callable[[], QuerySet]] = []

# Fields of a protected account that the admin site leaves alone. The rights that make an
# account protected are fixed too: unticking a superuser first would lift the protection
# for the next save.
FIXED_FIELDS = ["username", "email", "is_active", "password", "is_superuser", "is_staff"]


def register_protected(rule: Callable[[], QuerySet]) -> None:
    """``rule()`` returns a queryset of the ids of further protected users (one column,
    e.g. ``Designation.objects.values("user_id")``); it becomes a subquery."""
    if rule not in _rules:
        _rules.append(rule)


def protected_condition() -> Q:
    """The condition on ``User`` that holds for protected accounts, whether active or
    not (reactivating one would give its powers back)."""
    condition = (
        Q(role=User.Role.APPROVER)
        | Q(is_superuser=True)
        | Q(role=User.Role.ADMINISTRATOR, unit__kind=Unit.Kind.DEPARTMENT)
        | Q(deputy_of__isnull=False)
    )
    for rule in _rules:
        condition |= Q(pk__in=rule())
    return condition


def protected_users() -> QuerySet:
    return User.objects.filter(protected_condition()).distinct()


def is_protected(user: User | None) -> bool:
    """Whether the account, as stored, is protected (one query)."""
    if user is None or user.pk is None:
        return False
    return User.objects.filter(protected_condition(), pk=user.pk).exists()
