"""A citizen answers the service survey on a phone; the director sees the answer in the
results: in a real browser, with screenshots to look at."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.demo.surveys import seed_surveys_demo
from saisaat.orgs.models import Unit
from saisaat.surveys.catalog import SERVICE
from saisaat.surveys.models import Survey
from saisaat.testing.browser import log_in, screenshot


@pytest.fixture
def demo_survey(transactional_db):
    seed_demo_province()
    seed_surveys_demo(Unit.objects.get(code="43"), 2566)
    survey = Survey.objects.get(template_key=SERVICE, unit__code="43")
    return {"pk": survey.pk, "token": survey.public_token, "count": survey.responses.count()}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_citizen_answers_and_the_results_count_it(live_server, demo_survey, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/surveys/s/{demo_survey['token']}/")
    page.wait_for_selector(".scale-options")

    # Sending without answers keeps the page and marks the questions.
    page.fill("#survey-form textarea", "ที่จอดรถไม่พอ <b>ช่วยเพิ่มด้วย</b>")
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector(".question.has-error")
    assert "ช่วยเพิ่มด้วย" in page.input_value("#survey-form textarea")
    screenshot(page, "survey-public-errors.png", full_page=True)

    for radio in page.locator(".scale-options input[value='5']").all():
        radio.check()
    page.locator(".choice-options input").first.check()
    page.click("#survey-form button[type=submit]")
    page.wait_for_selector("a[href$='?change=1']")
    screenshot(page, "survey-public-thanks.png")

    # Coming back says thank you instead of counting the device twice.
    page.goto(f"{live_server.url}/surveys/s/{demo_survey['token']}/")
    page.wait_for_selector("a[href$='?change=1']")

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/surveys/{demo_survey['pk']}/results/")
    page.wait_for_selector(".response-count")
    assert page.inner_text(".response-count") in (
        str(demo_survey["count"] + 1),
        "๔๑",
    )
    assert "ที่จอดรถไม่พอ <b>ช่วยเพิ่มด้วย</b>" in page.inner_text("body")
    screenshot(page, "survey-results.png", full_page=True)
    page.goto(f"{live_server.url}/surveys/")
    page.wait_for_selector("table.surveys")
    screenshot(page, "survey-list.png", full_page=True)
    page.goto(f"{live_server.url}/surveys/{demo_survey['pk']}/")
    page.wait_for_selector(".survey-section")
    screenshot(page, "survey-builder.png")
    page.goto(f"{live_server.url}/surveys/{demo_survey['pk']}/poster/")
    page.wait_for_selector(".qr svg")
    screenshot(page, "survey-poster.png", full_page=True)
