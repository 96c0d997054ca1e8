"""On a phone-sized screen: a staff member votes for a moral goal with htmx, the director
opens check-in for an activity, and an officer checks in from the QR code's address."""

import pytest

from saisaat.demo.activities import seed_activities_demo
from saisaat.demo.goals import seed_goals_demo
from saisaat.demo.province import DEMO_FISCAL_YEAR, DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import StaffMember, Unit, User
from saisaat.participation.models import OfficeActivity
from saisaat.participation.services.activities import set_checkin_open
from saisaat.testing.browser import log_in, screenshot

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    seed_demo_province()
    for user in User.objects.filter(unit__isnull=False).exclude(unit__kind="department"):
        StaffMember.objects.get_or_create(
            user=user,
            defaults={
                "unit": user.unit,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
            },
        )
    province = Unit.objects.get(code="43")
    seed_goals_demo(province, DEMO_FISCAL_YEAR)
    seed_activities_demo(province, DEMO_FISCAL_YEAR)
    activity = OfficeActivity.objects.filter(unit=province).order_by("-held_on").first()
    set_checkin_open(activity, True)
    activity.attendance.filter(staff__user__username="officer").delete()
    return {"activity_pk": activity.pk, "token": activity.checkin_token}


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_goals_and_check_in_on_a_phone(live_server, demo, browser_page):
    page = browser_page
    page.set_viewport_size(PHONE)

    # The officer votes for a goal; htmx swaps the board in place.
    log_in(page, live_server.url, "officer", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/participation/43/goals/?year=2566")
    page.wait_for_selector("#goal-board")
    before = page.inner_text("#goal-board .goal-participation")
    page.locator("#goal-board button[aria-pressed=false]").first.click()
    page.wait_for_selector("#goal-board button[aria-pressed=true]")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "goals-phone.png", full_page=True)
    assert before  # the participation box is shown

    # Check in from the QR code's address, with a big button.
    page.goto(f"{live_server.url}/participation/check-in/{demo['token']}/")
    page.wait_for_selector("button.big")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "check-in-phone.png")
    page.click("button.big")
    page.wait_for_selector(".done")
    screenshot(page, "checked-in-phone.png")
    log_out(page)

    # The director sees the QR code and the list on the activity page.
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/participation/activities/{demo['activity_pk']}/")
    page.wait_for_selector("#check-in img")
    assert page.evaluate("document.querySelector('#check-in img').naturalWidth") > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "activity-detail-phone.png", full_page=True)
    page.goto(f"{live_server.url}/participation/43/activities/?year=2566")
    page.wait_for_selector("#coverage-summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "activity-list-phone.png", full_page=True)
