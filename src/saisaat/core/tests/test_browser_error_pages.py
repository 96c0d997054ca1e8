"""The error pages (400, 403, 404, 413, 500) fit a 390 px phone without sideways scrolling,
signed in and not, and each leads back into the app."""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import User
from saisaat.testing.browser import log_in
from saisaat.testing.crawl import OVERFLOW_JS

from .test_browser_feedback import shot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def error_pages(transactional_db, settings):
    """The pages a browser cannot easily be made to receive (a body declared too large, a
    server error), as the app answers them; served to the browser at the app's origin so
    their styles load."""
    seed_demo_province()
    client = Client()
    client.force_login(User.objects.get(username="district4301"))
    too_large = client.generic(
        "POST",
        "/assignments/1/",
        b"",
        CONTENT_LENGTH=str(settings.SAISAAT_MAX_REQUEST_BYTES + 1),
    )
    assert too_large.status_code == 413
    failed = server_error(RequestFactory().get("/"))
    assert failed.status_code == 500
    expired = Client(enforce_csrf_checks=True)
    expired.force_login(User.objects.get(username="district4301"))
    refused = expired.post("/display/thai-digits/", {"next": "/"})
    assert refused.status_code == 403
    return {"413": too_large.content, "500": failed.content, "403": refused.content}


def assert_fits(page, name):
    overflow = page.evaluate(OVERFLOW_JS)
    width = page.viewport_size["width"]
    assert overflow["width"] <= width, f"{name}: {overflow}"
    assert not overflow["culprits"], f"{name}: {overflow}"
    # The way back into the app is there and on the screen.
    back = page.locator("main a[href='/']").first
    assert back.is_visible(), name
    assert back.bounding_box()["x"] + back.bounding_box()["width"] <= width, name


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_fits_every_error_page_on_a_phone(live_server, error_pages, browser_page):
    page = browser_page

    def serve(route):
        status = route.request.url.rsplit("__", 1)[1]
        route.fulfill(
            status=int(status), body=error_pages[status], content_type="text/html; charset=utf-8"
        )

    for status in ("413", "500", "403"):
        page.route(f"{live_server.url}/__{status}", serve)
    pages = {
        # A form sent from an expired page.
        "403": ("/__403", "แบบฟอร์มหมดอายุ"),
        "404": ("/no-such-page/", "ไม่พบหน้าที่ต้องการ"),
        # A NUL in the address is refused before any view.
        "400": ("/plans/?q=%00", "อ่านคำขอไม่ได้"),
        "413": ("/__413", "ข้อมูลใหญ่เกินกว่าจะส่งได้"),
        "500": ("/__500", "ระบบขัดข้อง"),
    }
    for signed_in in (False, True):
        if signed_in:
            log_in(page, live_server.url, "committee", DEMO_PASSWORD)
            page.wait_for_selector("header.site form[action='/accounts/logout/']")
            # The committee never sees complaints: a Thai 403, not a bare "Forbidden".
            pages["403-role"] = ("/complaints/units/43/", "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้")
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            for kind, (path, heading) in pages.items():
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == int(kind[:3]), (path, response.status)
                assert heading in page.locator("main h1").inner_text(), (kind, heading)
                name = f"error-{kind}-{'in' if signed_in else 'out'}-{viewport['width']}.png"
                assert_fits(page, name)
                shot(page, name, full_page=True)

    # In English too (longer words, no Thai line breaking to lean on).
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_viewport_size(PHONE)
    for kind, (path, _heading) in pages.items():
        if kind in ("403", "413", "500"):
            continue  # rendered once above, in Thai
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == int(kind[:3]), (path, response.status)
        assert page.locator("html").get_attribute("lang") == "en"
        assert_fits(page, f"error-{kind}-en-390")
