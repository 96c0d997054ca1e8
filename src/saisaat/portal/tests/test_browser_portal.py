"""The public portal in a real browser, signed out: axe-core finds no serious or critical
violation and nothing scrolls sideways, at phone and desk width."""

from datetime import date
from decimal import Decimal

import pytest

from saisaat.audit.published import publish_head
from saisaat.budget import services as budget
from saisaat.demo.portal import seed_portal_demo
from saisaat.orgs.models import Unit, User
from saisaat.participation.models import JointActivity, Partner, PartnerType
from saisaat.surveys import services as surveys
from saisaat.surveys.models import Question
from saisaat.testing.base import make_unit, make_user
from saisaat.testing.browser import screenshot
from saisaat.testing.crawl import AXE_JS, AXE_SOURCE, OVERFLOW_JS

PAGES = {
    "home": "/portal/43/",
    "page": "/portal/43/pages/powers-and-duties/",
    "oit": "/portal/43/oit/?year=2566",
    "district": "/portal/4301/",
    "budget": "/portal/43/budget/?year=2566",
    "surveys": "/portal/43/surveys/",
    "partners": "/portal/43/partners/?year=2566",
    "data": "/portal/43/data/",
    "chain-heads": "/portal/audit-chain/",
}


@pytest.fixture
def portal_office(transactional_db):
    # Seeded before the browser starts: Playwright's greenlets must not own DB connections.
    department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
    province = make_unit("43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", department)
    make_unit("4301", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", province)
    make_unit("4302", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอท่าบ่อ", province)
    make_user("director", province, role=User.Role.APPROVER, position="พัฒนาการจังหวัดหนองคาย")
    seed_portal_demo(province, 2566)
    # The public figures: a published survey with answers, a budget, a partner activity.
    survey = surveys.create_survey(
        province, fiscal_year=2566, title="ความพึงพอใจต่อการให้บริการของสำนักงาน"
    )
    section = surveys.add_section(survey, title="ด้านกระบวนการและขั้นตอนการให้บริการ")
    scale = surveys.add_question(section, kind=Question.Kind.SCALE, text="ความรวดเร็วในการให้บริการ")
    choice = surveys.add_question(
        section,
        kind=Question.Kind.SINGLE,
        text="ช่องทางที่ใช้บริการ",
        choices=["ที่สำนักงาน", "ออนไลน์"],
    )
    surveys.set_open(survey, True)
    options = list(choice.choices.order_by("position"))
    # Enough responses to publish (five); the rarer option shows no count.
    for score in (5, 4, 4, 3, 4, 5, 4):
        surveys.submit_response(survey, {scale.pk: score, choice.pk: options[score % 2].pk})
    surveys.set_results_published(survey, True)
    line = budget.create_line(
        province,
        2566,
        name="โครงการส่งเสริมคุณธรรมจริยธรรมและความโปร่งใส",
        acting_user=None,
        planned=[Decimal("125000.50")] * 12,
    )
    budget.record_disbursements(
        province,
        2566,
        {(line.pk, 1): Decimal("120000"), (line.pk, 2): Decimal("99999.99")},
        acting_user=None,
    )
    kind = PartnerType.objects.get_or_create(code="community", defaults={"name_th": "ชุมชน"})[0]
    partner = Partner.objects.create(unit=province, name="ชุมชนบ้านหม้อ", partner_type=kind)
    activity = JointActivity.objects.create(
        unit=province, fiscal_year=2566, title="เดินรณรงค์ต่อต้านการทุจริต", held_on=date(2023, 1, 9)
    )
    activity.partners.add(partner)
    publish_head(date(2023, 1, 9))
    publish_head()
    return {"survey": survey.pk}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_public_portal_passes_axe_and_fits_a_phone(live_server, portal_office, browser_page):
    page = browser_page
    axe = AXE_SOURCE.read_text(encoding="utf-8")
    findings = []
    pages = {**PAGES, "survey": f"/portal/43/surveys/{portal_office['survey']}/"}
    for name, path in pages.items():
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(f"{live_server.url}{path}", wait_until="load")
            assert response.status == 200, path
            screenshot(page, f"portal-{name}-{width}.png", full_page=True)
            overflow = page.evaluate(OVERFLOW_JS)
            if overflow["culprits"] or overflow["width"] > width + 1:
                findings.append(f"{path} at {width}px overflows: {overflow}")
            page.evaluate(axe)
            for violation in page.evaluate(AXE_JS):
                findings.append(f"{path} at {width}px: {violation}")
    # The checklist lists every item, and the demo office answers them all.
    page.goto(f"{live_server.url}{PAGES['oit']}")
    assert page.locator(".oit-items > li").count() == 33
    assert page.locator(".oit-missing").count() == 0
    assert findings == []
