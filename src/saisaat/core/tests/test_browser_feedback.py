"""Feedback in a real browser: upload progress and a busy button, the header's
notifications badge and "More" menu by keyboard, message styles, and the first invalid
field of a form shown again brought into view and focused."""

import os
import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saisaat.budget import services as budget
from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.notices.models import Notice
from saisaat.notices.services import notify
from saisaat.orgs.models import Unit, User
from saisaat.testing.browser import log_in, screenshot
from saisaat.tracking import services as tracking
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import publish_plan

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
BUDGET_YEAR = 2566


@pytest.fixture
def feedback_demo(transactional_db):
    plan = seed_demo_province()["plan"]
    publish_plan(plan)
    officer = User.objects.get(username="district4301")
    open_work = [Assignment.Status.NOT_STARTED, Assignment.Status.IN_PROGRESS]
    assignments = list(
        Assignment.objects.filter(plan=plan, unit__code="4301", status__in=open_work).order_by(
            "pk"
        )[:3]
    )
    for assignment in assignments:
        notify([officer], Notice.Kind.DUE_SOON, assignment, key="browser", message="ใกล้ครบกำหนด")
    province = Unit.objects.get(code="43")
    lines = [
        budget.create_line(
            province,
            BUDGET_YEAR,
            name=f"โครงการทดสอบที่ {n}",
            acting_user=None,
            planned=[Decimal("1000.00")] * 12,
            number=100 + n,
            source="operating",
        )
        for n in range(1, 16)
    ]
    return {
        "assignment_pk": assignments[0].pk,
        "unread": Notice.objects.filter(recipient=officer, read_at__isnull=True).count(),
        "last_line_pk": lines[-1].pk,
    }


