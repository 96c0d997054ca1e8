"""Facts about the request that more than one app needs."""

from django.conf import settings


def client_address(request) -> str:
    """The address a request came from, for rate limits.

    Behind a reverse proxy (``SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR``) it is the right-most
    ``X-Forwarded-For`` entry: the one our proxy appended. Entries to its left were written by
    the client and can be anything.
    """
    if settings.SAISAAT_COMPLAINT_TRUST_X_FORWARDED_FOR:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
