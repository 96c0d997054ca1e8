"""Writing, publishing and withdrawing an office's portal pages, each with one audit entry."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.audit import services as audit
from saisaat.core.files import check_evidence_file
from saisaat.documents.models import OfficialDocument
from saisaat.orgs.models import Unit, User
from saisaat.orgs.scoping import require_editable, require_manager
from saisaat.portal.models import PageKind, PortalPage
from saisaat.thai.calendar import fiscal_year

CONTENT_FIELDS = ["title", "body", "attachment", "updated_at"]
# Publishing leaves ``updated_at`` alone: it is the date the content last changed, which
# decides whether the OIT checklist calls a page stale; a re-publish changes no content.
STATUS_FIELDS = ["status", "published_at"]


def _check_attachment(attachment) -> None:
    checked = check_evidence_file(attachment, max_bytes=settings.SAISAAT_MAX_UPLOAD_BYTES)
    if checked.extension != "pdf":
        raise ValidationError({"attachment": _("The attachment must be a PDF file.")})


@transaction.atomic
def save_page(
    unit: Unit,
    kind: str,
    *,
    title: str,
    body: str,
    attachment=None,
    remove_attachment: bool = False,
    acting_user: User | None,
) -> PortalPage:
    """Write the office's page of ``kind`` (a new page is a draft). A published page stays
    published: its new text is public at once."""
    if kind not in PageKind.values:
        raise ValidationError(_("There is no page of this kind."))
    if attachment is not None:
        _check_attachment(attachment)
    now = timezone.now()
    page = PortalPage.objects.select_for_update().filter(unit=unit, kind=kind).first()
    if page is None:
        require_manager(acting_user, unit)
        page = PortalPage(unit=unit, kind=kind, created_by=acting_user, updated_at=now)
        page.title, page.body = title.strip(), body.strip()
        if attachment is not None:
            page.attachment = attachment
        page.save()
        audit.record_created(
            acting_user,
            "portal.page_created",
            page,
            ["kind", "status", *CONTENT_FIELDS],
            fiscal_year=fiscal_year(now),
        )
        return page
    require_editable(acting_user, page)
    before = audit.snapshot(page, CONTENT_FIELDS)
    page.title, page.body = title.strip(), body.strip()
    if attachment is not None:
        page.attachment = attachment
    elif remove_attachment:
        page.attachment = ""
    page.updated_at = now
    page.save(update_fields=CONTENT_FIELDS)
    audit.record_changed(
        acting_user, "portal.page_changed", page, before, fiscal_year=fiscal_year(now)
    )
    return page


@transaction.atomic
def publish_page(page: PortalPage, *, acting_user: User | None) -> PortalPage:
    return _set_status(page, PortalPage.Status.PUBLISHED, "portal.page_published", acting_user)


@transaction.atomic
def unpublish_page(page: PortalPage, *, acting_user: User | None) -> PortalPage:
    return _set_status(page, PortalPage.Status.DRAFT, "portal.page_unpublished", acting_user)


def _set_status(page: PortalPage, status: str, action: str, acting_user) -> PortalPage:
    require_editable(acting_user, page)
    page = PortalPage.objects.select_for_update().select_related("unit").get(pk=page.pk)
    if page.status == status:
        return page
    now = timezone.now()
    before = audit.snapshot(page, STATUS_FIELDS)
    page.status = status
    if status == PortalPage.Status.PUBLISHED:
        page.published_at = now
    page.save(update_fields=STATUS_FIELDS)
    audit.record_changed(acting_user, action, page, before, fiscal_year=fiscal_year(now))
    return page


@transaction.atomic
def publish_document(document: OfficialDocument, *, acting_user: User | None) -> OfficialDocument:
    """Show an issued announcement (with its PDF) on the office's portal."""
    return _set_document_public(document, True, acting_user)


@transaction.atomic
def unpublish_document(document: OfficialDocument, *, acting_user: User | None) -> OfficialDocument:
    """Take an announcement off the office's portal; it stays issued."""
    return _set_document_public(document, False, acting_user)


def _set_document_public(document: OfficialDocument, public: bool, acting_user):
    require_editable(acting_user, document)
    document = (
        OfficialDocument.objects.select_for_update().select_related("unit").get(pk=document.pk)
    )
    if public and (
        document.kind != OfficialDocument.Kind.ANNOUNCEMENT
        or document.status != OfficialDocument.Status.ISSUED
        or not document.pdf
    ):
        raise ValidationError(_("Only an issued announcement with its PDF can be made public."))
    if (document.portal_published_at is not None) == public:
        return document
    now = timezone.now()
    before = audit.snapshot(document, ["portal_published_at"])
    document.portal_published_at = now if public else None
    document.save(update_fields=["portal_published_at"])
    audit.record_changed(
        acting_user,
        "portal.document_published" if public else "portal.document_unpublished",
        document,
        before,
        fiscal_year=fiscal_year(now),
    )
    return document
