"""Evidence uploads are recognised from their content: allowed kinds pass with the right
type and hash, programs, disguised files and unknown kinds are refused, and large files are
checked without being held in memory."""

import hashlib
import io
import os
import struct
import tracemalloc
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils.translation import override

from saisaat.core.files import (
    ALLOWED_TYPES,
    CheckedFile,
    EvidenceFileError,
    check_evidence_file,
    human_size,
    is_executable,
    sniff,
)

MB = 1024 * 1024
LIMIT = 20 * MB

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"

# ---------------------------------------------------------------------------- samples

PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
WEBP = b"RIFF" + struct.pack("<I", 12) + b"WEBPVP8L" + struct.pack("<I", 0)
HEIC = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
MACH_O = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 200
SCRIPT = b"#!/bin/sh\nrm -rf ~\n"
TEXT = "ผลการดำเนินงาน,จำนวน\nประกาศนโยบาย,1\n".encode()


@pytest.fixture(autouse=True)
def english_messages():
    """Messages are checked in English here; the Thai catalogue has its own test."""
    with override("en"):
        yield


def test_it_explains_a_refusal_in_thai_by_default():
    with override("th"):
        error = refusal("virus.pdf", b"MZ" + b"\x00" * 64)
    assert "โปรแกรม" in error.messages[0]


