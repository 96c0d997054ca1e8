"""The director enrols an authenticator and signs in with a code, in a real browser; the
code is computed from the key the enrolment page shows, as a phone app would."""

from base64 import b32decode

import pytest
from django.test import override_settings
from django_otp.oath import totp
from playwright.sync_api import expect

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in, screenshot


def code_from(secret: str, drift: int = 0) -> str:
    return f"{totp(b32decode(secret), drift=drift):06d}"


@pytest.fixture
def demo_province(transactional_db):
    seed_demo_province()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@override_settings(SAISAAT_REQUIRE_2FA=True)
def test_the_director_enrols_then_signs_in_with_a_code(live_server, demo_province, browser_page):
    page = browser_page
    base = live_server.url

    log_in(page, base, "director", DEMO_PASSWORD)
    page.wait_for_selector("figure.qr svg")
    assert "/accounts/two-factor/setup/" in page.url
    secret = page.locator("code.secret").inner_text().strip()
    screenshot(page, "two-factor-setup.png", full_page=True)

    page.fill("input[name=code]", "123456" if code_from(secret) != "123456" else "654321")
    page.click("main form button[type=submit]")
    # The error summary heads the form, and the code field has the focus to type again.
    assert page.locator("main .error-summary").is_visible()
    expect(page.locator("input[name=code]")).to_be_focused()
    # A wrong code makes the device refuse the next try for a second (then 2, 4, ...).
    page.wait_for_timeout(1200)

    page.fill("input[name=code]", code_from(secret))
    page.click("main form button[type=submit]")
    page.wait_for_selector("ul.recovery-codes")
    assert page.locator("ul.recovery-codes li").count() == 10
    page.click("text=ดำเนินการต่อ")
    page.wait_for_selector("header.site a[href='/plans/']")

    # Signing out and in again asks for the code; the app's next code opens the app,
    # and the page still works with htmx under the Content-Security-Policy.
    page.click("header.site form[action='/accounts/logout/'] button")
    log_in(page, base, "director", DEMO_PASSWORD)
    page.wait_for_selector("input[name=code]")
    assert "/accounts/two-factor/" in page.url
    page.fill("input[name=code]", code_from(secret, drift=1))
    page.click("main form button[type=submit]")
    page.wait_for_selector("header.site a[href='/plans/']")
    page.click("header.site a[href='/plans/']")
    page.wait_for_selector("tr.activity")
    page.select_option("select[name=dimension]", "5")
    # The Content-Security-Policy forbids eval, so wait with a locator, not a JS predicate.
    expect(page.locator("tr.activity")).to_have_count(6)
    screenshot(page, "two-factor-signed-in.png")
