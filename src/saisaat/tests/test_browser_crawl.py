"""Every page each persona reaches from the menus, at phone and desk width, in a real browser:
no 5xx, no menu link to a 4xx, no sideways scrolling, no serious or critical axe violation."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in
from saisaat.testing.crawl import Crawler

# Those who see the most controls come first: axe checks each kind of page once, for the
# first persona to reach it.
PERSONAS = {
    "director": "provincial approver and head",
    "admin": "administrator",
    "district4301": "district head",
    "strategy": "group director",
    "officer": "provincial officer",
    "d4301-02": "district officer",
    "committee": "evaluation committee",
    "department": "department officer",
}

# Pages whose findings are printed but do not fail the test: none (keep it empty; a page
# listed here needs an issue that fixes it).
KNOWN_PENDING: set[str] = set()

PHONE_SHOTS = {
    r"/budget/\w+/disbursements/$": "crawl-budget-grid-390.png",
    r"/budget/\w+/lines/new/$": "crawl-budget-line-form-390.png",
    r"^/complaints/units/\w+/$": "crawl-complaints-390.png",
    r"^/provinces/\w+/$": "crawl-province-dashboard-390.png",
    r"/certificates/$": "crawl-certificates-390.png",
}


@pytest.fixture
def demo_province(transactional_db):
    # Seeded before the browser starts: Playwright's greenlets must not own DB connections.
    return seed_demo_province()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_menu_page_works_at_phone_and_desk_width(live_server, demo_province, browser_page):
    page = browser_page
    crawler = Crawler(page, live_server.url, pending=KNOWN_PENDING, phone_shots=PHONE_SHOTS)
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("header.site form[action='/accounts/logout/']")
    # The keyboard's first stop is the skip link, shown on focus; it jumps past the menus.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("a => a === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    # The focus ring is drawn, not the browser's faint default.
    assert skip.evaluate("a => getComputedStyle(a).outlineWidth") == "3px"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"

    for username in PERSONAS:
        page.context.clear_cookies()
        log_in(page, live_server.url, username, DEMO_PASSWORD)
        page.wait_for_selector("header.site form[action='/accounts/logout/']")
        crawler.crawl(username)

    report = crawler.report
    print(f"\n{report.visits} pages visited, {report.axe_runs} axe runs, {report.seconds:.0f} s")
    for username, pages in report.pages.items():
        print(f"  {username} ({PERSONAS[username]}): {len(pages)} pages")
    for finding in report.findings:
        print(f"  {finding}")

    # Every persona reaches more than its home page: a crawl that signs in wrongly or finds
    # no menu would otherwise pass on nothing.
    assert all(len(pages) >= 8 for pages in report.pages.values()), report.pages
    failures = [f for f in report.findings if not f.kind.startswith("pending")]
    # A link on a page that answers 4xx is a dead end too: the page should not offer it.
    dead_ends = {"5xx", "4xx from menu", "4xx from link"}
    assert not [f for f in failures if f.kind in dead_ends], "\n".join(map(str, failures))
    assert not [f for f in failures if f.kind == "overflow"], "\n".join(map(str, failures))
    assert not [f for f in failures if f.kind.startswith("axe")], "\n".join(map(str, failures))
