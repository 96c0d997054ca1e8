"""Response headers every page needs."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# URL namespaces whose pages show personal data even to someone not signed in (the
# complaint tracker shows a complaint's progress).
PERSONAL_NAMESPACES = {"complaints"}


class NoStoreForPersonalDataMiddleware:
    """``Cache-Control: no-store`` on every page of a signed-in session (complaints, staff,
    everything behind the login) and on the complaint pages: no browser or proxy keeps a
    copy to show the next person at a shared computer.

    A session cookie stands for "signed in": looking up the user would cost a query on
    pages that do not otherwise need one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or (
            match is not None and PERSONAL_NAMESPACES.intersection(match.namespaces)
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response


class RequestSizeLimitMiddleware:
    """Refuses a request whose declared body is larger than SAISAAT_MAX_REQUEST_MB with
    413 and the app's page, before anything reads the body. (Bodies without a declared
    length are bounded by the proxy and by Django's DATA_UPLOAD_MAX_MEMORY_SIZE.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import render

        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared) if declared.isascii() and declared.isdigit() else -1
        except ValueError:
            length = -1
        if length < 0 or _has_null_character(request.GET):
            # A NUL in a query string would reach the database (PostgreSQL refuses it in
            # text: a 500); forms refuse it themselves.
            return render(request, "400.html", status=400)
        if length > settings.SAISAAT_MAX_REQUEST_BYTES:
            response = _view_answer_to_too_large(request) or render(
                request,
                "413.html",
                {"limit_mb": settings.SAISAAT_MAX_REQUEST_BYTES // (1024 * 1024)},
                status=413,
            )
            # The body was not read: the connection cannot be reused for another request.
            response["Connection"] = "close"
            return response
        return self.get_response(request)


def answers_too_large(renderer):
    """Marks a view whose too-large request is answered by ``renderer(request, *args,
    **kwargs)`` rather than by the generic page: an upload form sent by htmx shows the
    refusal in its own place. The renderer must not read the request body and must change
    nothing (it runs before the CSRF check); it may return None to leave the answer to the
    generic page. Put this decorator outermost."""

    def mark(view):
        view.answers_too_large = renderer
        return view

    return mark


def _view_answer_to_too_large(request):
    from django.core.handlers.exception import response_for_exception
    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    renderer = getattr(match.func, "answers_too_large", None)
    if renderer is None:
        return None
    try:
        return renderer(request, *match.args, **match.kwargs)
    except Exception as error:  # 403/404 as the view itself would answer, body still unread
        return response_for_exception(request, error)


def _has_null_character(params) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists())


class ChosenLanguageMiddleware:
    """Thai for everyone unless the user chose another language with the language switch
    (Django's ``set_language`` view, which keeps the choice in the language cookie).

    Unlike Django's ``LocaleMiddleware`` the browser's Accept-Language is ignored: Thai is
    the office's language, and an officer whose phone is set to English still works in Thai.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class FieldKeyErrorMiddleware:
    """A page that needs personal data the configured keys cannot decrypt (a wrong
    ``SAISAAT_FIELD_KEYS``) answers a clear 503 in Thai, not a server error; the error is
    logged for the administrator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.shortcuts import render

        from saisaat.core.crypto import FieldKeyError

        if not isinstance(exception, FieldKeyError):
            return None
        logging.getLogger("saisaat.crypto").error("%s", exception)
        response = render(request, "503_field_keys.html", status=503)
        response["Retry-After"] = "600"
        return response
