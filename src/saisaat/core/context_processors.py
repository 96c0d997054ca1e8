from django.conf import settings


def display_options(request):
    """Per-session display choices that every page honours, and the request-size limit
    the page's script checks before it sends files."""
    session = getattr(request, "session", None)
    return {
        "thai_digits": bool(session and session.get("thai_digits")),
        "max_request_bytes": settings.SAISAAT_MAX_REQUEST_BYTES,
        "max_request_mb": settings.SAISAAT_MAX_REQUEST_BYTES // (1024 * 1024),
    }
