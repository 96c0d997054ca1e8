def display_options(request):
    """Per-session display choices that every page honours."""
    session = getattr(request, "session", None)
    return {"thai_digits": bool(session and session.get("thai_digits"))}
