from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST


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


# The installable web app: what a phone needs to put Saisaat on its home screen.
THEME_COLOUR = "#1d6b5f"  # the header's green
ICONS = "saisaat/icons/"


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """The web app manifest. A view rather than a static file: icon addresses carry the
    static files' content hashes in production."""
    icons = [
        {"src": static(f"{ICONS}icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ] + [
        {
            "src": static(f"{ICONS}icon-maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in (192, 512)
    ]
    manifest = {
        "name": "ใสสะอาด (Saisaat)",
        "short_name": "ใสสะอาด",
        "description": "ระบบติดตามแผนปฏิบัติการพัฒนาชุมชนใสสะอาด",
        "lang": "th",
        "dir": "ltr",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": icons,
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
@cache_control(max_age=604800, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page's <link rel="icon"> says."""
    path = finders.find(f"{ICONS}favicon.ico")
    if path is None:
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/vnd.microsoft.icon")
