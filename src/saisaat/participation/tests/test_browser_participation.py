"""Issue 4 end to end in a real browser: a staff member acknowledges the declaration in
the app, the administrator records a paper signature and a certificate, and the
provincial development officer sees both on the indicators page and opens the number on
the people behind it."""

import pytest

from saisaat.demo.province import DEMO_FISCAL_YEAR, DEMO_PASSWORD, seed_demo_province
from saisaat.indicators.engine import evaluate
from saisaat.indicators.models import IndicatorBinding
from saisaat.orgs.models import StaffMember, Unit
from saisaat.participation.models import Acknowledgement, Course, Declaration
from saisaat.plans.years import plan_for
from saisaat.testing.browser import log_in, screenshot


def _counts(metric_key):
    """The figure the indicators page shows: each activity's implementing offices, counted
    within its period."""
    unit = Unit.objects.get(code="43")
    results = evaluate(plan_for(unit, DEMO_FISCAL_YEAR), unit, rolled_up=True)
    value = next(r.value for r in results if r.metric and r.metric.key == metric_key)
    return value.numerator, value.denominator


@pytest.fixture
def demo(transactional_db):
    seed_demo_province()
    declaration = Declaration.objects.get(
        unit__code="43", kind=Declaration.Kind.MORAL_DECLARATION, fiscal_year=DEMO_FISCAL_YEAR
    )
    officer = StaffMember.objects.get(user__username="officer")
    Acknowledgement.objects.filter(staff=officer, version__declaration=declaration).delete()
    unsigned = (
        StaffMember.objects.active()
        .filter(unit__code="43")
        .exclude(acknowledgements__version__declaration=declaration)
        .exclude(pk=officer.pk)
        .order_by("pk")
        .first()
    )
    uncertified = (
        StaffMember.objects.active()
        .filter(unit__code="43", certificates__isnull=True)
        .order_by("pk")
        .first()
    )
    targets = {
        binding.metric: binding.target_id
        for binding in IndicatorBinding.objects.filter(
            metric__in=["declaration_acknowledged", "staff_certified"]
        )
    }
    return {
        "declaration": declaration.pk,
        "officer": officer.pk,
        "course": Course.objects.get(code="nacc-e-learning").pk,
        "unsigned": unsigned,
        "uncertified": uncertified,
        "acknowledged": _counts("declaration_acknowledged"),
        "certified": _counts("staff_certified"),
        "targets": targets,
    }


def log_out(page):
    page.click("header.site form[action='/accounts/logout/'] button")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_acknowledgements_and_certificates_reach_the_indicators(live_server, demo, browser_page):
    page = browser_page
    base = live_server.url

    # A provincial officer finds what they owe from the participation page and signs.
    log_in(page, base, "officer", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.click("header.site a[href='/participation/43/']")
    page.click("a[href='/participation/my/declarations/']")
    awaiting = page.locator(f"article.awaiting[data-declaration='{demo['declaration']}']")
    awaiting.get_by_role("button").click()
    page.check("input[name=confirm]")
    page.click("main form button[type=submit]")
    page.wait_for_selector(f"li[data-declaration='{demo['declaration']}'] .ack-yes")
    screenshot(page, "participation-my-declarations.png", full_page=True)
    log_out(page)

    # The administrator records a paper signature dated in the activity's period (4.2.1 is
    # due ม.ค.–ก.พ. ๖๖)...
    log_in(page, base, "admin", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{base}/participation/43/declarations/{demo['declaration']}/?status=pending")
    row = page.locator(f"tr[data-staff='{demo['unsigned'].pk}']")
    row.locator("input[name=signed_on]").fill("2023-02-20")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"tr[data-staff='{demo['unsigned'].pk}'].acknowledged, .message")
    page.goto(f"{base}/participation/43/declarations/{demo['declaration']}/")
    for person in (demo["unsigned"].pk, demo["officer"]):
        assert "acknowledged" in page.get_attribute(f"tr[data-staff='{person}']", "class")
    screenshot(page, "participation-declaration-progress.png", full_page=True)

    # ...and a certificate from the e-learning course.
    page.goto(f"{base}/participation/staff/{demo['uncertified'].pk}/")
    page.click("main section details summary")
    form = page.locator("form[action$='/certificates/']")
    form.locator("select[name=course]").select_option(str(demo["course"]))
    form.locator("input[name=number]").fill("NACC-2566-99999")
    form.locator("input[name=issued_on]").fill("2023-03-15")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=NACC-2566-99999")
    log_out(page)

    # The provincial development officer sees both numbers move on the indicators page.
    log_in(page, base, "director", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.click("header.site a[href='/indicators/units/43/']")
    acknowledged, whole = demo["acknowledged"]
    declaration_row = page.locator(
        f"tr[data-target='{demo['targets']['declaration_acknowledged']}'] td.value"
    )
    assert f"({acknowledged + 1}/{whole})" in declaration_row.inner_text()
    certified, staff = demo["certified"]
    certified_row = page.locator(f"tr[data-target='{demo['targets']['staff_certified']}'] td.value")
    assert f"({certified + 1}/{staff})" in certified_row.inner_text()
    screenshot(page, "participation-indicators.png", full_page=True)

    # The number opens on the people behind it.
    certified_row.locator("a").click()
    page.wait_for_selector("#done")
    assert str(demo["uncertified"]) in page.inner_text("#done")
    assert str(demo["uncertified"]) not in page.inner_text("#pending")
    screenshot(page, "participation-certified-people.png", full_page=True)
