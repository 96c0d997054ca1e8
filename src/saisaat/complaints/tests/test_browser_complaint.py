"""Issue 5 end to end in a real browser: a citizen files an anonymous corruption complaint
(after a first try that comes back with a message and keeps what was typed), the
complaint officer acknowledges it with a public message and an internal note, the citizen
follows it with the tracking code and sees only the public part, and a group director who
is not a complaint officer cannot open it."""

import pytest

from saisaat.complaints.models import Complaint
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import Unit
from saisaat.testing.browser import log_in, screenshot

STORY = "เจ้าหน้าที่เรียกรับเงินค่าดำเนินการยื่นคำขอกู้ยืมเงินกองทุนพัฒนาบทบาทสตรี ๒,๐๐๐ บาท"
PUBLIC_MESSAGE = "สำนักงานรับเรื่องของท่านแล้ว และจะแจ้งผลการตรวจสอบให้ทราบ"
INTERNAL_NOTE = "บันทึกภายใน: ตั้งคณะกรรมการสืบข้อเท็จจริง"


@pytest.fixture
def demo(transactional_db):
    seed_demo_province()
    return {"province": Unit.objects.get(code="43").pk, "before": Complaint.objects.count()}


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_complaint_goes_from_citizen_to_officer_and_back(live_server, demo, browser_page):
    page = browser_page
    base = live_server.url

    # A citizen, not signed in, finds the form from the header.
    page.goto(f"{base}/complaints/")
    page.click("header.site a[href='/complaints/new/']")
    page.check("input[name=category][value=misconduct]")
    page.select_option("select[name=office]", str(demo["province"]))
    page.fill("input[name=location]", "ที่ว่าการอำเภอเมืองหนองคาย")
    page.click("main form button[type=submit]")
    page.wait_for_selector("main .error-summary[role=alert]")
    assert page.input_value("input[name=location]") == "ที่ว่าการอำเภอเมืองหนองคาย"
    screenshot(page, "complaint-form-message.png", full_page=True)

    page.fill("textarea[name=description]", STORY)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#tracking-code")
    code = page.get_attribute("#tracking-code", "data-code")
    display_code = page.inner_text("#tracking-code").strip()
    screenshot(page, "complaint-tracking-code.png", full_page=True)

    # The complaint officer acknowledges it, with a public message and an internal note.
    log_in(page, base, "officer", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/complaints/units/43/")
    page.click(f"tr.complaint-row a:text-is('{display_code}')")
    page.wait_for_selector("#actions")
    assert STORY in page.inner_text("main")
    page.select_option("select[name=to_status]", "acknowledged")
    page.fill("textarea[name=public_message]", PUBLIC_MESSAGE)
    page.fill("textarea[name=note]", INTERNAL_NOTE)
    page.click("form[action$='/status/'] button[type=submit]")
    page.wait_for_selector(".status-acknowledged")
    detail_url = page.url
    screenshot(page, "complaint-detail.png", full_page=True)
    log_out(page)

    # A group director who is not a complaint officer does not see it.
    log_in(page, base, "strategy", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/complaints/units/43/")
    assert display_code not in page.inner_text("main")
    assert page.goto(detail_url).status == 404
    page.context.clear_cookies()

    # The citizen follows it with the code: the public message, never the note.
    page.goto(f"{base}/complaints/track/")
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_selector("#track-result")
    result = page.inner_text("#track-result")
    assert PUBLIC_MESSAGE in result
    assert INTERNAL_NOTE not in page.content()
    assert "acknowledged" in page.get_attribute("#track-status", "class")
    screenshot(page, "complaint-tracked.png", full_page=True)
