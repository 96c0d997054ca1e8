"""The disbursement spreadsheet: its template, and reading it back with every row checked.

The layout is the one provincial offices keep for the monthly meeting: a title, the unit,
then a header row ``ลำดับ | รายการ/โครงการ | แหล่งงบประมาณ | งบที่ได้รับจัดสรร | ต.ค. ...
ก.ย. | รวมเบิกจ่าย``, a row per budget line, and a ``รวม`` row. Rows are matched to the
unit's lines by name. Nothing is written until every row is clean.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from saisaat.budget.models import SOURCE_THAI, BudgetLine, MonthlyAmount
from saisaat.budget.money import ZERO, format_money, parse_money
from saisaat.budget.months import FISCAL_MONTHS, fiscal_month, month_label
from saisaat.budget.summary import lines_with_totals
from saisaat.core.spreadsheets import SpreadsheetError, read_xlsx_rows
from saisaat.orgs.models import Unit
from saisaat.thai.calendar import month_number
from saisaat.thai.digits import to_arabic_digits

MAX_IMPORT_BYTES = 5 * 1024 * 1024
"""The largest upload read at all; what it inflates to is bounded by ``read_xlsx_rows``."""
MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10
SIGNING_SALT = "saisaat.budget.import"
TOKEN_MAX_AGE = 60 * 60

HEAD_NUMBER = "ลำดับ"
HEAD_NAME = "รายการ/โครงการ"
HEAD_SOURCE = "แหล่งงบประมาณ"
HEAD_ALLOCATION = "งบที่ได้รับจัดสรร"
HEAD_TOTAL = "รวมเบิกจ่าย"
TOTAL_ROW = "รวม"

_SOURCE_BY_THAI = {thai: source for source, thai in SOURCE_THAI.items()}
_SPACES = re.compile(r"\s+")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the person uploading."""


def normalize(text) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text or ""))).strip()


@dataclass
class RowResult:
    row_number: int
    name: str
    line: BudgetLine | None = None
    amounts: list[Decimal] = field(default_factory=list)
    total: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    missing_lines: list[BudgetLine] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(len(row.errors) for row in self.rows)

    @property
    def is_clean(self) -> bool:
        return bool(self.rows) and self.error_count == 0

    @property
    def total(self) -> Decimal:
        return sum((sum(row.amounts, ZERO) for row in self.rows), ZERO)

    def amounts(self) -> dict[tuple[int, int], Decimal]:
        return {
            (row.line.pk, month): amount
            for row in self.rows
            for month, amount in zip(FISCAL_MONTHS, row.amounts, strict=True)
        }


# ---------------------------------------------------------------------------- template


def template_workbook(unit: Unit, fiscal_year: int, lines, grid=None) -> bytes:
    """The spreadsheet for ``unit``'s lines, filled with what is recorded so far."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"เบิกจ่าย {fiscal_year}"
    last_col = 4 + 12 + 1
    sheet.cell(1, 1, f"ผลการเบิกจ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {fiscal_year}")
    sheet.cell(2, 1, f"หน่วยงาน {unit.name_th} รหัสหน่วยงาน {unit.code}")
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    headers = [
        HEAD_NUMBER,
        HEAD_NAME,
        HEAD_SOURCE,
        HEAD_ALLOCATION,
        *(month_label(m) for m in FISCAL_MONTHS),
        HEAD_TOTAL,
    ]
    header_row = 4
    fill = PatternFill("solid", fgColor="E5F2EF")
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(header_row, col, text)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    money_format = "#,##0.00"
    row = header_row
    for row, line in enumerate(lines, start=header_row + 1):
        sheet.cell(row, 1, line.number)
        # Typed by an officer: text, never a formula, whatever it starts with.
        sheet.cell(row, 2, line.name).data_type = "s"
        sheet.cell(row, 3, SOURCE_THAI.get(line.source, ""))
        sheet.cell(row, 4, line.planned_total).number_format = money_format
        months = (grid or {}).get(line.pk, {})
        for month in FISCAL_MONTHS:
            amount = months[month].disbursed if month in months else ZERO
            cell = sheet.cell(row, 4 + month, amount if amount else None)
            cell.number_format = money_format
        total = sheet.cell(row, last_col, f"=SUM(E{row}:P{row})")
        total.number_format = money_format
    first, last = header_row + 1, max(row, header_row + 1)
    sheet.cell(last + 1, 2, TOTAL_ROW).font = Font(bold=True)
    for col in range(4, last_col + 1):
        letter = get_column_letter(col)
        cell = sheet.cell(last + 1, col, f"=SUM({letter}{first}:{letter}{last})")
        cell.number_format = money_format
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 7
    sheet.column_dimensions["B"].width = 45
    sheet.column_dimensions["C"].width = 15
    for col in range(4, last_col + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 13
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------- reading


def read_rows(data: bytes) -> list[tuple[int, list]]:
    """The rows of the first sheet as (row number, values); raises ImportFileError."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is too large to import."))
    try:
        return read_xlsx_rows(data, max_rows=MAX_ROWS)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from None


