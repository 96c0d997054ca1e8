"""An inspector scores a 5S round on a phone, with a photo, seeing the corrective action
carried over from the last quarter: in a real browser at 390 px, with screenshots."""

import pytest

from saisaat.assessments import fives, services
from saisaat.assessments.models import CorrectiveAction
from saisaat.assessments.tests.factories import PNG
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import Unit, User
from saisaat.testing.browser import log_in, screenshot


@pytest.fixture
def fives_round(transactional_db):
    # The demo has the province's 5S checklist, its first two quarters published and a
    # corrective action of Phon Phisai still open; the third quarter is to be scored.
    seed_demo_province()
    province = Unit.objects.get(code="43")
    committee = User.objects.get(username="committee")
    round_ = fives.create_quarter_round(
        province, fiscal_year=2566, quarter=3, assessors=[committee]
    )
    services.open_round(round_)
    carried = CorrectiveAction.objects.still_open().get()
    return {
        "pk": round_.pk,
        "criteria": len(services.criteria_of(round_.framework)),
        "office": carried.unit.code,
        "carried": carried.action,
    }


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_inspector_scores_a_5s_round_with_a_photo_on_a_phone(
    live_server, fives_round, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, "committee", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    url = f"{live_server.url}/assessments/rounds/{fives_round['pk']}/score/{fives_round['office']}/"
    page.goto(url)
    page.wait_for_selector("form.scoring")
    assert fives_round["carried"] in page.inner_text(".carried-actions")
    areas = page.locator(".scoring-section h2").all_inner_texts()
    assert areas == ["ห้องทำงาน", "ห้องประชุม", "ห้องเก็บเอกสาร"]
    assert _no_horizontal_scroll(page)

    for fieldset in page.locator("fieldset.criterion").all():
        fieldset.locator("input[type=radio][value='4']").check()
    first = page.locator("fieldset.criterion").first
    first.locator("textarea").fill("โต๊ะทำงานเป็นระเบียบ มีเอกสารค้างบนโต๊ะเล็กน้อย")
    first.locator("input[type=file]").set_input_files(
        {"name": "desk.png", "mimeType": "image/png", "buffer": PNG}
    )
    screenshot(page, "fives-score-phone.png", full_page=True)
    page.click("form.scoring button[type=submit]")
    # Saved, the inspector moves on to the next office; back to the one just scored.
    page.wait_for_url(lambda address: fives_round["office"] not in address)
    page.goto(url)
    page.wait_for_selector(".carried-actions")
    page.wait_for_selector("fieldset.criterion a[href*='/photo/']")
    assert page.locator("fieldset.criterion a[href*='/photo/']").count() == 1
    assert page.locator("input[type=radio][value='4']:checked").count() == fives_round["criteria"]
    assert _no_horizontal_scroll(page)
    screenshot(page, "fives-score-phone-saved.png", full_page=True)

    # The photo is served back to the inspector who gave it.
    href = page.locator("fieldset.criterion a[href*='/photo/']").get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert response.body() == PNG

    page.goto(
        f"{live_server.url}/assessments/rounds/{fives_round['pk']}/actions/{fives_round['office']}/"
    )
    page.wait_for_selector("form button[type=submit]")
    assert _no_horizontal_scroll(page)
    screenshot(page, "fives-actions-phone.png", full_page=True)

    # The trend of the demo's published quarters, the checklist and the programme.
    for path, name in (
        ("/assessments/43/5s/trend/?year=2566", "fives-trend"),
        ("/assessments/43/5s/", "fives-checklist"),
        ("/assessments/43/5s/programme/?year=2566", "fives-programme"),
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_selector("h1")
        assert _no_horizontal_scroll(page), path
        screenshot(page, f"{name}-phone.png", full_page=True)
    assert page.locator(".fives-working-group li").count() > 0
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/assessments/43/5s/trend/?year=2566")
    page.wait_for_selector("rect.quarter-bar")
    assert page.locator("tr.trend-row").count() == 10
    screenshot(page, "fives-trend-wide.png", full_page=True)
