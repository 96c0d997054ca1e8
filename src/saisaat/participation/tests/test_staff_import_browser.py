"""The staff import as the administrator meets it: a spreadsheet exported from Thai Excel
(Windows Thai encoding) with two bad rows is refused row by row and nothing is written;
the corrected file is previewed, confirmed, and the new people are on the staff list."""

import pytest

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.testing.browser import log_in, screenshot

HEADER = "คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,กลุ่มงาน,อีเมล,วันเริ่มงาน\n"
GOOD = "นางสาว,ทดลอง,นำเข้าหนึ่ง,นักวิชาการพัฒนาชุมชน,4301,,import1@demo.saisaat.invalid,๑/๑๐/๒๕๖๕\n"
SECOND = "นาย,ทดลอง,นำเข้าสอง,เจ้าพนักงานธุรการ,4302,,import2@demo.saisaat.invalid,15/11/2565\n"
BAD_UNIT = "นาย,ผิด,หน่วยงาน,นักวิชาการ,9999,,bad1@demo.saisaat.invalid,1/10/2565\n"
BAD_DATE = "นาง,ผิด,วันที่,นักวิชาการ,4301,,bad2@demo.saisaat.invalid,31/02/2566\n"


@pytest.fixture
def demo(transactional_db, tmp_path):
    seed_demo_province()
    bad = tmp_path / "บุคลากร-ผิด.csv"
    bad.write_bytes((HEADER + GOOD + BAD_UNIT + BAD_DATE).encode("cp874"))
    good = tmp_path / "บุคลากร.csv"
    good.write_bytes((HEADER + GOOD + SECOND).encode("cp874"))
    return {"bad": bad, "good": good}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_bad_file_is_refused_row_by_row_and_a_good_one_imported(live_server, demo, browser_page):
    page = browser_page
    base = live_server.url
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/participation/43/staff/")
    page.click("a[href='/participation/43/staff/import/']")

    page.set_input_files("input[name=file]", str(demo["bad"]))
    page.click("main form button[type=submit]")
    page.wait_for_selector("table.import-errors")
    rows = page.locator("table.import-errors tbody tr")
    assert rows.count() == 2
    assert page.locator("form[action$='/import/confirm/']").count() == 0
    screenshot(page, "staff-import-errors.png", full_page=True)

    page.goto(f"{base}/participation/43/staff/import/")
    page.set_input_files("input[name=file]", str(demo["good"]))
    page.click("main form button[type=submit]")
    page.wait_for_selector("table.import-plan")
    assert page.locator("tr.plan-create").count() == 2
    screenshot(page, "staff-import-preview.png", full_page=True)
    page.click("form[action$='/import/confirm/'] button[type=submit]")

    page.wait_for_selector("input[name=q]")
    page.fill("input[name=q]", "นำเข้า")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("text=นำเข้าสอง")
    listed = page.inner_text("main")
    assert "นำเข้าหนึ่ง" in listed and "นำเข้าสอง" in listed
    assert "ผิด หน่วยงาน" not in listed
