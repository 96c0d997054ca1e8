"""Log in, read the plan, filter it, and read its change history, in a real browser."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in, screenshot


@pytest.fixture
def demo_province(transactional_db):
    # Seeded before the browser starts: Playwright's greenlets must not own DB connections.
    return seed_demo_province()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_logs_in_and_reads_the_plan(live_server, demo_province, browser_page):
    page = browser_page

    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "เข้าสู่ระบบ"
    log_in(page, live_server.url, "officer", "wrong password")
    assert page.locator("[role=alert]").is_visible()
    log_in(page, live_server.url, "officer", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.click("header.site a[href='/plans/']")

    page.wait_for_selector("tr.activity")
    assert page.locator("tr.activity").count() == 52
    assert "บทบาทผู้บริหารของหน่วยงานในการเสริมสร้างความโปร่งใส" in page.content()
    screenshot(page, "plan-page.png")

    # The dimension filter swaps the list in place through htmx and keeps the URL.
    page.select_option("select[name=dimension]", "5")
    page.wait_for_function("document.querySelectorAll('tr.activity').length === 6")
    assert "dimension=5" in page.url

    page.locator("tr.activity a").first.click()
    page.wait_for_selector("h1")
    assert "นวัตกรรม" in page.locator("h1").inner_text()
    screenshot(page, "activity-page.png", full_page=True)

    # Back returns to the filtered full page, not to the bare htmx fragment.
    page.go_back()
    page.wait_for_selector("tr.activity")
    assert page.locator("tr.activity").count() == 6
    assert page.locator("header.site").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("tr.activity")
    screenshot(page, "plan-page-phone.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_the_administrator_the_change_history_in_english_too(
    live_server, demo_province, browser_page
):
    page = browser_page

    log_in(page, live_server.url, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.click("header.site a[href='/plans/']")
    page.click("text=ประวัติการแก้ไข")
    page.wait_for_selector("table.history")
    assert page.locator("table.history tbody tr").count() == 50
    assert "สร้าง" in page.locator("table.history").inner_text()
    screenshot(page, "history-page.png")

    page.click("button[name=language][value=en]")
    page.wait_for_selector("table.history")
    assert page.locator("h1").inner_text() == "Change history"
    assert "created" in page.locator("table.history").inner_text()
