from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST


@require_POST
def toggle_thai_digits(request):
    """Switch the session between Thai (๑๒๓) and Arabic (123) digits."""
    request.session["thai_digits"] = not request.session.get("thai_digits", False)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return redirect(target)


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
