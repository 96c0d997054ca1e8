"""Reading a staff table: CSV encodings and delimiters, workbooks, the header row in Thai
or English, and the cells (text, dates, statuses, unit codes)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from saisaat.core.spreadsheets import SpreadsheetError, read_xlsx_rows
from saisaat.thai.dates import DateInputError, parse_date_input
from saisaat.thai.digits import to_arabic_digits

MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""A registry of a whole province is a few hundred kilobytes at most."""
MAX_IMPORT_ROWS = 5000
"""A workbook inflating beyond this is refused before openpyxl reads it (ZIP bombs)."""
HEADER_SEARCH_ROWS = 10
"""A title line or two above the header row is common in Thai spreadsheets."""

ALLOWED_SUFFIXES = ("csv", "xlsx")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, for the person uploading."""


# ---------------------------------------------------------------------------- reading tables


def suffix_of(filename: str) -> str:
    return Path(filename or "").suffix.lower().lstrip(".")


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or the Thai
    Windows code page cp874 (a superset of TIS-620) that Thai Excel writes for "CSV"."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in data:
            raise ImportFileError(_("This is not a text (CSV) file."))
        candidates = ["utf-8", "cp874"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Any byte decodes to something in cp874; control characters betray a binary file.
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
            raise ImportFileError(_("This is not a text (CSV) file."))
        return text
    raise ImportFileError(
        _("The file's text encoding is not recognised. Save it as CSV UTF-8 or as .xlsx.")
    )


def _read_csv(data: bytes) -> list[tuple[int, list]]:
    text = decode_text(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, row in enumerate(reader, start=1):
            if number > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS:
                raise ImportFileError(_too_many_rows())
            rows.append((number, row))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file is malformed: %(error)s") % {"error": error}
        ) from None
    return rows


def _read_xlsx(data: bytes) -> list[tuple[int, list]]:
    try:
        return read_xlsx_rows(data, max_rows=MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from None


def _too_many_rows() -> str:
    return _("The file has more than %(count)s rows.") % {"count": MAX_IMPORT_ROWS}


def read_table(data: bytes, filename: str) -> list[tuple[int, list]]:
    """The rows of a CSV or XLSX file as ``(row number, cells)``; XLSX cells keep their
    types (dates, numbers). Raises ``ImportFileError`` for a file that cannot be read."""
    suffix = suffix_of(filename)
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError(
            _("Only .csv and .xlsx files can be imported (this file is %(name)s).")
            % {"name": filename or "?"}
        )
    if not data:
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_IMPORT_BYTES // 2**20}
        )
    if suffix == "csv" and data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("This file is an Excel workbook named .csv; rename it to .xlsx or save it as CSV.")
        )
    return _read_xlsx(data) if suffix == "xlsx" else _read_csv(data)


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _header_key(value) -> str:
    text = cell_text(value).lower()
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[\s\-_.*:]", "", text)


@dataclass(frozen=True)
class Column:
    name: str
    aliases: tuple[str, ...]
    required: bool = False


def find_header(
    rows: list[tuple[int, list]], columns: list[Column]
) -> tuple[int, dict[str, int], list[str]]:
    """(index of the header row in ``rows``, column name -> cell index, ignored headers).

    The header is the first of the top rows naming every required column, in Thai or
    English and in any order."""
    lookup = {_header_key(alias): column.name for column in columns for alias in column.aliases}
    required = [column for column in columns if column.required]
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        ignored = []
        for position, cell in enumerate(cells):
            key = _header_key(cell)
            if not key:
                continue
            name = lookup.get(key)
            if name is None:
                ignored.append(cell_text(cell))
            elif name in found:
                raise ImportFileError(
                    _("The column %(column)s appears twice in the header.")
                    % {"column": cell_text(cell)}
                )
            else:
                found[name] = position
        if all(column.name in found for column in required):
            return index, found, ignored
    if not any(any(cell_text(cell) for cell in cells) for _n, cells in rows):
        raise ImportFileError(_("The file has no rows."))
    raise ImportFileError(
        _("No header row naming the columns %(columns)s was found.")
        % {"columns": ", ".join(column.aliases[0] for column in required)}
    )


def table_records(data: bytes, filename: str, columns: list[Column]):
    """(records, ignored headers, present columns): each record is ``(row number, {column:
    raw value})`` for a non-blank row below the header."""
    rows = read_table(data, filename)
    header_index, positions, ignored = find_header(rows, columns)
    records = []
    for number, cells in rows[header_index + 1 :]:
        if not any(cell_text(cell) for cell in cells):
            continue
        values = {
            name: (cells[position] if position < len(cells) else None)
            for name, position in positions.items()
        }
        records.append((number, values))
    if not records:
        raise ImportFileError(_("The file has a header but no rows of data."))
    if len(records) > MAX_IMPORT_ROWS:
        raise ImportFileError(_too_many_rows())
    return records, ignored, set(positions)


# ---------------------------------------------------------------------------- cell values


def parse_date(value) -> date:
    """A date from a spreadsheet cell: a date cell, or text as a date field reads it
    (``parse_date_input``: ``dd/mm/yyyy`` with a Buddhist-era or Common Era year, ISO
    ``yyyy-mm-dd``, ``15 มกราคม 2566``, Thai or Arabic digits). Raises ``ValueError`` for
    anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if not 1 <= value < 2958466:
            raise ValueError(value)
        converted = from_excel(value)
        return converted.date() if isinstance(converted, datetime) else converted
    # Typed text reads the way every date field reads it (saisaat.thai.dates).
    text = cell_text(value)
    try:
        result = parse_date_input(text, two_digit_years=False)
    except DateInputError:
        raise ValueError(text) from None
    if not 1900 <= result.year <= timezone.localdate().year + 1:
        raise ValueError(text)
    return result


ACTIVE_WORDS = {"", "ปฏิบัติงาน", "ปฏิบัติราชการ", "active", "1", "yes", "true", "ใช่", "ทำงาน"}
INACTIVE_WORDS = {
    "ลาออก",
    "ย้าย",
    "ย้ายออก",
    "โอนย้าย",
    "เกษียณ",
    "เกษียณอายุ",
    "พ้นจากตำแหน่ง",
    "inactive",
    "0",
    "no",
    "false",
    "ไม่ใช่",
    "ไม่ปฏิบัติงาน",
}


def parse_active(value) -> bool:
    if isinstance(value, bool):
        return value
    text = to_arabic_digits(cell_text(value)).lower().replace(" ", "")
    if text in ACTIVE_WORDS:
        return True
    if text in INACTIVE_WORDS:
        return False
    raise ValueError(text)


def unit_code(value) -> str:
    return to_arabic_digits(cell_text(value)).replace(" ", "")
