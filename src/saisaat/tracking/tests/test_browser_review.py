"""A district officer uploads evidence, the approver returns it, the officer resubmits,
the approver approves, and the province dashboard counts it: all in a real browser."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import publish_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def published_demo(transactional_db):
    plan = seed_demo_province()["plan"]
    publish_plan(plan)
    # Open work of dimension 1: the demo's progress has approved much of the rest.
    open_work = [Assignment.Status.NOT_STARTED, Assignment.Status.IN_PROGRESS]
    dimension_one = Assignment.objects.filter(plan=plan, dimension_number=1)
    assignment = (
        dimension_one.filter(unit__code="4301", status__in=open_work)
        # Not started first, so that the officer's item is the only one.
        .order_by("-status", "activity__measure__number", "activity__position")
        .first()
    )
    approved = dimension_one.filter(status=Assignment.Status.APPROVED)
    return {
        "plan": plan,
        "assignment_pk": assignment.pk,
        "activity": assignment.activity.text,
        "approved_in_district": approved.filter(unit__code="4301").count(),
        "approved_in_province": approved.count(),
    }


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_evidence_goes_round_the_review_cycle(live_server, published_demo, browser_page, tmp_path):
    page = browser_page
    url = f"{live_server.url}/assignments/{published_demo['assignment_pk']}/"
    evidence = tmp_path / "ประกาศนโยบาย.pdf"
    evidence.write_bytes(PDF)
    renamed = tmp_path / "รายงาน.pdf"
    renamed.write_bytes(b"MZ\x90\x00" + b"\x00" * 500)

    # The district officer finds the work on "my work" and uploads evidence.
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(url)
    page.set_input_files("#add-evidence input[name=file]", str(renamed))
    page.fill("#add-evidence input[name=effective_date]", "2023-01-20")
    page.click("#add-evidence button[type=submit]")
    page.wait_for_selector("#add-evidence [role=alert]")
    assert "executable" in page.inner_text("#add-evidence [role=alert]").lower() or (
        "โปรแกรม" in page.inner_text("#add-evidence [role=alert]")
    )
    page.set_input_files("#add-evidence input[name=file]", str(evidence))
    page.fill("#add-evidence input[name=title]", "ประกาศนโยบาย No Gift")
    page.fill("#add-evidence input[name=effective_date]", "2023-01-20")
    page.click("#add-evidence button[type=submit]")
    page.wait_for_selector("#evidence article.evidence-item:has-text('ประกาศนโยบาย No Gift')")
    page.click("#submit-for-review")
    # The checklist items have no evidence attached: the officer confirms.
    page.click("#confirm-submit-button")
    page.wait_for_selector(".status-submitted")
    screenshot(page, "assignment-submitted.png", full_page=True)
    log_out(page)

    # The approver returns it with a comment.
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("#to-review")
    page.click(f"#to-review a[href='/assignments/{published_demo['assignment_pk']}/']")
    page.fill("#review textarea[name=comment]", "ขอรูปภาพการเผยแพร่ประกาศด้วย")
    page.click("#review button[value=return]")
    page.wait_for_selector(".status-returned")
    log_out(page)

    # The officer sees the comment, adds a link and resubmits.
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("#returned a")
    screenshot(page, "my-work.png")
    page.click(f"#returned a[href='/assignments/{published_demo['assignment_pk']}/']")
    assert "ขอรูปภาพการเผยแพร่ประกาศด้วย" in page.inner_text(".returned-note")
    page.fill("#add-evidence input[name=url]", "https://example.org/album/no-gift")
    page.fill("#add-evidence input[name=effective_date]", "2023-01-25")
    page.click("#add-evidence button[type=submit]")
    page.wait_for_selector("#evidence a[href='https://example.org/album/no-gift']")
    page.click("#submit-for-review")
    # The checklist items have no evidence attached: the officer confirms.
    page.click("#confirm-submit-button")
    page.wait_for_selector(".status-submitted")
    log_out(page)

    # The approver approves, and the dashboard counts it.
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.goto(url)
    page.click("#review button[value=approve]")
    page.wait_for_selector(".status-approved")
    assert page.locator("#add-evidence").count() == 0
    screenshot(page, "assignment-approved.png", full_page=True)
    page.goto(f"{live_server.url}/provinces/43/")
    page.wait_for_selector("table.heatmap")
    district_column = page.locator("table.heatmap tbody tr").first.locator("td").nth(1)
    assert district_column.inner_text().startswith(f"{published_demo['approved_in_district'] + 1}/")
    screenshot(page, "province-dashboard.png")
    log_out(page)

    # The department sees the province's progress rolled up with the others.
    log_in(page, live_server.url, "department", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.click("header.site a[href='/department/']")
    page.wait_for_selector("table.heatmap")
    first_row = page.locator("table.heatmap tbody tr").first
    assert "หนองคาย" in first_row.inner_text()
    province_cell = first_row.locator("td").first.inner_text()
    assert province_cell.startswith(f"{published_demo['approved_in_province'] + 1}/")
    screenshot(page, "department.png")
