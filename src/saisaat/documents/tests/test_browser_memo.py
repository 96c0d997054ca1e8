"""A district officer drafts a memo on an activity from live data, edits it, generates the
PDF and DOCX, and attaches the memo to the activity's evidence: in a real browser."""

from datetime import date

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.documents.models import Memo
from saisaat.documents.tests.base import small_pdf
from saisaat.orgs.models import User
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking.models import Assignment, EvidenceItem
from saisaat.tracking.services import add_evidence


@pytest.fixture
def demo_with_evidence(transactional_db):
    seed_demo_province()
    # Work not started yet: the demo has evidence (and a memo) on much of the rest.
    assignment = (
        Assignment.objects.filter(unit__code="4301", status=Assignment.Status.NOT_STARTED)
        .order_by("pk")
        .first()
    )
    officer = User.objects.get(username="district4301")
    add_evidence(
        assignment,
        acting_user=officer,
        effective_date=date(2023, 1, 20),
        file=ContentFile(small_pdf("ภาพกิจกรรม"), name="ภาพกิจกรรม.pdf"),
        title="ภาพถ่ายการประชุมชี้แจง",
        max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES,
    )
    return {"assignment_pk": assignment.pk}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_memo_is_drafted_generated_and_attached(live_server, demo_with_evidence, browser_page):
    page = browser_page
    pk = demo_with_evidence["assignment_pk"]
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/documents/memos/new/activity/?assignment={pk}")
    body = page.input_value("#memo-form textarea[name=body]")
    assert "ภาพถ่ายการประชุมชี้แจง ลงวันที่ 20 มกราคม 2566" in body
    assert page.input_value("#memo-form input[name=recipient]") == "พัฒนาการจังหวัดหนองคาย"
    assert page.input_value("#memo-form input[name=number]") == "นค 0016.1/1"
    screenshot(page, "documents-memo-form.png", full_page=True)

    page.fill("#memo-form input[name=subject]", "")
    page.click("#memo-form button[type=submit]")
    page.wait_for_selector("#memo-form .error")
    assert page.input_value("#memo-form textarea[name=body]") == body  # what was typed stays

    page.fill("#memo-form input[name=subject]", "รายงานผลการประชุมชี้แจงนโยบาย No Gift")
    page.click("#memo-form button[type=submit]")
    page.wait_for_selector("#attach-memo")
    assert "นค 0016.1/1" in page.inner_text("h1")
    screenshot(page, "documents-memo-detail.png", full_page=True)
    with page.expect_download() as download:
        page.click("a[href$='/file/docx/']")
    assert download.value.suggested_filename.endswith(".docx")

    page.click("#attach-memo button[type=submit]")
    page.wait_for_url(f"**/assignments/{pk}/")
    assert "บันทึกข้อความ ที่ นค 0016.1/1" in page.inner_text("#evidence")
    # (The demo seed has its own quarterly memo of the provincial office.)
    memo = Memo.objects.get(unit__code="4301", assignment_id=pk)
    assert memo.evidence == EvidenceItem.objects.get(
        assignment_id=pk, title__startswith="บันทึกข้อความ"
    )
