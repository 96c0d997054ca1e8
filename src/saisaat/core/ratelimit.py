"""Per-address limits on the public forms (complaints, the complaint tracker, surveys),
kept in Django's cache.

A fixed window per address: simple, and enough to stop one machine flooding the office.
"""

import hashlib

from django.core.cache import cache

from saisaat.core.requests import client_address


def _key(scope: str, request) -> str:
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"rate:{scope}:{digest}"


def is_limited(scope: str, request, limit: int) -> bool:
    """Whether the address has used up its allowance; a limit of 0 means no limit."""
    if limit <= 0:
        return False
    return (cache.get(_key(scope, request)) or 0) >= limit


def count(scope: str, request, limit: int, *, window: int) -> None:
    """Count one use in a window of ``window`` seconds that starts with the first use."""
    if limit <= 0:
        return
    key = _key(scope, request)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:
        # Expired between add and incr: start a new window.
        cache.set(key, 1, timeout=window)
