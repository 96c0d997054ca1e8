"""Done means: a district officer satisfies the sign-off-sheet item of the moral
declaration activity from the declaration's acknowledgement progress, without uploading
anything, submits (confirming the item still missing), and the reviewer sees the item
ticked. In a real browser, at a phone's width and a desktop's."""

import pytest

from saisaat.demo.declarations import seed_declarations_demo
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.demo.staff import seed_staff_demo
from saisaat.plans.checklist import DECLARATION_SIGNOFF
from saisaat.plans.models import EvidenceRequirement
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking.models import Assignment, EvidenceItem


@pytest.fixture
def sign_off_work(transactional_db):
    result = seed_demo_province()
    plan = result["plan"]
    seed_staff_demo(plan.owner_unit, plan.fiscal_year)
    seed_declarations_demo(plan.owner_unit, plan.fiscal_year)
    sheet = EvidenceRequirement.objects.get(
        activity__measure__dimension__plan=plan, kind=DECLARATION_SIGNOFF
    )
    assignment = Assignment.objects.get(activity=sheet.activity, unit__code="4301")
    # The demo's progress may have approved or filed this work already: start it afresh.
    EvidenceItem.objects.filter(assignment=assignment).delete()
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.IN_PROGRESS)
    return {"assignment_pk": assignment.pk, "sheet_pk": sheet.pk, "label": sheet.label}


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


def shots(page, name):
    """The page at a desktop's width and a phone's, the checklist in view."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator("#checklist").scroll_into_view_if_needed()
        screenshot(page, f"checklist-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_sign_off_sheet_item_is_satisfied_from_the_declaration(
    live_server, sign_off_work, browser_page
):
    page = browser_page
    url = f"{live_server.url}/assignments/{sign_off_work['assignment_pk']}/"
    item = f"#checklist li[data-requirement='{sign_off_work['sheet_pk']}']"

    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(url)
    assert page.get_attribute(item, "data-state") == "missing"
    shots(page, "before")
    # The moral declaration the province published is offered first, under its kind.
    options = page.locator(f"{item} select[name=record] option")
    assert options.count() >= 1
    assert options.first.get_attribute("value").startswith(f"{DECLARATION_SIGNOFF}:")
    page.click(f"{item} button[type=submit]")
    page.wait_for_selector(f"{item}[data-state='done']")
    assert "สำเนาจากระบบใสสะอาด" in page.inner_text(item)
    assert page.locator("#add-evidence input[name=file]").input_value() == ""
    shots(page, "linked")

    # The announcement item is still missing: submitting asks first.
    page.click("#submit-for-review")
    page.wait_for_selector("#confirm-submit")
    assert "ประกาศข้อตกลง" in page.inner_text("#confirm-submit")
    assert sign_off_work["label"] not in page.inner_text("#confirm-submit ul")
    page.set_viewport_size({"width": 390, "height": 900})
    screenshot(page, "checklist-confirm-390.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#confirm-submit-button")
    page.wait_for_selector(".status-submitted")
    log_out(page)

    # The reviewer sees the item ticked.
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(url)
    page.wait_for_selector("#review")
    assert page.get_attribute(item, "data-state") == "done"
    assert page.inner_text(f"{item} .tick") == "✓"
    assert page.locator(f"{item} select[name=record]").count() == 0
    shots(page, "reviewer")

    # The province sees what is missing where, linked from its dashboard.
    page.goto(f"{live_server.url}/provinces/43/")
    page.click("a[href^='/provinces/43/missing/']")
    page.wait_for_selector("table.missing-table")
    row = page.locator("table.missing-table tbody tr", has_text="ประกาศข้อตกลง").first
    assert "1/2" in row.inner_text()
    screenshot(page, "checklist-missing-1280.png", full_page=True)
