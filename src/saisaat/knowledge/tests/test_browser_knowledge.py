"""A district officer takes the knowledge test on a phone, and KPI 9.1 of the office moves."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saisaat.demo.knowledge import QUESTIONS
from saisaat.demo.province import DEMO_PASSWORD, seed_current_year, seed_demo_province
from saisaat.testing.browser import log_in, screenshot
from saisaat.thai.calendar import fiscal_year

PHONE = {"width": 390, "height": 844}
# Question text -> the text of its correct choice: what a person who knows would pick.
KNOWN = {text: choices[correct - 1] for _topic, text, choices, correct in QUESTIONS}


@pytest.fixture
def knowledge_demo(transactional_db):
    province = seed_demo_province()["plan"].owner_unit
    # Today's fiscal year: its plan, and a post-test open today in every office.
    seed_current_year(province)
    return {"year": fiscal_year(timezone.localdate())}


def kpi_text(page, base_url, year):
    page.goto(f"{base_url}/indicators/units/4301/?year={year}")
    return page.locator('[data-project="osmkh-9.1"] .value').inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_district_officer_takes_the_test_on_a_phone_and_the_kpi_moves(
    live_server, knowledge_demo, browser_page
):
    page = browser_page
    page.set_viewport_size(PHONE)
    base, year = live_server.url, knowledge_demo["year"]
    log_in(page, base, "d4301-02", DEMO_PASSWORD)
    before = kpi_text(page, base, year)
    assert re.search(r"\(0/5\)", before), before

    page.goto(f"{base}/knowledge/my/")
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").first.click()
    questions = page.locator("form.knowledge-attempt fieldset")
    expect(questions).to_have_count(10)
    # Nothing on the page tells the right choice from the others.
    html = page.content()
    assert "correct" not in html.lower()
    for index in range(questions.count()):
        fieldset = questions.nth(index)
        legend = fieldset.locator("legend").inner_text()
        text = legend.split(". ", 1)[1]
        fieldset.get_by_label(KNOWN[text], exact=True).check()
    screenshot(page, "knowledge-attempt-phone.png")
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="ส่งคำตอบ").click()
    result = page.locator("#result")
    expect(result).to_contain_text("ผ่าน")
    expect(result).to_contain_text("ตอบถูก 10 จาก 10 ข้อ")
    screenshot(page, "knowledge-result-phone.png")

    after = kpi_text(page, base, year)
    assert re.search(r"\(1/5\)", after), after
    assert "20.0%" in after
    page.locator('[data-project="osmkh-9.1"]').scroll_into_view_if_needed()
    screenshot(page, "knowledge-kpi-phone.png")

    # The office's head reads the results: the officer among those who passed.
    page.context.clear_cookies()
    log_in(page, base, "district4301", DEMO_PASSWORD)
    page.goto(f"{base}/knowledge/my/")
    page.get_by_role("link", name=re.compile("แบบทดสอบและผลการทดสอบ")).click()
    expect(page.locator("#kpi")).to_contain_text("ผ่าน 1 จาก 5 คน")
    expect(page.locator("#kpi")).to_contain_text("ยังไม่ผ่าน (4)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "knowledge-office-phone.png", full_page=True)
