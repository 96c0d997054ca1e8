"""The province's administrator opens the demo's moral-organisation plan, drafts a new
sub-plan with an activity from the staff registry and turns it into a budget line; every
page fits 390 px without scrolling sideways: in a real browser."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.documents.models import SubPlan, SubPlanActivity
from saisaat.orgs.models import StaffMember
from saisaat.testing.browser import log_in, screenshot
from saisaat.testing.crawl import OVERFLOW_JS


@pytest.fixture
def demo(transactional_db):
    seed_demo_province()
    moral = SubPlan.objects.get(unit__code="43", fiscal_year=2566, kind="moral")
    person = StaffMember.objects.active().filter(unit__code="43").in_thai_order().first()
    return {"moral": moral.pk, "person": person.pk}


def fits(page, width: int, name: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["culprits"] == [], (name, width, overflow)
    screenshot(page, f"{name}-{width}.png", full_page=True)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sub_plans_are_drafted_budgeted_and_fit_a_phone(live_server, demo, browser_page):
    page, base = browser_page, live_server.url
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/documents/subplans/office/43/?year=2566")
    assert page.locator("#subplans tbody tr").count() == 3
    for width in (1366, 390):
        fits(page, width, "subplan-list")
    page.goto(f"{base}/documents/subplans/{demo['moral']}/")
    assert "ออกแผนแล้ว" in page.inner_text(".subplan-status")
    for width in (1366, 390):
        fits(page, width, "subplan-detail")

    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{base}/documents/subplans/office/43/new/?kind=innovation")
    page.fill("#subplan-form input[name=title]", "รับคำร้องออนไลน์")
    page.fill("#subplan-form textarea[name=objective]", "เพื่อลดเวลารอคอยของผู้รับบริการ")
    page.fill("#subplan-form input[name=fiscal_year]", "2566")
    page.click("#subplan-form button[type=submit]")
    page.wait_for_selector("#add-activity")
    page.fill("#add-activity input[name=name]", "ทดลองใช้ระบบ")
    page.fill("#add-activity input[name=period_start]", "1/3/2566")
    page.fill("#add-activity input[name=period_end]", "31/3/2566")
    page.select_option("#add-activity select[name=responsible]", [str(demo["person"])])
    page.fill("#add-activity input[name=budget]", "4,500")
    fits(page, 390, "subplan-new-activity")
    page.click("#add-activity button[type=submit]")
    page.wait_for_selector(".subplan-activities")
    # Only an issued sub-plan's money reaches the budget.
    assert page.locator(".subplan-actions button:has-text('เพิ่มเป็นรายการงบประมาณ')").count() == 0
    page.click("#issue-subplan button[type=submit]")
    page.wait_for_selector(".subplan-actions button:has-text('เพิ่มเป็นรายการงบประมาณ')")
    page.click(".subplan-actions button:has-text('เพิ่มเป็นรายการงบประมาณ')")
    page.wait_for_selector("text=เพิ่มรายการงบประมาณของกิจกรรมแล้ว")
    fits(page, 390, "subplan-budgeted")
    row = SubPlanActivity.objects.get(name="ทดลองใช้ระบบ")
    assert row.budget_line is not None and row.budget_line.unit.code == "43"
