"""The privacy pages in a real browser at phone and desk width: the director records a
breach, finds a person's complaints and proposes an erasure; no sideways scrolling, no
serious axe violation; screenshots to look at."""

import pytest

from saisaat.complaints import services as complaints
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import Unit
from saisaat.surveys.tests.factories import make_survey
from saisaat.testing.browser import log_in, screenshot
from saisaat.testing.crawl import AXE_JS, AXE_SOURCE, OVERFLOW_JS


@pytest.fixture
def province(transactional_db):
    seed_demo_province()
    unit = Unit.objects.get(code="43")
    complaints.submit_complaint(
        category="service",
        description="เจ้าหน้าที่ให้บริการล่าช้า",
        reported_unit=unit,
        identity=complaints.Identity(name="นายทดสอบ ระบบ", phone="0812345678"),
    )
    return {"survey": make_survey(unit).pk}


def check(page, width, name):
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["width"] <= width + 1 and not overflow["culprits"], overflow
    page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    assert page.evaluate(AXE_JS) == []
    screenshot(page, f"{name}-{width}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_director_uses_the_privacy_pages(live_server, province, browser_page):
    page = browser_page
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/complaints/units/43/")
        page.click("a[href='/privacy/units/43/breaches/']")
        page.wait_for_selector(".breach-list")
        if width == 390:
            page.click("main details summary")
            page.fill("#id_found_on", "01/12/2569")
            page.fill("#id_found_time", "10:30")
            page.fill("#id_description", "ส่งรายชื่อผู้ร้องเรียนทางอีเมลผิดผู้รับ")
            page.fill("#id_people_affected", "25")
            page.select_option("#id_risk", "high")
            page.click("main form button[type=submit]")
            page.wait_for_selector(".report-state")
        else:
            page.click(".breach-list a")
            page.wait_for_selector(".report-state")
        assert "ยังไม่ได้แจ้ง" in page.inner_text(".report-state")
        check(page, width, "privacy-breach")
        page.goto(f"{live_server.url}/privacy/units/43/breaches/")
        check(page, width, "privacy-breaches")

        page.goto(f"{live_server.url}/privacy/units/43/person/")
        page.fill("#id_contact", "081-234-5678")
        page.click("main form button[type=submit]")
        page.wait_for_selector(".found")
        assert "1" in page.inner_text(".found h2")
        check(page, width, "privacy-person")

        page.goto(f"{live_server.url}/surveys/{province['survey']}/invitations/")
        page.fill("#id_count", "3")
        page.click("main form:has(#id_count) button[type=submit]")
        page.wait_for_selector(".invitation-links")
        check(page, width, "survey-invitations")
