"""Checking uploaded evidence files (หลักฐานเชิงประจักษ์) before they are stored.

The kind of a file is decided from its content (magic bytes), never from its name alone:
the name's extension must agree with the content, and programs are refused outright, so a
``virus.exe`` renamed ``report.pdf`` never reaches storage. Files are read in chunks, so a
large upload is checked without holding it in memory.
"""

from __future__ import annotations

import hashlib
import math
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import IO, Final, Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from saisaat.core.downloads import XLSX_TYPE

__all__ = [
    "ALLOWED_TYPES",
    "CheckedFile",
    "EvidenceFileError",
    "check_evidence_file",
    "human_size",
    "is_executable",
    "sniff",
]

HEAD_BYTES: Final = 8 * 1024
"""How much of the start of a file is read to recognise it."""

CHUNK_BYTES: Final = 64 * 1024
"""Chunk size for hashing, so memory use does not grow with the file."""

MEGABYTE: Final = 1024 * 1024

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = XLSX_TYPE
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_ODT = "application/vnd.oasis.opendocument.text"
_ODS = "application/vnd.oasis.opendocument.spreadsheet"
_ODP = "application/vnd.oasis.opendocument.presentation"

ALLOWED_TYPES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "pdf": ("application/pdf", "PDF"),
        "png": ("image/png", "รูปภาพ PNG"),
        "jpg": ("image/jpeg", "รูปภาพ JPEG"),
        "gif": ("image/gif", "รูปภาพ GIF"),
        "webp": ("image/webp", "รูปภาพ WEBP"),
        "heic": ("image/heic", "รูปภาพ HEIC"),
        "heif": ("image/heif", "รูปภาพ HEIF"),
        "docx": (_DOCX, "Word"),
        "doc": ("application/msword", "Word 97-2003"),
        "xlsx": (_XLSX, "Excel"),
        "xls": ("application/vnd.ms-excel", "Excel 97-2003"),
        "pptx": (_PPTX, "PowerPoint"),
        "ppt": ("application/vnd.ms-powerpoint", "PowerPoint 97-2003"),
        "odt": (_ODT, "เอกสาร OpenDocument"),
        "ods": (_ODS, "ตาราง OpenDocument"),
        "odp": (_ODP, "งานนำเสนอ OpenDocument"),
    }
)
"""Canonical extension -> (content type, label shown to officers)."""

_EXTENSION_ALIASES: Final = MappingProxyType({"jpeg": "jpg"})
"""Other spellings of a canonical extension."""

_EQUIVALENT_EXTENSIONS: Final = (frozenset({"heic", "heif"}),)
"""Extensions that may be used for one another (same container, viewers open both)."""

_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_EXTENSIONS: Final = frozenset({"doc", "xls", "ppt"})
_PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_HEIF_BRANDS: Final = MappingProxyType(
    {b"heic": "heic", b"heix": "heic", b"heif": "heif", b"mif1": "heif"}
)
_OOXML_PARTS: Final = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
_ODF_MIMETYPES: Final = MappingProxyType(
    {_ODT.encode(): "odt", _ODS.encode(): "ods", _ODP.encode(): "odp"}
)
_EXECUTABLE_MAGICS: Final = (
    b"\x7fELF",  # Linux and other Unix programs
    b"MZ",  # Windows programs and DLLs
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",  # Mach-O 32-bit, little-endian
    b"\xcf\xfa\xed\xfe",  # Mach-O 64-bit, little-endian
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary
    b"\xca\xfe\xba\xbf",  # Mach-O universal binary, 64-bit
    b"#!",  # scripts
)
# A name's last dot-part counts as an extension only if it looks like one, so a Thai name
# such as "รายงาน ต.ค. 66" is treated as having none rather than one called " 66".
_EXTENSION_RE: Final = re.compile(r"(?=[a-z0-9]*[a-z])[a-z0-9]{1,8}")


class UploadLike(Protocol):
    """What ``check_evidence_file`` needs: Django's ``File`` and ``UploadedFile`` fit."""

    name: str | None

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...

    def read(self, size: int = -1) -> bytes: ...

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def tell(self) -> int: ...


@dataclass(frozen=True)
class CheckedFile:
    """An evidence file that passed the checks, described from its content."""

    content_type: str
    extension: str
    """Canonical extension taken from the content, e.g. ``"jpg"``."""
    size: int
    """Number of bytes actually read while hashing."""
    sha256: str
    """Hex digest of the whole file."""


class EvidenceFileError(ValidationError):
    """The upload cannot be used as evidence.

    ``code`` is one of ``"too_large"``, ``"empty"``, ``"executable"``,
    ``"type_not_allowed"`` or ``"name_mismatch"``.
    """


