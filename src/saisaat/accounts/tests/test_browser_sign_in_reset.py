"""A department administrator requests a sign-in reset for an office head in a real
browser, at phone and desktop width; a second one sees it waiting for confirmation."""

import pytest
from playwright.sync_api import expect

from saisaat.orgs.models import Unit, User
from saisaat.testing.browser import log_in, screenshot

PASSWORD = "Browser-Reset-2567!"


@pytest.fixture
def offices(transactional_db):
    department = Unit.objects.create(code="00", kind="department", name_th="กรมการพัฒนาชุมชน")
    province = Unit.objects.create(
        code="43", kind="province", name_th="สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", parent=department
    )
    for username in ("dept-admin-1", "dept-admin-2"):
        User.objects.create_user(
            username, password=PASSWORD, unit=department, role=User.Role.ADMINISTRATOR
        )
    User.objects.create_user(
        "director",
        password=PASSWORD,
        email="director@example.org",
        first_name="สมชาย",
        last_name="ใจดี",
        unit=province,
        role=User.Role.APPROVER,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reset_is_requested_and_waits_for_a_second_administrator(
    live_server, offices, browser_page
):
    page = browser_page
    log_in(page, live_server.url, "dept-admin-1", PASSWORD)
    page.goto(f"{live_server.url}/accounts/resets/")
    page.fill("input[name=username]", "director")
    page.check("input[name=kind][value=both]")
    page.fill("textarea[name=reason]", "ลืมรหัสผ่านและทำโทรศัพท์หาย โทรยืนยันตัวตนกับหัวหน้าแล้ว")
    page.click("main form button[type=submit]")
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("สมชาย ใจดี")
    # The requester has no confirm button on their own request.
    expect(page.locator("tbody form")).to_have_count(0)
    screenshot(page, "sign-in-resets-desktop.png", full_page=True)

    page.context.clear_cookies()
    log_in(page, live_server.url, "dept-admin-2", PASSWORD)
    page.goto(f"{live_server.url}/accounts/resets/")
    expect(page.locator("tbody form")).to_have_count(2)
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "sign-in-resets-390.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at 390 px"
