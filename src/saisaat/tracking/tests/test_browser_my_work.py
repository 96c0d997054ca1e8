"""My work, the review queue and the assignment page on a phone (390 px) and a desk
(1366 px): no sideways scrolling, touch targets of 44 px, and "approve and next" in a
real browser (issue 16)."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import publish_plan

WIDTHS = (390, 1366)
FITS = "document.documentElement.scrollWidth <= window.innerWidth"
# Links and buttons of the list that are shorter than a finger.
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '#work-list a, .work-filters select, .work-filters button, #review button')]
  .filter(e => e.getBoundingClientRect().height < 44)
  .map(e => e.outerHTML.slice(0, 80))"""


@pytest.fixture
def demo(transactional_db):
    plan = seed_demo_province()["plan"]
    publish_plan(plan)
    waiting = Assignment.objects.filter(plan=plan, status=Assignment.Status.SUBMITTED)
    first = waiting.order_by(
        "dimension_number", "activity__measure__number", "activity__position", "unit__code"
    ).first()
    return {"waiting": waiting.count(), "first": first.pk}


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_my_work_and_the_assignment_page_fit_a_phone(live_server, demo, browser_page):
    page = browser_page
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/work/")
        page.wait_for_selector("#to-review .review-group")
        assert page.evaluate(FITS), page.evaluate("document.documentElement.scrollWidth")
        assert page.locator("#work-list table").count() == 0
        assert page.evaluate(SMALL_TARGETS) == []
        screenshot(page, f"my-work-{width}.png", full_page=True)
        page.goto(f"{live_server.url}/work/?due=to-review")
        page.wait_for_selector("#to-review .review-group")
        assert page.evaluate(FITS)
        screenshot(page, f"review-queue-{width}.png", full_page=True)
        page.goto(f"{live_server.url}/assignments/{demo['first']}/")
        page.wait_for_selector("#review")
        assert page.evaluate(FITS), page.evaluate("document.documentElement.scrollWidth")
        assert page.evaluate(SMALL_TARGETS) == []
        screenshot(page, f"assignment-{width}.png", full_page=True)

    # The filters work without JavaScript and with htmx: the list is swapped in place.
    page.goto(f"{live_server.url}/work/")
    page.select_option(".work-filters select[name=due]", "overdue")
    page.wait_for_url("**/work/?*due=overdue*")
    page.wait_for_selector("#work-list .back-link")
    states = page.locator("#work-list section.work-group").evaluate_all("s => s.map(e => e.id)")
    assert states == ["overdue"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_approve_and_next_walks_the_queue(live_server, demo, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/work/")
    count = int(page.inner_text("#to-review h2 .count"))
    page.click("#start-review")
    page.wait_for_selector("#approve-and-next")
    first_url = page.url
    page.click("#approve-and-next")
    page.wait_for_url(lambda url: url != first_url)
    page.wait_for_selector(".status-submitted")
    assert "/assignments/" in page.url
    # The approval was recorded and the reviewer is on the next one, told so.
    assert "รายการถัดไปที่รอท่านตรวจ" in page.inner_text("main")
    screenshot(page, "approve-and-next-390.png", full_page=True)
    page.goto(first_url)
    page.wait_for_selector(".status-approved")
    page.goto(f"{live_server.url}/work/")
    assert int(page.inner_text("#to-review h2 .count")) == count - 1


# Header items whose text runs over more than one line (a Thai word broken, "งานของ|ฉัน").
BROKEN_HEADER_ITEMS = """() => [...document.querySelectorAll(
    'header.site nav ul:last-child a, header.site nav ul:last-child button, ' +
    'header.site nav ul:last-child summary')]
  .filter(e => e.getBoundingClientRect().width > 0)
  .filter(e => {
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (tops.size > 1) return true;
    }
    return false;
  })
  .map(e => e.textContent.trim())"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_directors_header_keeps_each_item_on_one_line(live_server, demo, browser_page):
    page = browser_page
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    for width in (1024, 1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{live_server.url}/work/")
        page.wait_for_selector("header.site nav")
        assert page.evaluate(BROKEN_HEADER_ITEMS) == [], width
        assert page.evaluate(FITS), width
        screenshot(page, f"header-director-{width}.png")