def shot(page, name, **kwargs):
    path = screenshot(page, name, **kwargs)
    shots = os.environ.get("SAISAAT_SHOTS_DIR")
    if shots:
        os.makedirs(shots, exist_ok=True)
        page.screenshot(path=os.path.join(shots, name), full_page=kwargs.get("full_page", False))
    return path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_upload_shows_its_progress_and_disables_the_button(
    live_server, feedback_demo, browser_page, tmp_path, monkeypatch
):
    page = browser_page
    # The server takes a moment over the saved file, as on a busy day: long enough to see
    # the bar at 100 % while the button still waits.
    add_evidence = tracking.add_evidence

    def slow_add_evidence(*args, **kwargs):
        time.sleep(1.5)
        return add_evidence(*args, **kwargs)

    monkeypatch.setattr(tracking, "add_evidence", slow_add_evidence)
    evidence = tmp_path / "รายงานผล.pdf"
    evidence.write_bytes(b"%PDF-1.4\n" + os.urandom(3 * 1024 * 1024) + b"\n%%EOF\n")

    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/assignments/{feedback_demo['assignment_pk']}/")
    form = page.locator("#add-evidence form")
    button = form.locator("button[type=submit]")
    progress = form.locator(".upload-progress progress")
    # Made by the script, hidden until something is sent.
    expect(progress).to_be_hidden()

    # Sent with nothing to keep: the form comes back (through htmx) with a summary, and
    # the file field, the one to fill, has the focus.
    page.fill("#add-evidence input[name=effective_date]", "2023-01-20")
    button.click()
    page.wait_for_selector("#add-evidence .error-summary")
    expect(page.locator("#add-evidence .error-summary")).to_contain_text("ยังไม่ได้บันทึก")
    expect(page.locator("#add-evidence input[name=file]")).to_be_focused()

    # A slow line: about 1 MB a second up.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 1_000_000},
    )
    page.set_input_files("#add-evidence input[name=file]", str(evidence))
    page.fill("#add-evidence input[name=title]", "รายงานผลการดำเนินงาน")
    page.fill("#add-evidence input[name=effective_date]", "2023-01-20")
    button.click()

    seen, disabled_throughout = [], True
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and page.locator("#add-evidence form progress").count():
        box = page.locator("#add-evidence form .upload-progress")
        if box.is_hidden():
            break
        seen.append(int(float(box.locator("progress").get_attribute("value"))))
        disabled_throughout &= button.is_disabled()
        if seen[-1] == 100:
            assert "100 %" in box.inner_text()
            assert "กำลังส่งไฟล์" in box.inner_text()
            shot(page, "upload-progress-100.png")
            break
        page.wait_for_timeout(100)
    assert any(0 < value < 100 for value in seen), seen
    assert seen[-1] == 100, seen
    assert disabled_throughout
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    # The answer replaces the work area: the evidence is listed, the button works again.
    page.wait_for_selector("#evidence article.evidence-item:has-text('รายงานผลการดำเนินงาน')")
    expect(page.locator("#add-evidence button[type=submit]")).to_be_enabled()
    expect(page.locator("#add-evidence .upload-progress")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_upload_works_without_javascript(live_server, feedback_demo, browser_page, tmp_path):
    context = browser_page.context.browser.new_context(
        java_script_enabled=False, viewport=PHONE, locale="th-TH"
    )
    page = context.new_page()
    evidence = tmp_path / "ภาพกิจกรรม.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/assignments/{feedback_demo['assignment_pk']}/")
    assert page.locator("#add-evidence progress").count() == 0
    page.set_input_files("#add-evidence input[name=file]", str(evidence))
    page.fill("#add-evidence input[name=title]", "ภาพกิจกรรมโดยไม่มีสคริปต์")
    page.fill("#add-evidence input[name=effective_date]", "2023-01-21")
    page.click("#add-evidence button[type=submit]")
    page.wait_for_selector("#evidence article.evidence-item:has-text('ภาพกิจกรรมโดยไม่มีสคริปต์')")
    # The success message, in its own style.
    message = page.locator("main article.message-success")
    expect(message).to_contain_text("สำเร็จ")
    shot(page, "message-success-phone.png")
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_header_badge_and_the_more_menu_by_keyboard(live_server, feedback_demo, browser_page):
    page = browser_page
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")

    link = page.locator("header.site a.notices-link")
    unread = feedback_demo["unread"]
    assert unread >= 3
    expect(link).to_have_accessible_name(f"การแจ้งเตือน {unread} รายการที่ยังไม่ได้อ่าน")
    expect(link.locator("mark.unread-count")).to_have_text(str(unread))
    shot(page, "header-badge-desktop.png")

    more = page.locator("header.site details.dropdown")
    summary = more.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(more).to_have_attribute("open", "")
    # The open label stays white on the header's green (it was white on white).
    colour = summary.evaluate("el => getComputedStyle(el).color")
    background = summary.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(255, 255, 255)"
    assert background in ("rgba(0, 0, 0, 0)", "transparent")
    header = page.locator("header.site").evaluate("el => getComputedStyle(el).backgroundColor")
    assert header == "rgb(29, 107, 95)"
    shot(page, "more-menu-open-desktop.png")
    # Into the menu by keyboard, then Escape closes it and gives the focus back.
    page.keyboard.press("Tab")
    focused_in_menu = page.evaluate(
        "() => document.activeElement.closest('details.dropdown') !== null"
    )
    assert focused_in_menu
    page.keyboard.press("Escape")
    expect(more).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()

    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_selector("h1")
    expect(link).to_have_accessible_name(f"การแจ้งเตือน {unread} รายการที่ยังไม่ได้อ่าน")
    assert link.locator("mark.unread-count").is_visible()
    # The header fits the phone (My work itself is another matter, issue 16 item 1).
    width = page.locator("header.site").evaluate("el => el.scrollWidth")
    right = page.locator("header.site a.notices-link").evaluate(
        "el => el.getBoundingClientRect().right"
    )
    assert width <= PHONE["width"] and right <= PHONE["width"], (width, right)
    shot(page, "header-badge-phone.png")

    # Reading the notifications clears the badge.
    link.click()
    page.wait_for_selector("h1")
    page.locator("form[action$='/read/'] button, form[action*='read'] button").first.click()
    page.wait_for_selector("h1")
    expect(page.locator("header.site mark.unread-count")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_first_unreadable_cell_of_the_budget_grid_is_brought_into_view_and_focused(
    live_server, feedback_demo, browser_page
):
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/budget/43/disbursements/?year={BUDGET_YEAR}")
    cell = page.locator(f"#id_d_{feedback_demo['last_line_pk']}_12")
    cell.fill("หนึ่งพัน")
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("#grid-errors")

    cell = page.locator(f"#id_d_{feedback_demo['last_line_pk']}_12")
    expect(cell).to_be_focused()
    box = cell.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], box
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"], box
    summary = page.locator("#grid-errors")
    expect(summary).to_contain_text("โครงการทดสอบที่ 15")
    assert "ด้านล่าง" not in summary.inner_text()
    shot(page, "budget-grid-invalid-cell-phone.png")
    # The summary's link leads back to the cell from the top of the page.
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "message-error-phone.png")
    summary.locator("a").first.click()
    expect(cell).to_be_focused()
    page.set_viewport_size(DESKTOP)
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "message-error-desktop.png")


