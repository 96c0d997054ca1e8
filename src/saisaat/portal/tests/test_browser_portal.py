"""The public portal in a real browser, signed out: axe-core finds no serious or critical
violation and nothing scrolls sideways, at phone and desk width."""

import pytest

from saisaat.demo.portal import seed_portal_demo
from saisaat.orgs.models import Unit, User
from saisaat.testing.base import make_unit, make_user
from saisaat.testing.browser import screenshot
from saisaat.testing.crawl import AXE_JS, AXE_SOURCE, OVERFLOW_JS

PAGES = {
    "home": "/portal/43/",
    "page": "/portal/43/pages/powers-and-duties/",
    "oit": "/portal/43/oit/?year=2566",
    "district": "/portal/4301/",
}


@pytest.fixture
def portal_office(transactional_db):
    # Seeded before the browser starts: Playwright's greenlets must not own DB connections.
    department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
    province = make_unit("43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", department)
    make_unit("4301", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", province)
    make_unit("4302", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอท่าบ่อ", province)
    make_user("director", province, role=User.Role.APPROVER, position="พัฒนาการจังหวัดหนองคาย")
    return seed_portal_demo(province, 2566)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_public_portal_passes_axe_and_fits_a_phone(live_server, portal_office, browser_page):
    page = browser_page
    axe = AXE_SOURCE.read_text(encoding="utf-8")
    findings = []
    for name, path in PAGES.items():
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(f"{live_server.url}{path}", wait_until="load")
            assert response.status == 200, path
            screenshot(page, f"portal-{name}-{width}.png", full_page=True)
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow["culprits"] or overflow["width"] > width + 1:
                findings.append(f"{path} at {width}px overflows: {overflow}")
            page.evaluate(axe)
            for violation in page.evaluate(AXE_JS):
                findings.append(f"{path} at {width}px: {violation}")
    # The checklist lists every item, and the demo office answers them all.
    page.goto(f"{live_server.url}{PAGES['oit']}")
    assert page.locator(".oit-items > li").count() == 33
    assert page.locator(".oit-missing").count() == 0
    assert findings == []
