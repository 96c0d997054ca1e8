"""A district officer's daily loop by keyboard alone (Tab, Enter, Space and typing): sign
in, reach My work, open an assignment and add evidence, the focus visible at every stop;
the director's review the same way (approve and open the next, then return one);
and on a 390 px phone every target of My work and of the assignment page is at least
44 px tall."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.orgs.models import User
from saisaat.testing.browser import screenshot
from saisaat.tracking.models import Assignment
from saisaat.tracking.services import publish_plan

PHONE = {"width": 390, "height": 844}
OFFICER = "d4301-02"  # a community development officer of the Mueang Nong Khai office
TARGET = 44

# Whether the focused element shows where the focus is: an outline of 2 px or more, or
# a ring drawn as a box shadow.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const label = el.tagName.toLowerCase() + (el.name ? `[name=${el.name}]` : '') +
    (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.value || '').trim().slice(0, 40);
  return {visible: outline || ring, label};
}
"""

# Every target on the page a finger may need, as tall as it is drawn. A checkbox, a radio
# button or a file field counts with its label (which takes the tap too). Links inside a
# sentence are exempt, as WCAG's target size criteria exempt them.
SMALL_TARGETS_JS = """
(minimum) => {
  const small = [];
  const targets = document.querySelectorAll(
    'main a[href], main button, main input:not([type=hidden]), main select, main textarea, ' +
    'main summary, header.site a[href], header.site button, header.site summary'
  );
  for (const el of targets) {
    if (el.closest('[hidden], .skip-link')) continue;
    let box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;  // not drawn (a closed menu)
    if (['checkbox', 'radio', 'file'].includes(el.type) && el.closest('label')) {
      box = el.closest('label').getBoundingClientRect();
    }
    if (el.tagName === 'A') {
      const parent = el.parentElement;
      const own = parent.textContent.replace(el.textContent, '').trim();
      if (['P', 'SMALL', 'SPAN', 'DD', 'TD'].includes(parent.tagName) && own.length > 1 &&
          getComputedStyle(el).display === 'inline') continue;
    }
    if (box.height + 0.5 < minimum) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.name ? `[name=${el.name}]` : '') +
        ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
      small.push(`${name} ${Math.round(box.height)}px`);
    }
  }
  return small;
}
"""


@pytest.fixture
def keyboard_demo(transactional_db):
    """The FY2566 plan published to its offices; the officer's open work (any of which
    takes evidence)."""
    plan = seed_demo_province()["plan"]
    publish_plan(plan)
    officer = User.objects.get(username=OFFICER)
    open_work = [
        Assignment.Status.NOT_STARTED,
        Assignment.Status.IN_PROGRESS,
        Assignment.Status.RETURNED,
    ]
    editable = set(
        Assignment.objects.filter(
            plan=plan, unit=officer.unit, status__in=open_work, is_retired=False
        ).values_list("pk", flat=True)
    )
    assert editable
    return {"editable": editable}


