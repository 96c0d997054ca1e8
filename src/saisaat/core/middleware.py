"""Response headers every page needs."""

from django.conf import settings
from django.utils.cache import patch_cache_control

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
