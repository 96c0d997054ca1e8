from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@require_POST
def toggle_thai_digits(request):
    """Switch the session between Thai (๑๒๓) and Arabic (123) digits."""
    request.session["thai_digits"] = not request.session.get("thai_digits", False)
    target = request.POST.get("next", "/")
    # A path on this site only: anything else (a view name, a control character) goes home.
    if not (
        target.startswith("/")
        and target.isprintable()
        and len(target) <= 2000
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        target = "/"
    return HttpResponseRedirect(target)


def bad_request(request, exception=None):
    """400 with the app's page (in the person's language and layout): Django's own handler
    renders the template without the request."""
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page: a Thai page that says what to do and
    leads back into the app, instead of Django's bare English "Forbidden"."""
    return render(request, "403_csrf.html", status=403)