def png_1x1() -> bytes:
    """A real 1x1 red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A ZIP with ``members`` in order; a ``mimetype`` member is stored uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
RELS = b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'


def ooxml(part: str, *extra: tuple[str, bytes]) -> bytes:
    return make_zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            (part, b'<?xml version="1.0"?><root/>'),
            *extra,
        ]
    )


def opendocument(mimetype: str) -> bytes:
    return make_zip(
        [
            ("mimetype", mimetype.encode()),
            ("content.xml", b'<?xml version="1.0"?><office:document-content/>'),
            ("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest:manifest/>'),
        ]
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refusal(name: str, data: bytes, *, max_bytes: int = LIMIT) -> EvidenceFileError:
    with pytest.raises(EvidenceFileError) as caught:
        check_evidence_file(upload(name, data), max_bytes=max_bytes)
    return caught.value


# ---------------------------------------------------------------------------- accepted


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [
        ("ประกาศนโยบาย.pdf", PDF, "application/pdf", "pdf"),
        ("photo.png", png_1x1(), "image/png", "png"),
        ("photo.jpg", JPEG, "image/jpeg", "jpg"),
        ("photo.jpeg", JPEG, "image/jpeg", "jpg"),
        ("SCAN.JPG", JPEG, "image/jpeg", "jpg"),
        ("anim.gif", GIF, "image/gif", "gif"),
        ("photo.webp", WEBP, "image/webp", "webp"),
        ("IMG_0001.HEIC", HEIC, "image/heic", "heic"),
        ("IMG_0001.heif", HEIC, "image/heic", "heic"),
        ("รายงาน.docx", ooxml("word/document.xml"), DOCX_TYPE, "docx"),
        ("งบประมาณ.xlsx", ooxml("xl/workbook.xml"), XLSX_TYPE, "xlsx"),
        ("สไลด์.pptx", ooxml("ppt/presentation.xml"), PPTX_TYPE, "pptx"),
        ("รายงาน.odt", opendocument(ODT_TYPE), ODT_TYPE, "odt"),
        ("ตาราง.ods", opendocument(ODS_TYPE), ODS_TYPE, "ods"),
        ("old.doc", OLE2, "application/msword", "doc"),
        ("old.xls", OLE2, "application/vnd.ms-excel", "xls"),
        ("old.ppt", OLE2, "application/vnd.ms-powerpoint", "ppt"),
    ],
)
def test_it_accepts_allowed_kinds_with_the_type_from_content(name, data, content_type, extension):
    checked = check_evidence_file(upload(name, data), max_bytes=LIMIT)

    assert checked == CheckedFile(
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    assert ALLOWED_TYPES[checked.extension][0] == content_type


def test_it_takes_the_extension_from_content_when_the_name_has_none():
    for name in ("scan", "รายงาน ต.ค. 66", "scan.", ".hidden.2566"):
        checked = check_evidence_file(upload(name, png_1x1()), max_bytes=LIMIT)
        assert (checked.content_type, checked.extension) == ("image/png", "png")

    unnamed = File(io.BytesIO(png_1x1()))
    assert unnamed.name is None
    assert check_evidence_file(unnamed, max_bytes=LIMIT).extension == "png"


def test_it_accepts_a_pdf_header_after_leading_bytes():
    data = b"\r\n" * 100 + PDF

    assert check_evidence_file(upload("a.pdf", data), max_bytes=LIMIT).extension == "pdf"


def test_it_hashes_the_whole_file_and_leaves_it_at_the_start():
    data = PDF + os.urandom(300 * 1024)
    uploaded = upload("big.pdf", data)
    uploaded.seek(1234)

    checked = check_evidence_file(uploaded, max_bytes=LIMIT)

    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.size == len(data)
    assert uploaded.tell() == 0
    assert uploaded.read() == data


def test_it_checks_a_simple_uploaded_file_on_the_normal_path():
    uploaded = SimpleUploadedFile("ประกาศ.pdf", PDF, content_type="application/pdf")

    checked = check_evidence_file(uploaded, max_bytes=LIMIT)

    assert checked.content_type == "application/pdf"
    assert checked.extension == "pdf"
    assert checked.size == uploaded.size == len(PDF)
    assert checked.sha256 == hashlib.sha256(PDF).hexdigest()


# ---------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", ELF),
        ("report.pdf", MZ),
        ("virus.exe", MZ),
        ("report.pdf", MACH_O),
        ("รายงาน.docx", SCRIPT),
        ("setup.sh", SCRIPT),
    ],
)
def test_it_refuses_programs_whatever_their_name(name, data):
    error = refusal(name, data)

    assert error.code == "executable"
    assert "executable" in error.messages[0]


def test_it_refuses_a_program_even_if_it_mentions_pdf_early():
    error = refusal("report.pdf", MZ[:20] + PDF)

    assert error.code == "executable"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("data.xlsx", make_zip([("data.csv", b"a,b\n1,2\n")])),
        ("app.docx", make_zip([("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n")])),
        ("macro.docx", ooxml("word/document.xml", ("word/vbaProject.bin", b"\x00" * 16))),
        ("fake.odt", opendocument("application/x-something-else")),
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 100),
        ("notes.txt", TEXT),
        ("notes.csv", TEXT),
        ("notes", TEXT),
        ("clip.mp4", struct.pack(">I", 24) + b"ftypisom" + b"\x00" * 12),
        ("installer.msi", OLE2),
        ("old", OLE2),
    ],
)
def test_it_refuses_kinds_that_are_not_allowed(name, data):
    error = refusal(name, data)

    assert error.code == "type_not_allowed"
    message = error.messages[0]
    for label in ("PDF", "รูปภาพ PNG", "Word", "Excel"):
        assert label in message


def test_it_refuses_a_name_that_disagrees_with_the_content():
    error = refusal("รายงาน.pdf", png_1x1())

    assert error.code == "name_mismatch"
    assert ".pdf" in error.messages[0]
    assert "PNG" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("budget.docx", ooxml("xl/workbook.xml")),
        ("photo.png", JPEG),
        ("photo.jpeg", png_1x1()),
        ("scan.jpg", PDF),
        ("report.exe", PDF),
        ("report.doc", opendocument(ODT_TYPE)),
    ],
)
def test_it_refuses_other_disagreements(name, data):
    error = refusal(name, data)

    assert error.code == "name_mismatch"
    assert "." + name.rpartition(".")[2] in error.messages[0]


def test_it_refuses_an_empty_file():
    error = refusal("empty.pdf", b"")

    assert error.code == "empty"
    assert error.messages == ["The file is empty."]


def test_it_refuses_a_file_over_the_limit_before_reading_it():
    data = PDF + b"\x00" * (3 * MB)

    error = refusal("big.pdf", data, max_bytes=2 * MB)

    assert error.code == "too_large"
    assert "3.1 MB" in error.messages[0]
    assert "2.0 MB" in error.messages[0]


def test_it_never_shows_an_oversized_file_as_equal_to_the_limit():
    error = refusal("big.pdf", PDF + b"\x00" * (2 * MB), max_bytes=2 * MB)

    assert "2.1 MB" in error.messages[0]
    assert "2.0 MB" in error.messages[0]


def test_it_errors_are_validation_errors():
    error = refusal("report.pdf", MZ)

    assert isinstance(error, ValidationError)


# ---------------------------------------------------------------------------- streaming


def test_it_checks_a_15_mb_upload_without_holding_it_in_memory():
    uploaded = TemporaryUploadedFile("ใหญ่.pdf", "application/pdf", 0, None)
    digest = hashlib.sha256()
    try:
        for piece_number in range(15):
            piece = os.urandom(MB)
            if piece_number == 0:
                piece = PDF + piece[len(PDF) :]
            uploaded.write(piece)
            digest.update(piece)
        uploaded.flush()
        uploaded.size = 15 * MB

        tracemalloc.start()
        try:
            checked = check_evidence_file(uploaded, max_bytes=20 * MB)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        uploaded.close()

    assert peak < 2 * MB
    assert checked.size == 15 * MB
    assert checked.sha256 == digest.hexdigest()
    assert checked.content_type == "application/pdf"


def test_it_stops_hashing_when_the_declared_size_understates_the_file():
    uploaded = upload("big.pdf", PDF + b"\x00" * (3 * MB))
    uploaded.size = 100

    with pytest.raises(EvidenceFileError) as caught:
        check_evidence_file(uploaded, max_bytes=2 * MB)

    assert caught.value.code == "too_large"
    assert uploaded.tell() == 0


# ---------------------------------------------------------------------------- helpers


def test_it_sniffs_without_moving_the_file_position():
    for data in (PDF, png_1x1(), ooxml("word/document.xml"), opendocument(ODT_TYPE), TEXT):
        fileobj = io.BytesIO(data)
        fileobj.seek(7)

        sniff(fileobj)

        assert fileobj.tell() == 7


def test_it_sniffs_content_types():
    assert sniff(io.BytesIO(PDF)) == ("application/pdf", "pdf")
    assert sniff(io.BytesIO(ooxml("xl/workbook.xml"))) == (XLSX_TYPE, "xlsx")
    assert sniff(io.BytesIO(OLE2), name="old.xls") == ("application/vnd.ms-excel", "xls")
    assert sniff(io.BytesIO(OLE2)) is None
    assert sniff(io.BytesIO(TEXT)) is None
    assert sniff(io.BytesIO(MZ[:20] + PDF)) is None


def test_it_recognises_executables_from_their_first_bytes():
    for head in (ELF, MZ, MACH_O, SCRIPT, b"\xfe\xed\xfa\xce", b"\xca\xfe\xba\xbe"):
        assert is_executable(head)
    for head in (PDF, png_1x1(), JPEG, OLE2, TEXT, b""):
        assert not is_executable(head)


def test_it_formats_sizes_for_people():
    assert human_size(300) == "300 B"
    assert human_size(512 * 1024) == "512 KB"
    assert human_size(15 * MB) == "15.0 MB"
    assert human_size(1536 * MB) == "1.5 GB"
    assert human_size(1024 * 1024 - 1) == "1.0 MB"
