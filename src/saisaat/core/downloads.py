"""Responses that hand a person a file: a stored upload, or a document built on request.

Every one is private and never cached (``Cache-Control: private, no-store``): they are
served only after a permission check and must not outlive it in a shared cache.
"""

import time

from django.conf import settings
from django.http import FileResponse, HttpResponse

# Shown in the browser rather than saved; everything else downloads.
INLINE_TYPES = ("application/pdf", "image/")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Changed on every file handed out: the page that asked for a document made on request
# stays open, and its script watches this cookie to stop saying "working" (no secret in it).
DOWNLOAD_COOKIE = "saisaat_download"


def mark_download(response: HttpResponse) -> HttpResponse:
    response.set_cookie(
        DOWNLOAD_COOKIE,
        str(time.time_ns()),
        max_age=300,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,
    )
    return response


def stored_file_response(file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file (an open-able ``FieldFile``): PDFs and pictures open in the browser."""
    content_type = content_type or "application/octet-stream"
    response = FileResponse(
        file.open("rb"),
        as_attachment=not content_type.startswith(INLINE_TYPES),
        filename=filename,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return mark_download(response)


def download_response(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A document built for this request, always saved as a file."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return mark_download(response)
