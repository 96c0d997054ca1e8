"""Session limits and the second-factor step, applied to every page."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from saisaat.accounts.policy import (
    LAST_SEEN,
    SECOND_FACTOR_STEP,
    SIGNED_IN_AT,
    VERIFY,
    second_factor_step,
)

# How stale the "last seen" mark may get before it is written again: writing it on every
# request would save the session (one query) on every page.
LAST_SEEN_GRANULARITY_SECONDS = 60


def _go(request, url):
    # Read the header itself: django-htmx's middleware runs after this one.
    if request.headers.get("HX-Request") == "true":
        return HttpResponseClientRedirect(url)
    return redirect(url)


class SessionLimitsMiddleware:
    """Signs a person out after SAISAAT_SESSION_IDLE_MINUTES without a request, and
    SAISAAT_SESSION_MAX_HOURS after signing in, whatever they do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = int(time.time())
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.SAISAAT_SESSION_IDLE_MINUTES * 60
            too_old = now - signed_in > settings.SAISAAT_SESSION_MAX_HOURS * 3600
            if idle or too_old:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.SAISAAT_SESSION_IDLE_MINUTES}
                    if idle
                    else _("Your session has ended; please sign in again."),
                )
                login_url = redirect_to_login(request.get_full_path())["Location"]
                return _go(request, login_url)
            if LAST_SEEN not in session or now - last_seen >= LAST_SEEN_GRANULARITY_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)


# Pages a person between password and second factor may still open.
OPEN_DURING_SECOND_FACTOR = {
    "login",
    "logout",
    "set_language",
    "toggle-thai-digits",
    "web-manifest",
    "favicon",
    "accounts:two-factor-verify",
    "accounts:two-factor-setup",
}


class SecondFactorMiddleware:
    """Sends a signed-in person who still owes a second factor to the code page (or, if the
    role requires one and none is enrolled yet, to enrolment) before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            if SECOND_FACTOR_STEP not in request.session:
                # A session signed in before this rule, or by a path that sent no sign-in
                # signal: work its step out now rather than let it through.
                request.session[SECOND_FACTOR_STEP] = second_factor_step(user) or ""
            step = request.session[SECOND_FACTOR_STEP]
            if step and not self._is_open(request):
                target = (
                    "accounts:two-factor-verify" if step == VERIFY else "accounts:two-factor-setup"
                )
                query = urlencode({"next": request.get_full_path()})
                return _go(request, f"{reverse(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _is_open(request) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        return match.view_name in OPEN_DURING_SECOND_FACTOR
