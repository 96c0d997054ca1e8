"""On a phone: a district office's head fills the office's moral-organisation
self-assessment (the live figures suggest, nothing is ticked for them), attaches a PDF as
evidence, and reads the level reached and what the next level needs."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from saisaat.assessments import moral, services
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import Unit, User
from saisaat.testing.browser import log_in, screenshot

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def self_assessment(transactional_db):
    seed_demo_province()
    office = Unit.objects.get(code="4301")
    head = User.objects.get(username="district4301")
    round_ = services.create_round(
        moral.ensure_moral_framework(),
        office,
        fiscal_year=2567,
        title="ประเมินตนเององค์กรคุณธรรม ปีงบประมาณ ๒๕๖๗",
        opens_on=date(2024, 6, 1),
        closes_on=date(2024, 8, 31),
        assessed_units=[office],
        assessors=[head],
    )
    services.open_round(round_)
    return {"pk": round_.pk}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_office_head_fills_the_self_assessment_on_a_phone(
    live_server, self_assessment, browser_page
):
    page = browser_page
    page.set_viewport_size(PHONE)
    base = live_server.url
    log_in(page, base, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/assessments/")
    page.get_by_role("link", name="ประเมินตนเององค์กรคุณธรรม ปีงบประมาณ ๒๕๖๗").click()
    page.get_by_role("link", name="สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย").click()

    items = page.locator("fieldset.criterion")
    expect(items).to_have_count(11)
    # The four items the records measure say their figure; none of them is ticked.
    expect(page.locator(".suggestion")).to_have_count(4)
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    for index in range(11):
        item = items.nth(index)
        wanted = "ดำเนินการครบถ้วน" if index < 8 else "ดำเนินการบางส่วน"
        item.get_by_label(re.compile(wanted)).check()
    items.nth(0).locator("input[type=file]").set_input_files(
        files=[{"name": "แผนขับเคลื่อน.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "moral-self-assessment-phone.png", full_page=True)
    page.locator("form.scoring button[type=submit]").click()
    expect(page.locator("fieldset.criterion").first).to_contain_text("หลักฐานที่แนบไว้")

    page.goto(f"{base}/assessments/rounds/{self_assessment['pk']}/")
    page.get_by_role("button", name="ผลการประเมินตนเอง").click()
    # 8 items × 2 + 3 × 1 = 19 of 22: องค์กรคุณธรรม, one point short of the model level.
    expect(page.locator("#level")).to_contain_text("องค์กรคุณธรรม")
    expect(page.locator("#next-level")).to_contain_text("องค์กรคุณธรรมต้นแบบ")
    expect(page.locator("#missing li")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "moral-standing-phone.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    screenshot(page, "moral-standing-desktop.png", full_page=True)
