"""The OIT checklist: for each item of a fiscal year, the public page that answers it for
one office, whether it is published, and when it was last brought up to date."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from saisaat.orgs.models import Unit
from saisaat.portal.models import OitItem, PortalPage, PublicTarget
from saisaat.portal.public import (
    public_budget_lines,
    public_documents,
    public_joint_activities,
    public_surveys,
)
from saisaat.thai.calendar import fiscal_year_bounds, local_date

DATA = Path(__file__).resolve().parent / "data"

MISSING = "missing"
PUBLISHED = "published"
STALE = "stale"
STATUS_LABELS = {
    MISSING: _("Not yet published"),
    PUBLISHED: _("Public"),
    STALE: _("Not updated this fiscal year"),
}


def ensure_items(fiscal_year: int) -> int:
    """The shipped items of ``fiscal_year`` (migration 0002 wrote them once), written again
    when none of that year is left (a test database flushed between transactional tests,
    a demo rebuilt); items already there are never changed. Returns how many were made."""
    path = DATA / f"oit_{fiscal_year}.json"
    if OitItem.objects.filter(fiscal_year=fiscal_year).exists() or not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    OitItem.objects.bulk_create(
        OitItem(fiscal_year=fiscal_year, number=number, **item)
        for number, item in enumerate(data["items"], start=1)
    )
    return len(data["items"])


@dataclass
class Row:
    item: OitItem
    url: str
    status: str
    updated: date | None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def _target_url(target: str, unit: Unit, fiscal_year: int) -> str:
    if target in (PublicTarget.HOME, PublicTarget.DOCUMENTS, PublicTarget.SURVEYS):
        return reverse(target, args=[unit.code])
    if target in (PublicTarget.BUDGET, PublicTarget.PARTNERS):
        return f"{reverse(target, args=[unit.code])}?year={fiscal_year}"
    if target == PublicTarget.COMPLAINT_STATISTICS:
        # Published per province only (a district's count could point at a person).
        return f"{reverse(target, args=[unit.province.code])}?year={fiscal_year}"
    return reverse(target)


def _has_public_records(target: str, unit: Unit, fiscal_year: int) -> bool:
    """Whether a page drawn from the office's records has anything to show for the year:
    budget lines, published survey results, activities with partners, asked of the same
    querysets as the pages themselves."""
    if target == PublicTarget.BUDGET:
        return public_budget_lines(unit, fiscal_year).exists()
    if target == PublicTarget.SURVEYS:
        return public_surveys(unit, fiscal_year).exists()
    if target == PublicTarget.PARTNERS:
        return public_joint_activities(unit, fiscal_year).exists()
    return True


def checklist(unit: Unit, fiscal_year: int) -> list[Row]:
    """Three queries (the items, the office's published pages, its last issued document),
    and one for each item answered by a page drawn from the office's records."""
    start = fiscal_year_bounds(fiscal_year)[0]
    items = list(OitItem.objects.filter(fiscal_year=fiscal_year).order_by("number"))
    pages = {
        page.kind: page
        for page in PortalPage.objects.published()
        .filter(unit=unit)
        .only("kind", "updated_at")
        .order_by()
    }
    last_issued = public_documents().filter(unit=unit).aggregate(last=Max("issued_at"))["last"]

    def dated(day: date | None, url: str) -> tuple[str, str, date | None]:
        if day is None:
            return "", MISSING, None
        return url, (STALE if day < start else PUBLISHED), day

    rows = []
    for item in items:
        if item.page_kind:
            page = pages.get(item.page_kind)
            day = local_date(page.updated_at) if page else None
            url = reverse("portal:page", args=[unit.code, item.page_kind])
            url, status, updated = dated(day, url)
        elif item.target == PublicTarget.DOCUMENTS:
            day = local_date(last_issued) if last_issued else None
            url, status, updated = dated(day, _target_url(item.target, unit, fiscal_year))
        elif _has_public_records(item.target, unit, fiscal_year):
            # Pages the app draws from live records: current whenever they have any.
            url, status, updated = _target_url(item.target, unit, fiscal_year), PUBLISHED, None
        else:
            url, status, updated = "", MISSING, None
        rows.append(Row(item, url, status, updated))
    return rows