def _column_kind(header) -> str | int | None:
    text = normalize(header).replace(" ", "")
    if not text:
        return None
    if text == HEAD_NUMBER:
        return "number"
    if text.startswith("รายการ") or text.startswith("โครงการ"):
        return "name"
    if text.startswith("แหล่งงบ"):
        return "source"
    if "จัดสรร" in text:
        return "allocation"
    if text.startswith("รวม"):
        return "total"
    try:
        # "ต.ค.", "ต.ค. 65", "ตุลาคม": the month, whatever year is written beside it.
        calendar_month = month_number(re.sub(r"[\d๐-๙]+", "", text))
    except ValueError:
        return None
    return fiscal_month(calendar_month)


def _find_header(rows) -> tuple[int, dict]:
    for index, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict = {}
        for col, value in enumerate(values):
            kind = _column_kind(value)
            if kind is not None and kind not in columns:
                columns[kind] = col
        if "name" in columns:
            return index, columns
    raise ImportFileError(
        _("No header row with the column %(column)s was found in the first %(n)s rows.")
        % {"column": HEAD_NAME, "n": HEADER_SEARCH_ROWS}
    )


def _unit_code_in_title(rows, header_index: int) -> str | None:
    for _number, values in rows[:header_index]:
        for value in values:
            match = re.search(r"รหัสหน่วยงาน\s*([0-9๐-๙]+)", normalize(value))
            if match:
                return to_arabic_digits(match.group(1))
    return None


def _cell_amount(value, label: str, errors: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime | date):
        errors.append(_("Column %(column)s holds a date, not an amount.") % {"column": label})
        return None
    try:
        return parse_money(value)
    except ValidationError as error:
        if isinstance(value, str) and error.code == "invalid":
            errors.append(
                _("Column %(column)s holds text, not an amount: “%(value)s”.")
                % {"column": label, "value": normalize(value)[:50]}
            )
        else:
            errors.append(
                _("Column %(column)s: %(problem)s")
                % {"column": label, "problem": " ".join(error.messages)}
            )
        return None