def tab_to(page, selector: str, unseen: list, *, limit: int = 250, shift: bool = False):
    """Press Tab until the focus is on an element matching ``selector``; note each stop
    whose focus does not show."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus and not focus["visible"]:
            unseen.append(focus["label"])
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_district_officer_adds_evidence_by_keyboard_alone(
    live_server, keyboard_demo, browser_page, tmp_path
):
    page = browser_page
    page.set_viewport_size(PHONE)
    evidence = tmp_path / "ภาพถ่ายกิจกรรม.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    unseen: list[str] = []

    # Sign in: the user name has the focus when the page opens.
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("input[name=username]")).to_be_focused()
    page.keyboard.type(OFFICER)
    tab_to(page, "input[name=password]", unseen)
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    # My work, and on it one of the officer's open assignments.
    page.wait_for_selector("h1:has-text('งานของฉัน')")
    assert page.url.endswith("/work/"), page.url
    editable = ", ".join(
        f".work-card[data-assignment='{pk}'] a" for pk in keyboard_demo["editable"]
    )
    card = tab_to(page, editable, unseen)
    screenshot(page, "keyboard-focus-work-card-390.png")
    assignment_url = card.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{assignment_url}")
    expect(page.locator("#add-evidence")).to_be_visible()

    # The evidence form: a title, the date it happened, the file (Space opens the
    # chooser), and Enter on the save button.
    tab_to(page, "#add-evidence input[name=title]", unseen)
    page.keyboard.type("ภาพถ่ายกิจกรรมด้วยแป้นพิมพ์")
    tab_to(page, "#add-evidence input[name=effective_date]", unseen)
    page.keyboard.type("20/01/2566")
    file_field = tab_to(page, "#add-evidence input[name=file]", unseen)
    expect(file_field).to_be_focused()
    # On a loaded machine the first key press can land before the page is ready for it;
    # the field keeps the focus, so it is pressed again (still by keyboard alone).
    chooser = None
    for _ in range(3):
        try:
            with page.expect_file_chooser(timeout=5000) as waiting:
                page.keyboard.press("Space")
            chooser = waiting.value
            break
        except PlaywrightTimeoutError:
            expect(file_field).to_be_focused()
    assert chooser is not None, "Space on the focused file field never opened the chooser"
    chooser.set_files(str(evidence))
    tab_to(page, "#add-evidence button[type=submit]", unseen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#evidence article.evidence-item:has-text('ภาพถ่ายกิจกรรมด้วยแป้นพิมพ์')")
    screenshot(page, "keyboard-evidence-added-390.png")
    # The work area was replaced: the keyboard carries on from the page, not from nowhere.
    tab_to(page, "#add-evidence input[name=title]", unseen)

    assert unseen == [], f"focus not visible on: {unseen}"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_target_on_my_work_and_the_assignment_page_is_44_px_tall_on_a_phone(
    live_server, keyboard_demo, browser_page
):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", OFFICER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_selector("h1:has-text('งานของฉัน')")
    small = {"my work": page.evaluate(SMALL_TARGETS_JS, TARGET)}
    screenshot(page, "targets-my-work-390.png", full_page=True)
    page.click("header.site details.dropdown > summary")
    small["my work, More open"] = page.evaluate(SMALL_TARGETS_JS, TARGET)
    screenshot(page, "targets-more-open-390.png")
    pk = min(keyboard_demo["editable"])
    page.goto(f"{live_server.url}/assignments/{pk}/")
    page.wait_for_selector("#add-evidence")
    page.evaluate("() => document.querySelectorAll('main details').forEach(d => d.open = true)")
    small["assignment"] = page.evaluate(SMALL_TARGETS_JS, TARGET)
    screenshot(page, "targets-assignment-390.png", full_page=True)
    assert small == {"my work": [], "my work, More open": [], "assignment": []}, small


@pytest.fixture
def review_demo(transactional_db):
    """The FY2566 plan published, with work of the districts waiting for the director."""
    plan = seed_demo_province()["plan"]
    publish_plan(plan)
    waiting = Assignment.objects.filter(plan=plan, status=Assignment.Status.SUBMITTED)
    assert waiting.count() >= 2
    return {"waiting": waiting.count()}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_director_reviews_by_keyboard_alone(live_server, review_demo, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    unseen: list[str] = []

    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("input[name=username]")).to_be_focused()
    page.keyboard.type("director")
    tab_to(page, "input[name=password]", unseen)
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('งานของฉัน')")
    waiting = int(page.inner_text("#to-review h2 .count"))

    # The review queue's first item, opened with Enter.
    tab_to(page, "#start-review", unseen)
    page.keyboard.press("Enter")
    page.wait_for_selector("#review")
    first_url = page.url

    # A comment, then "approve and open the next" with Enter.
    tab_to(page, "#review textarea[name=comment]", unseen)
    page.keyboard.type("หลักฐานครบถ้วน ตรวจด้วยแป้นพิมพ์")
    tab_to(page, "#approve-and-next", unseen)
    screenshot(page, "keyboard-review-approve-1366.png")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != first_url)
    page.wait_for_selector("#review")
    assert "รายการถัดไปที่รอท่านตรวจ" in page.inner_text("main")
    second_url = page.url

    # The next one (its page opened at the top) is returned for changes.
    tab_to(page, "#review textarea[name=comment]", unseen)
    page.keyboard.type("ขอภาพถ่ายเพิ่มเติม")
    tab_to(page, "#review button[value=return]", unseen)
    page.keyboard.press("Enter")
    page.wait_for_selector(".status-returned")
    assert page.url == second_url
    screenshot(page, "keyboard-review-returned-1366.png")

    approved = Assignment.objects.get(pk=int(first_url.rstrip("/").rsplit("/", 1)[1]))
    returned = Assignment.objects.get(pk=int(second_url.rstrip("/").rsplit("/", 1)[1]))
    assert (approved.status, returned.status) == (
        Assignment.Status.APPROVED,
        Assignment.Status.RETURNED,
    )
    page.goto(f"{live_server.url}/work/")
    assert int(page.inner_text("#to-review h2 .count")) == waiting - 2
    assert unseen == [], f"focus not visible on: {unseen}"
