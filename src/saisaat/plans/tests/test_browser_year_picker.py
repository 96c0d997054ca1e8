"""In a real browser: a phone set to English still gets Thai until the user chooses
English, and the year picker keeps the chosen year from page to page."""

import pytest

from saisaat.orgs.models import Unit, User
from saisaat.testing.base import PASSWORD, load_source_plan, make_unit, make_user
from saisaat.testing.browser import ARTIFACTS, log_in


@pytest.fixture
def province(transactional_db):
    department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
    province = make_unit("43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", department)
    make_unit("4301", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", province)
    load_source_plan(province, 2566)
    load_source_plan(province, 2565)
    make_user("director", province, role=User.Role.APPROVER)
    return province


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_english_phone_gets_thai_and_the_year_follows_the_user(live_server, province, browser_page):
    browser = browser_page.context.browser
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15000)
    base = live_server.url

    log_in(page, base, "director", PASSWORD)
    page.goto(f"{base}/indicators/units/43/")
    assert page.get_attribute("html", "lang") == "th"
    picker = page.locator("nav.year-picker")
    assert picker.locator("a[aria-current=page]").inner_text() == "2566"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for link in picker.locator("a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "year-picker-indicators-390.png"))

    # Choosing 2565 on the indicators page opens the next pages on 2565.
    picker.get_by_role("link", name="2565").click()
    page.wait_for_selector("nav.year-picker a[aria-current=page]:text('2565')")
    page.goto(f"{base}/provinces/43/")
    assert page.locator("nav.year-picker a[aria-current=page]").inner_text() == "2565"
    page.goto(f"{base}/participation/43/")
    assert page.locator("nav.year-picker a[aria-current=page]").inner_text() == "2565"

    # English only by choice, with the switch in the header.
    page.click("header button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "Participation" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "year-picker-participation-en-390.png"))
    context.close()
