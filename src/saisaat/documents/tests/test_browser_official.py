"""An administrator issues the moral-organisation team order (4.1.3) to five staff, two of
them acknowledge it, the progress shows 2 of 5, and the order satisfies 4.1.3's evidence
item: in a real browser."""

import pytest
from django.utils import timezone

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.documents.models import OfficialDocument
from saisaat.orgs.models import StaffMember, Unit
from saisaat.plans import years
from saisaat.plans.checklist import OFFICIAL_DOCUMENT
from saisaat.plans.models import Activity
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking.models import EvidenceItem

MEMBERS = ["director", "officer", "strategy", "p43-coordination-03", "p43-coordination-04"]


@pytest.fixture
def demo(transactional_db):
    seed_demo_province()
    province = Unit.objects.get(code="43")
    plan = years.plan_for(
        province, years.chosen_year("", years.plan_years(province), timezone.localdate())
    )
    activity = Activity.objects.get(
        measure__dimension__plan=plan, measure__dimension__number=4, measure__number=1, position=3
    )
    staff = {s.user.username: s.pk for s in StaffMember.objects.filter(user__username__in=MEMBERS)}
    return {"activity": activity.pk, "staff": [staff[name] for name in MEMBERS]}


def acknowledge_as(page, base, username, url):
    page.context.clear_cookies()
    log_in(page, base, username, DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/documents/official/")
    assert "รอท่านรับทราบ" in page.inner_text("#official-documents")
    page.goto(url)
    page.click("#my-receipt button[type=submit]")
    page.wait_for_selector("#my-receipt >> text=ท่านรับทราบเอกสารนี้เมื่อ")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_order_is_issued_sent_acknowledged_and_filed_as_evidence(
    live_server, demo, browser_page
):
    page, base = browser_page, live_server.url
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/documents/official/new/order/")
    page.fill("#official-form input[name=title]", "แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม")
    page.fill(
        "#official-form textarea[name=body]",
        "เพื่อให้การขับเคลื่อนองค์กรคุณธรรมของสำนักงานเป็นไปอย่างมีประสิทธิภาพ"
        " จึงแต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม ประกอบด้วย",
    )
    page.fill("#official-form textarea[name=duties]", "ให้คณะทำงานมีหน้าที่ขับเคลื่อนองค์กรคุณธรรม")
    page.select_option("#official-form select[name=activity]", str(demo["activity"]))
    roles = ["chair", "vice_chair", "member", "member", "secretary"]
    for index, (staff, role) in enumerate(zip(demo["staff"], roles, strict=True)):
        page.select_option(f"select[name=members-{index}-staff]", str(staff))
        page.select_option(f"select[name=members-{index}-role]", role)
    screenshot(page, "documents-order-form.png", full_page=True)
    page.click("#official-form button[type=submit]")
    page.wait_for_selector("#issue-document")
    page.click("#issue-document button[type=submit]")
    page.wait_for_selector("#send-document")
    order = OfficialDocument.objects.get(kind="order", unit__code="43")
    assert order.running_number == 1 and not order.is_draft
    assert f"ที่ 1/{order.year}" in page.inner_text("h1")
    with page.expect_download() as download:
        page.click("a[href$='/file/docx/']")
    assert download.value.suggested_filename.endswith(".docx")

    page.select_option("#send-document select[name=audience]", "members")
    page.click("#send-document button[type=submit]")
    page.wait_for_selector("text=ส่งถึง 5 คนแล้ว")
    assert "0 จาก 5" in page.inner_text("#read-progress h2")
    detail = page.url

    acknowledge_as(page, base, "officer", detail)
    acknowledge_as(page, base, "director", detail)

    page.context.clear_cookies()
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(detail)
    assert "2 จาก 5" in page.inner_text("#read-progress h2")
    screenshot(page, "documents-order-detail.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "documents-order-detail-390.png", full_page=True)
    assert width <= 390, width
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("#document-evidence button[type=submit]")
    page.wait_for_selector("text=แนบเอกสารเป็นหลักฐานของกิจกรรมแล้ว")
    item = EvidenceItem.objects.get(source_kind=OFFICIAL_DOCUMENT)
    assert item.assignment.activity_id == demo["activity"]
    assert item.assignment.unit.code == "43"
    assert item.requirement.kind == OFFICIAL_DOCUMENT
    assert len(item.sha256) == 64
    page.goto(f"{base}{item.assignment.get_absolute_url()}")
    assert "แต่งตั้งคณะทำงานขับเคลื่อนองค์กรคุณธรรม" in page.inner_text("#evidence")
