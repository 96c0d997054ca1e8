"""Reading an uploaded workbook that nobody vouches for: the staff and budget imports."""

import io
import zipfile

from django.utils.translation import gettext as _

XLSX_SIGNATURE = b"PK\x03\x04"
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message is for the person uploading."""


def read_xlsx_rows(data: bytes, *, max_rows: int) -> list[tuple[int, list]]:
    """The rows of the first sheet as (row number from 1, values).

    Refuses what is not an OOXML workbook, a ZIP that inflates past
    ``MAX_UNCOMPRESSED_BYTES`` (a ZIP bomb), a sheet of more than ``max_rows`` rows and a
    workbook openpyxl cannot open, each with a message for the person uploading.
    """
    import openpyxl

    not_a_workbook = SpreadsheetError(_("This is not an Excel (.xlsx) workbook."))
    if not data.startswith(XLSX_SIGNATURE):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise not_a_workbook from None
    if inflated > MAX_UNCOMPRESSED_BYTES:
        raise SpreadsheetError(_("The workbook is too large to import."))
    if not any(name.startswith("xl/") for name in names):
        raise not_a_workbook
    damaged = SpreadsheetError(_("The workbook cannot be opened; it may be damaged."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # Whatever fails inside an untrusted workbook, it is not one we can read.
        raise damaged from None
    try:
        if not workbook.worksheets:
            return []
        rows = []
        for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
            if number > max_rows:
                raise SpreadsheetError(
                    _("The sheet has more than %(count)s rows.") % {"count": max_rows}
                )
            rows.append((number, list(values)))
        return rows
    except SpreadsheetError:
        raise
    except Exception:
        raise damaged from None
    finally:
        workbook.close()


# What spreadsheet programs read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def workbook_bytes(workbook) -> bytes:
    """Save an export with every cell as data: a name or title someone typed as
    ``=HYPERLINK(...)`` is written as text, never as a formula that runs when the file
    is opened. Exports write no formulas of their own."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(value):
    """A CSV cell that a spreadsheet program will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
