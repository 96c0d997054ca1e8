"""Drives Debian's chromium through Playwright against a live server: log in, open the
plan page, filter it. Screenshots go to test-artifacts/ for a person to look at."""

import shutil
from pathlib import Path

import pytest

from saisaat.core.demo import DEMO_PASSWORD, seed_demo_province

ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(monkeypatch):
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's ORM calls happen
    # in its own thread, so Django's async guard is a false alarm here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_logs_in_and_reads_the_plan(live_server, browser_page):
    seed_demo_province()
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "เข้าสู่ระบบ"
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", "wrong password")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    assert page.locator("[role=alert]").is_visible()
    page.fill("input[name=username]", "officer")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")

    page.wait_for_selector("tr.activity")
    assert page.locator("tr.activity").count() == 52
    assert "บทบาทผู้บริหารของหน่วยงานในการเสริมสร้างความโปร่งใส" in page.content()
    page.screenshot(path=str(ARTIFACTS / "plan-page.png"), full_page=False)

    # The dimension filter swaps the list in place through htmx and keeps the URL.
    page.select_option("select[name=dimension]", "5")
    page.wait_for_function("document.querySelectorAll('tr.activity').length === 6")
    assert "dimension=5" in page.url

    page.locator("tr.activity a").first.click()
    page.wait_for_selector("h1")
    assert "นวัตกรรม" in page.locator("h1").inner_text()
    page.screenshot(path=str(ARTIFACTS / "activity-page.png"), full_page=True)

    # Back returns to the filtered full page, not to the bare htmx fragment.
    page.go_back()
    page.wait_for_selector("tr.activity")
    assert page.locator("tr.activity").count() == 6
    assert page.locator("header.site").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_selector("tr.activity")
    page.screenshot(path=str(ARTIFACTS / "plan-page-phone.png"), full_page=False)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_the_administrator_the_change_history_in_english_too(live_server, browser_page):
    seed_demo_province()
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.click("text=ประวัติการแก้ไข")
    page.wait_for_selector("table.history")
    assert page.locator("table.history tbody tr").count() == 50
    assert "สร้าง" in page.locator("table.history").inner_text()
    page.screenshot(path=str(ARTIFACTS / "history-page.png"), full_page=False)

    page.click("button[name=language][value=en]")
    page.wait_for_selector("table.history")
    assert page.locator("h1").inner_text() == "Change history"
    assert "created" in page.locator("table.history").inner_text()
