"""Failed sign-ins counted per account and per address (django-axes).

One office often reaches the server from one address, so the address gets a larger
allowance than an account: a few mistyped passwords in the office must not lock everyone
out, while guessing across many accounts from one machine still stops.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from saisaat.core.requests import client_address


def client_ip(request) -> str | None:
    """The address axes records: the one the rate limits use (None when unknown)."""
    return client_address(request) or None


def client_username(request, credentials) -> str:
    """The username axes records, cut to what the table holds: a longer one cannot name
    an account anyway (usernames have at most 150 characters)."""
    value = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(value)[:150]


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Locks an account after AXES_FAILURE_LIMIT failures and an address after
    SAISAAT_LOGIN_FAILURES_PER_ADDRESS, both within the cool-off time.

    Expects AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"], in that order.
    """

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.SAISAAT_LOGIN_FAILURES_PER_ADDRESS:
            return max(by_account, settings.AXES_FAILURE_LIMIT)
        return by_account


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: 429 with the wait in minutes."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