def _rgb(css_colour: str) -> str:
    red, green, blue = (
        int(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]
    )
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_four_message_levels_look_different_at_both_widths(live_server, browser_page):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.template.loader import render_to_string
    from django.utils import translation

    from saisaat.core.tests.test_messages_and_errors import contrast

    with translation.override("th"):
        html = render_to_string(
            "_messages.html",
            {
                "messages": [
                    Message(constants.SUCCESS, "บันทึกหลักฐานเรียบร้อยแล้ว"),
                    Message(constants.INFO, "ช่องทางนี้มีเรื่องร้องเรียนแล้ว จึงยกเลิกการเผยแพร่แทนการลบ"),
                    Message(constants.WARNING, "ยังไม่ได้แนบหลักฐานในรายการตรวจสอบบางข้อ"),
                    Message(constants.ERROR, "ไฟล์นี้เป็นโปรแกรม ระบบไม่รับไฟล์ประเภทนี้"),
                ]
            },
        )
    page = browser_page
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/accounts/login/")
        # The site's own template and stylesheet, on a real page of the site.
        page.locator("main").evaluate(
            "(main, html) => main.insertAdjacentHTML('afterbegin', html)", html
        )
        looks = set()
        for article in page.locator("main article.message").all():
            text = _rgb(article.evaluate("el => getComputedStyle(el).color"))
            background = _rgb(article.evaluate("el => getComputedStyle(el).backgroundColor"))
            border = _rgb(article.evaluate("el => getComputedStyle(el).borderLeftColor"))
            assert contrast(text, background) >= 4.5, (text, background)
            looks.add((background, border))
        assert len(looks) == 4
        shot(page, f"message-levels-{name}.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_document_link_says_it_is_working_until_the_file_arrives(
    live_server, feedback_demo, browser_page, monkeypatch, tmp_path
):
    from saisaat.budget import reports

    report_pdf = reports.report_pdf

    def slow_report_pdf(*args, **kwargs):
        time.sleep(4)
        return report_pdf(*args, **kwargs)

    monkeypatch.setattr(reports, "report_pdf", slow_report_pdf)
    page = browser_page
    log_in(page, live_server.url, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/budget/43/?year={BUDGET_YEAR}")
    # On a loaded machine the scripts may still be settling: click once they are.
    page.wait_for_load_state("networkidle")
    link = page.locator("a[href*='/budget/43/report.pdf']")
    # Every state the link and its note go through is recorded in the page, so a slow
    # machine that takes a while to look cannot miss the busy state.
    link.evaluate(
        """link => {
          window.seen = [];
          const record = () => window.seen.push([
            link.getAttribute("aria-busy"), link.getAttribute("aria-disabled"),
            (link.nextElementSibling && link.nextElementSibling.textContent) || ""]);
          new MutationObserver(record).observe(link.parentNode, {
            attributes: true, childList: true, subtree: true, characterData: true});
        }"""
    )
    with page.expect_download() as download:
        link.click()
        shot(page, "document-busy-desktop.png")
    assert download.value.suggested_filename.endswith(".pdf")
    seen = page.evaluate("window.seen")
    assert ["true", "true", "กำลังดำเนินการ โปรดรอสักครู่…"] in seen, seen
    # The file has come: the link works again.
    expect(link).to_have_attribute("aria-busy", "false")
    expect(link).not_to_have_attribute("aria-disabled", "true")
    expect(page.locator(".busy-note")).to_have_text("")

    # Any other upload form is sent by htmx with its progress, and its answer replaces
    # the page as a plain submission would.
    page.goto(f"{live_server.url}/budget/43/import/?year={BUDGET_YEAR}")
    expect(page.locator("main form .upload-progress")).to_have_count(1)
    bogus = tmp_path / "เบิกจ่าย.xlsx"
    bogus.write_bytes(b"not a spreadsheet at all")
    page.set_input_files("main form input[type=file]", str(bogus))
    with page.expect_request(lambda request: request.method == "POST") as sent:
        page.locator("main form button[type=submit]").click()
    assert sent.value.headers.get("hx-request") == "true"
    assert sent.value.headers.get("hx-boosted") == "true"
    expect(page.locator("main .message-error")).to_be_visible()
    assert page.locator("header.site").count() == 1
    assert f"/budget/43/import/?year={BUDGET_YEAR}" in page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_files_too_large_for_one_request_are_refused_before_anything_is_sent(
    live_server, feedback_demo, browser_page, settings
):
    settings.SAISAAT_MAX_REQUEST_BYTES = 2 * 1024 * 1024
    too_large = {"name": "ภาพกิจกรรม.pdf", "mimeType": "application/pdf"}
    too_large["buffer"] = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    page = browser_page
    page.set_viewport_size(PHONE)
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    # A citizen's complaint (a form the server validates: novalidate): what was typed stays.
    page.goto(f"{live_server.url}/complaints/new/")
    details = "เจ้าหน้าที่เรียกรับเงินค่าดำเนินการ"
    page.fill("textarea[name=description]", details)
    page.set_input_files("input[type=file]", too_large)
    page.locator("main form button[type=submit]").click()
    page.wait_for_timeout(300)
    assert posts == []
    field = page.locator("input[type=file]")
    expect(field).to_be_focused()
    message = field.evaluate("input => input.validationMessage")
    assert "ส่งได้ครั้งละไม่เกิน 2 MB" in message
    expect(page.locator("textarea[name=description]")).to_have_value(details)
    expect(page.locator("main form .too-large-note")).to_contain_text("ส่งได้ครั้งละไม่เกิน 2 MB")
    shot(page, "too-large-complaint-phone.png")

    # The evidence form of an assignment (sent by htmx).
    log_in(page, live_server.url, "district4301", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/assignments/{feedback_demo['assignment_pk']}/")
    page.set_input_files("#add-evidence input[name=file]", too_large)
    page.fill("#add-evidence input[name=effective_date]", "2023-01-20")
    posts.clear()
    page.locator("#add-evidence button[type=submit]").click()
    page.wait_for_timeout(300)
    assert posts == []
    expect(page.locator("#add-evidence input[name=file]")).to_have_attribute("aria-invalid", "true")
    # A smaller file clears the refusal.
    page.set_input_files(
        "#add-evidence input[name=file]",
        {"name": "a.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"},
    )
    expect(page.locator("#add-evidence input[name=file]")).to_have_attribute(
        "aria-invalid", "false"
    )
