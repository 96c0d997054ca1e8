"""What of the office's correspondence the portal shows."""

from saisaat.documents.models import OfficialDocument


def public_documents():
    """Issued announcements (ประกาศ) with their PDF: a notice to the public by nature.
    Orders (คำสั่ง) name staff and their duties; they stay with the office and those they
    were sent to."""
    return (
        OfficialDocument.objects.issued()
        .filter(kind=OfficialDocument.Kind.ANNOUNCEMENT)
        .exclude(pdf="")
    )