def preview_import(unit: Unit, fiscal_year: int, data: bytes) -> ImportPreview:
    """Check every row of an uploaded spreadsheet against ``unit``'s lines; writes nothing."""
    preview = ImportPreview()
    try:
        rows = read_rows(data)
        header_index, columns = _find_header(rows)
    except ImportFileError as error:
        preview.file_errors.append(str(error))
        return preview
    missing = [month_label(m) for m in FISCAL_MONTHS if m not in columns]
    if missing:
        preview.file_errors.append(
            _("Month columns are missing: %(months)s.") % {"months": ", ".join(missing)}
        )
        return preview
    code = _unit_code_in_title(rows, header_index)
    if code and code != unit.code:
        preview.file_errors.append(
            _("This spreadsheet is for unit %(code)s, not %(unit)s.")
            % {"code": code, "unit": unit.code}
        )
        return preview

    lines = {
        normalize(line.name): line
        for line in lines_with_totals(Unit.objects.filter(pk=unit.pk), fiscal_year)
    }
    seen: dict[int, int] = {}
    for row_number, values in rows[header_index + 1 :]:

        def cell(kind, values=values):
            col = columns.get(kind)
            return values[col] if col is not None and col < len(values) else None

        name = normalize(cell("name"))
        number_text = normalize(cell("number"))
        if not any(normalize(v) for v in values):
            continue
        if not number_text and name.replace(" ", "").startswith(TOTAL_ROW):
            continue  # the sum row at the bottom
        result = RowResult(row_number=row_number, name=name)
        preview.rows.append(result)
        if not name:
            result.errors.append(_("The project or activity name is empty."))
        else:
            result.line = lines.get(name)
            if result.line is None:
                result.errors.append(
                    _("No budget line of this unit and year is called “%(name)s”.")
                    % {"name": name[:100]}
                )
            elif result.line.pk in seen:
                result.errors.append(
                    _("This line already appears in row %(row)s.") % {"row": seen[result.line.pk]}
                )
            else:
                seen[result.line.pk] = row_number
        source_text = normalize(cell("source"))
        if source_text:
            source = _SOURCE_BY_THAI.get(source_text.replace(" ", ""))
            if source is None:
                result.errors.append(
                    _("Unknown budget source “%(source)s”.") % {"source": source_text[:50]}
                )
            elif result.line is not None and source != result.line.source:
                result.errors.append(
                    _("The plan records this line under %(source)s.")
                    % {"source": SOURCE_THAI[result.line.source]}
                )
        allocation = _cell_amount(cell("allocation"), HEAD_ALLOCATION, result.errors)
        for month in FISCAL_MONTHS:
            amount = _cell_amount(cell(month), month_label(month), result.errors)
            result.amounts.append(amount or ZERO)
        result.total = _cell_amount(cell("total"), HEAD_TOTAL, result.errors)
        months_sum = sum(result.amounts, ZERO)
        if result.total is not None and result.total != months_sum:
            result.errors.append(
                _("The total %(total)s does not match the sum of the months %(sum)s.")
                % {"total": format_money(result.total), "sum": format_money(months_sum)}
            )
        if result.line is not None:
            planned = result.line.planned_total
            if allocation is not None and allocation != planned:
                result.warnings.append(
                    _("The allocation %(allocation)s differs from the plan's %(planned)s.")
                    % {"allocation": format_money(allocation), "planned": format_money(planned)}
                )
            if months_sum > planned:
                result.warnings.append(
                    _("Disbursed %(sum)s is more than planned %(planned)s.")
                    % {"sum": format_money(months_sum), "planned": format_money(planned)}
                )
    if not preview.rows and not preview.file_errors:
        preview.file_errors.append(_("The spreadsheet has no budget lines."))
    preview.missing_lines = [line for line in lines.values() if line.pk not in seen]
    return preview


def disbursed_state(unit: Unit, fiscal_year: int, *, lock: bool = False) -> str:
    """A digest of every disbursed amount of ``unit``'s lines in ``fiscal_year``: it changes
    when anyone edits the grid, adds or deletes a line. With ``lock`` the rows stay locked
    until the transaction ends."""
    rows = MonthlyAmount.objects.filter(line__unit=unit, line__fiscal_year=fiscal_year)
    if lock:
        rows = rows.select_for_update(of=("self",))
    digest = hashlib.sha256()
    for line_id, month, disbursed in rows.order_by("line_id", "month").values_list(
        "line_id", "month", "disbursed"
    ):
        digest.update(f"{line_id}:{month}:{disbursed:.2f};".encode())
    return digest.hexdigest()


@dataclass
class SignedImport:
    """The checked amounts of a preview and the state of the grid they were checked against."""

    amounts: dict[tuple[int, int], Decimal]
    state: str


def sign_preview(unit: Unit, fiscal_year: int, preview: ImportPreview, user) -> str:
    """The checked amounts, signed, for the confirm step: nothing is kept on the server
    between the preview and the confirmation, and nothing unchecked can be confirmed. The
    token is the previewing user's only, and only while the grid stays as it was."""
    payload = {
        "unit": unit.pk,
        "year": fiscal_year,
        "user": user.pk,
        "state": disbursed_state(unit, fiscal_year),
        "rows": {str(row.line.pk): [str(a) for a in row.amounts] for row in preview.rows},
    }
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def load_signed(token: str, unit: Unit, fiscal_year: int, user) -> SignedImport:
    """The amounts of a signed preview; raises ``ImportFileError`` when it is not valid
    for this unit, year and user or is older than an hour."""
    try:
        payload = signing.loads(token, salt=SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise ImportFileError(_("The preview has expired; upload the file again.")) from None
    except signing.BadSignature:
        raise ImportFileError(_("The preview is not valid; upload the file again.")) from None
    if payload.get("unit") != unit.pk or payload.get("year") != fiscal_year:
        raise ImportFileError(_("The preview is not valid; upload the file again."))
    if payload.get("user") != user.pk:
        raise ImportFileError(_("This preview was made by another user; upload the file yourself."))
    return SignedImport(
        amounts={
            (int(line_id), month): Decimal(amount)
            for line_id, amounts in payload["rows"].items()
            for month, amount in zip(FISCAL_MONTHS, amounts, strict=True)
        },
        state=payload.get("state", ""),
    )
