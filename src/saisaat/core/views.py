from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


@require_POST
def toggle_thai_digits(request):
    """Switch the session between Thai (๑๒๓) and Arabic (123) digits."""
    request.session["thai_digits"] = not request.session.get("thai_digits", False)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)


def csrf_failure(request, reason=""):
    """A form sent from an expired or foreign page: a Thai page that says what to do and
    leads back into the app, instead of Django's bare English "Forbidden"."""
    return render(request, "403_csrf.html", status=403)