def is_executable(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts like a program or a script."""
    return head.startswith(_EXECUTABLE_MAGICS)


def sniff(fileobj: IO[bytes] | UploadLike, *, name: str = "") -> tuple[str, str] | None:
    """Recognise an allowed kind of file from its content.

    Returns ``(content_type, canonical_extension)`` or ``None`` when the content is not one
    of ``ALLOWED_TYPES``. Legacy Office files (OLE2) look the same whether they hold a
    document, a workbook or slides, so for them ``name`` decides: only ``.doc``, ``.xls``
    and ``.ppt`` are recognised. Reads at most ``HEAD_BYTES`` (plus what ``zipfile`` needs
    for ZIP-based formats) and puts the file position back where it was.
    """
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(HEAD_BYTES)
        extension = _sniff_extension(head, fileobj, _extension_of(name))
    finally:
        fileobj.seek(position)
    if extension is None:
        return None
    return ALLOWED_TYPES[extension][0], extension


def check_evidence_file(uploaded: UploadLike, *, max_bytes: int) -> CheckedFile:
    """Check an uploaded file and describe it, or raise ``EvidenceFileError``.

    The checks run in this order: empty, larger than ``max_bytes``, a program, not an
    allowed kind, a name whose extension disagrees with the content. The SHA-256 is then
    computed chunk by chunk and the file is left at position 0, ready to be saved.
    """
    declared_size = getattr(uploaded, "size", None)
    if declared_size is not None:
        _check_size(declared_size, max_bytes)

    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(0)
    if not head:
        raise _empty_error()
    if is_executable(head):
        raise EvidenceFileError(
            _(
                "This file is a program or script (an executable), "
                "which cannot be used as evidence."
            ),
            code="executable",
        )

    written_extension = _written_extension(uploaded.name or "")
    name_extension = _EXTENSION_ALIASES.get(written_extension, written_extension)
    sniffed = sniff(uploaded, name=uploaded.name or "")
    if sniffed is None:
        raise EvidenceFileError(
            _("This kind of file cannot be used as evidence. Allowed kinds: %(kinds)s."),
            code="type_not_allowed",
            params={"kinds": ", ".join(label for _type, label in ALLOWED_TYPES.values())},
        )
    content_type, extension = sniffed
    if name_extension and not _same_kind(name_extension, extension):
        raise EvidenceFileError(
            _("The file name says .%(extension)s but the content is %(kind)s."),
            code="name_mismatch",
            params={"extension": written_extension, "kind": ALLOWED_TYPES[extension][1]},
        )

    digest = hashlib.sha256()
    size = 0
    try:
        for chunk in uploaded.chunks(CHUNK_BYTES):
            size += len(chunk)
            # The declared size can be missing or wrong for a file that is not a fresh upload.
            _check_size(size, max_bytes, at_least=True)
            digest.update(chunk)
    finally:
        uploaded.seek(0)
    if size == 0:
        raise _empty_error()
    return CheckedFile(
        content_type=content_type, extension=extension, size=size, sha256=digest.hexdigest()
    )


def human_size(n: int) -> str:
    """A byte count for people: ``"300 B"``, ``"512 KB"``, ``"15.0 MB"``, ``"1.5 GB"``."""
    if n < 1024:
        return f"{n} B"
    kilobytes = round(n / 1024)
    if kilobytes < 1024:
        return f"{kilobytes} KB"
    megabytes = n / MEGABYTE
    if round(megabytes, 1) < 1024:
        return f"{megabytes:.1f} MB"
    return f"{n / (1024 * MEGABYTE):.1f} GB"


# ---------------------------------------------------------------------------- helpers


def _check_size(size: int, max_bytes: int, *, at_least: bool = False) -> None:
    """Refuse an empty file, or one over the limit. With ``at_least`` the size is a running
    count, so zero proves nothing yet."""
    if size == 0 and not at_least:
        raise _empty_error()
    if size > max_bytes:
        # Round the size up and the limit down so the two never print as the same number.
        raise EvidenceFileError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={
                "size": f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}",
                "limit": f"{math.floor(max_bytes * 10 / MEGABYTE) / 10:.1f}",
            },
        )


def _empty_error() -> EvidenceFileError:
    return EvidenceFileError(_("The file is empty."), code="empty")


def _extension_of(name: str) -> str:
    """The canonical extension of a file name, or ``""`` when it has none."""
    extension = _written_extension(name)
    return _EXTENSION_ALIASES.get(extension, extension)


def _written_extension(name: str) -> str:
    """A file name's extension in lower case as written (``"jpeg"``), or ``""``."""
    # Windows drops trailing dots and spaces from names, so "report.pdf " is a PDF name.
    base = name.replace("\\", "/").rsplit("/", 1)[-1].rstrip(". ")
    _stem, dot, extension = base.rpartition(".")
    extension = extension.lower()
    if not dot or not _EXTENSION_RE.fullmatch(extension):
        return ""
    return extension


def _same_kind(name_extension: str, content_extension: str) -> bool:
    if name_extension == content_extension:
        return True
    return any(
        name_extension in group and content_extension in group for group in _EQUIVALENT_EXTENSIONS
    )


def _sniff_extension(
    head: bytes, fileobj: IO[bytes] | UploadLike, name_extension: str
) -> str | None:
    """The canonical extension for ``head``, the first bytes of ``fileobj``."""
    if is_executable(head):
        return None
    if head.startswith(_PNG_MAGIC):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return _HEIF_BRANDS.get(head[8:12])
    if head.startswith(_OLE2_MAGIC):
        return name_extension if name_extension in _OLE2_EXTENSIONS else None
    if head.startswith(_ZIP_MAGIC):
        # A ZIP that also carries "%PDF-" is a polyglot; it is judged as a ZIP only.
        return _sniff_zip(fileobj)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return None


def _sniff_zip(fileobj: IO[bytes] | UploadLike) -> str | None:
    """``docx``/``xlsx``/``pptx``/``odt``/``ods``/``odp`` for those ZIP formats, else None.

    Only the central directory and at most the first member's first bytes are read, so a
    ZIP bomb is never inflated. Macro-enabled Office files are not recognised.
    """
    try:
        with zipfile.ZipFile(fileobj) as archive:
            members = archive.infolist()
            if not members:
                return None
            first = members[0]
            if first.filename == "mimetype":
                with archive.open(first) as member:
                    mimetype = member.read(100).strip()
                return _ODF_MIMETYPES.get(mimetype)
            names = [member.filename for member in members]
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None
            for prefix, extension in _OOXML_PARTS:
                if any(name.startswith(prefix) for name in names):
                    return extension
            return None
    except Exception:
        # Corrupt, encrypted or oddly compressed: whatever fails in reading an untrusted
        # archive, it is not a file we can vouch for.
        return None
