"""Read an action plan (แผนปฏิบัติการ) from its text form, without touching the database.

The text is what a word processor gives when the plan is saved as plain text: prose (a
covering letter, a project description) and, for each dimension, a heading line
``มิติที่ ๑ <title>`` followed by tables whose rows are lines of exactly seven
tab-separated cells:

    ที่ | นโยบาย/มาตรการ/แนวทาง | กิจกรรม/โครงการ | ระยะเวลา | ผู้รับผิดชอบ | หน่วยปฏิบัติ |
    หลักฐานเชิงประจักษ์

(measure number, measure title, activity, period, responsible work groups, implementing
units, evidence). Every line that is neither a table row nor a dimension heading is
ignored. A row whose number and title are empty continues the measure above it, and so
does a row repeating the number of the measure above it, as tables split by a page break
do. The table header is repeated after page breaks and skipped.

Anything else that does not fit raises :class:`PlanFormatError` naming the line and what
was expected, so that a plan is imported whole or not at all.
"""

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from saisaat.plans.targets import ParsedTarget, extract_targets, merge_targets
from saisaat.thai.digits import to_arabic_digits
from saisaat.thai.periods import PeriodParseError, parse_period

CELLS_PER_ROW = 7

WORK_GROUP_CODES = {
    "coordination": "ประสาน",
    "strategy": "ยุทธศาสตร์",
    "promotion": "ส่งเสริม",
    "informatics": "สารสนเทศ",
}
"""Work-group function codes and the word that names each group after กลุ่ม(งาน)."""

IMPLEMENTING_UNIT_CODES = {"province": "สพจ.", "district": "สพอ."}
"""Implementing unit kinds and their abbreviations: the provincial community development
office (สำนักงานพัฒนาชุมชนจังหวัด) and the district offices (สำนักงานพัฒนาชุมชนอำเภอ)."""

_UTF8_BOM = "\ufeff"
_NUMBER = r"[0-9๐-๙]+"
_UNDERLINE_TAG_RE = re.compile(r"</?u\s*>", re.IGNORECASE)
_WHITESPACE_RE = re.compile(r"\s+")
# มติที่ is a typo for มิติที่ that real plans contain.
_DIMENSION_RE = re.compile(
    rf"^(?:#+\s*)?(?:\*\*)?\s*มิ?ติ\s*ที่\s*(?P<number>{_NUMBER})\s*[.:)]?\s*"
    r"(?P<title>.*?)\s*(?:\*\*)?$"
)
_MEASURE_NUMBER_RE = re.compile(rf"^(?P<number>{_NUMBER})\s*\.?$")
_WORK_GROUP_RE = re.compile(
    r"กลุ่ม\s*(?:งาน)?\s*(?P<name>" + "|".join(WORK_GROUP_CODES.values()) + ")"
)
_ALL_WORK_GROUPS_RE = re.compile(r"ทุก\s*กลุ่ม")
_UNIT_RES = {
    code: re.compile(re.escape(abbreviation.rstrip(".")) + r"\.?")
    for code, abbreviation in IMPLEMENTING_UNIT_CODES.items()
}
_PAGE_TITLE_PREFIX = "แผนปฏิบัติการ"
_PERIOD_EXAMPLE = "ม.ค. - ก.พ. ๖๖"


class PlanFormatError(Exception):
    """The text is not a plan this parser can read.

    ``line_number`` is the 1-based line the problem is on, or 0 when it is not about one
    line (an empty file, no dimension at all). ``message`` says what is wrong and what
    was expected, in Thai and then in English; ``str()`` adds the line.
    """

    def __init__(self, line_number: int, message_th: str, message_en: str):
        super().__init__(line_number, message_th, message_en)
        self.line_number = line_number
        self.message_th = message_th
        self.message_en = message_en
        self.message = f"{message_th} ({message_en})"

    def __str__(self) -> str:
        if self.line_number:
            n = self.line_number
            return f"บรรทัด {n}: {self.message_th} (line {n}: {self.message_en})"
        return self.message


@dataclass
class ParsedActivity:
    """One table row: an activity with its period, who does it and how it is proven."""

    line_number: int
    text: str
    period_text: str
    period_start: date
    period_end: date
    responsible_text: str
    responsible_groups: list[str]
    implementing_text: str
    implementing_units: list[str]
    evidence: str
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedMeasure:
    """A numbered policy, measure or guideline and its activities in document order."""

    line_number: int
    number: int
    title: str
    activities: list[ParsedActivity] = field(default_factory=list)


@dataclass
class ParsedDimension:
    """A numbered dimension (มิติ) and its measures."""

    line_number: int
    number: int
    title: str
    measures: list[ParsedMeasure] = field(default_factory=list)

    @property
    def activity_count(self) -> int:
        return sum(len(measure.activities) for measure in self.measures)


@dataclass
class ParsedPlan:
    """A whole action plan; ``title`` is the page title above the first dimension."""

    title: str
    dimensions: list[ParsedDimension] = field(default_factory=list)

    @property
    def measure_count(self) -> int:
        return sum(len(dimension.measures) for dimension in self.dimensions)

    @property
    def activity_count(self) -> int:
        return sum(dimension.activity_count for dimension in self.dimensions)


def clean_cell(text: str) -> str:
    """The cell's text without underline markup and with each run of whitespace one space."""
    return _WHITESPACE_RE.sub(" ", _UNDERLINE_TAG_RE.sub("", text)).strip()


def parse_work_groups(text: str) -> list[str]:
    """Codes of the work groups a responsible cell names, in :data:`WORK_GROUP_CODES` order.

    ``ทุกกลุ่มงาน`` (every work group) names all four; an empty list means none was found.
    """
    if _ALL_WORK_GROUPS_RE.search(text):
        return list(WORK_GROUP_CODES)
    names = {match.group("name") for match in _WORK_GROUP_RE.finditer(text)}
    return [code for code, name in WORK_GROUP_CODES.items() if name in names]


def parse_implementing_units(text: str) -> list[str]:
    """``"province"`` for สพจ. and ``"district"`` for สพอ., in that order, as the cell names."""
    return [code for code, pattern in _UNIT_RES.items() if pattern.search(text)]


def _split_row(line: str, line_number: int) -> list[str]:
    # Only spaces are stripped: a trailing tab ends an empty last cell, which still counts.
    cells = line.rstrip(" ").split("\t")
    if len(cells) != CELLS_PER_ROW:
        raise PlanFormatError(
            line_number,
            f"ตารางต้องมี {CELLS_PER_ROW} คอลัมน์ แต่พบ {len(cells)}",
            f"a table row needs {CELLS_PER_ROW} tab-separated cells, found {len(cells)}",
        )
    return [clean_cell(cell) for cell in cells]


def _is_header_row(cells: list[str]) -> bool:
    return cells[0] in ("ที่", "ลำดับ", "ลำดับที่") and cells[1].startswith("นโยบาย")


def _parse_activity(cells: list[str], line_number: int) -> ParsedActivity:
    _, _, text, period_text, responsible_text, implementing_text, evidence = cells
    if not text:
        raise PlanFormatError(
            line_number,
            "ไม่มีข้อความกิจกรรม/โครงการ ในคอลัมน์ที่ 3",
            "the activity cell (third column) is empty",
        )
    if not period_text:
        raise PlanFormatError(
            line_number,
            f"ไม่มีระยะเวลา ในคอลัมน์ที่ 4 ต้องระบุ เช่น '{_PERIOD_EXAMPLE}'",
            f"the period cell (fourth column) is empty; expected e.g. '{_PERIOD_EXAMPLE}'",
        )
    try:
        period = parse_period(period_text)
    except PeriodParseError as error:
        raise PlanFormatError(
            line_number,
            f"อ่านระยะเวลา '{period_text}' ไม่ได้ ต้องระบุ เช่น '{_PERIOD_EXAMPLE}'",
            f"cannot read the period '{period_text}'; expected e.g. '{_PERIOD_EXAMPLE}'",
        ) from error
    groups = parse_work_groups(responsible_text)
    if not groups:
        raise PlanFormatError(
            line_number,
            f"ไม่รู้จักกลุ่มงานผู้รับผิดชอบ '{responsible_text}' ต้องระบุ กลุ่มงานประสาน "
            "กลุ่มงานยุทธศาสตร์ กลุ่มงานส่งเสริม กลุ่มงานสารสนเทศ หรือ ทุกกลุ่มงาน",
            f"no known responsible work group in '{responsible_text}'; expected "
            "กลุ่มงานประสาน, กลุ่มงานยุทธศาสตร์, กลุ่มงานส่งเสริม, กลุ่มงานสารสนเทศ "
            "or ทุกกลุ่มงาน",
        )
    units = parse_implementing_units(implementing_text)
    if not units:
        raise PlanFormatError(
            line_number,
            f"ไม่พบหน่วยปฏิบัติใน '{implementing_text}' ต้องระบุ สพจ. และ/หรือ สพอ.",
            f"no implementing unit in '{implementing_text}'; expected สพจ. and/or สพอ.",
        )
    targets = merge_targets(
        extract_targets(text, source="activity"), extract_targets(evidence, source="evidence")
    )
    return ParsedActivity(
        line_number=line_number,
        text=text,
        period_text=period_text,
        period_start=period.start,
        period_end=period.end,
        responsible_text=responsible_text,
        responsible_groups=groups,
        implementing_text=implementing_text,
        implementing_units=units,
        evidence=evidence,
        targets=targets,
    )


def _measure_for_row(
    dimension: ParsedDimension, number_text: str, title: str, line_number: int
) -> ParsedMeasure:
    """The measure a row belongs to, appending a new one to the dimension if it starts one."""
    current = dimension.measures[-1] if dimension.measures else None
    if not number_text:
        if title:
            raise PlanFormatError(
                line_number,
                f"มาตรการ '{title}' ไม่มีเลขที่ ในคอลัมน์แรก",
                f"the measure '{title}' has no number; expected a number in the first cell",
            )
        if current is None:
            raise PlanFormatError(
                line_number,
                f"แถวนี้ไม่มีเลขที่และชื่อมาตรการ แต่มิติที่ {dimension.number} ยังไม่มีมาตรการก่อนหน้า",
                "a row without a measure number and title continues the measure above, "
                f"but dimension {dimension.number} has no measure yet",
            )
        return current
    match = _MEASURE_NUMBER_RE.match(number_text)
    if match is None:
        raise PlanFormatError(
            line_number,
            f"เลขที่มาตรการ '{number_text}' ต้องเป็นตัวเลข",
            f"the measure number must be a number, found '{number_text}'",
        )
    number = int(to_arabic_digits(match.group("number")))
    if current is not None and current.number == number:
        # The same measure carried on after a page break; its first title stands.
        return current
    if any(measure.number == number for measure in dimension.measures):
        raise PlanFormatError(
            line_number,
            f"มาตรการที่ {number} ซ้ำกับมาตรการก่อนหน้า ในมิติที่ {dimension.number}",
            f"measure {number} already appeared earlier in dimension {dimension.number}; "
            "a repeated number may only continue the measure just above",
        )
    if not title:
        raise PlanFormatError(
            line_number,
            f"มาตรการที่ {number} ไม่มีชื่อ ในคอลัมน์ที่ 2",
            f"measure {number} has no title in the second cell",
        )
    measure = ParsedMeasure(line_number=line_number, number=number, title=title)
    dimension.measures.append(measure)
    return measure


def _check_has_rows(dimension: ParsedDimension | None) -> None:
    if dimension is not None and not dimension.measures:
        raise PlanFormatError(
            dimension.line_number,
            f"มิติที่ {dimension.number} ไม่มีตารางกิจกรรม",
            f"dimension {dimension.number} has no table rows; expected rows of "
            f"{CELLS_PER_ROW} tab-separated cells after its heading",
        )


def _normalise_text(text: str) -> str:
    return text.removeprefix(_UTF8_BOM).replace("\r\n", "\n").replace("\r", "\n")


def parse_plan_text(text: str) -> ParsedPlan:
    """Parse a plan's text into dimensions, measures and activities in document order."""
    text = _normalise_text(text)
    if not text.strip():
        raise PlanFormatError(0, "ไฟล์ว่างเปล่า", "the file is empty")

    dimensions: list[ParsedDimension] = []
    current: ParsedDimension | None = None
    title_lines: list[str] = []
    collecting_title = False
    # str.splitlines would also split on form feeds and other separators and so shift
    # the line numbers an editor shows.
    for line_number, line in enumerate(text.split("\n"), start=1):
        if "\t" in line:
            cells = _split_row(line, line_number)
            if current is None:
                raise PlanFormatError(
                    line_number,
                    "พบตารางก่อนหัวข้อมิติ ต้องมีบรรทัด 'มิติที่ <เลข> <ชื่อ>' ก่อนตาราง",
                    "a table row comes before any dimension heading; expected a "
                    "'มิติที่ <number> <title>' line first",
                )
            if _is_header_row(cells) or not any(cells):
                continue
            measure = _measure_for_row(current, cells[0], cells[1], line_number)
            measure.activities.append(_parse_activity(cells, line_number))
            continue

        cleaned = clean_cell(line)
        heading = _DIMENSION_RE.match(cleaned)
        if heading is None:
            if not dimensions:
                if cleaned.startswith(_PAGE_TITLE_PREFIX):
                    title_lines, collecting_title = [cleaned], True
                elif not cleaned:
                    collecting_title = False
                elif collecting_title:
                    title_lines.append(cleaned)
            continue

        number = int(to_arabic_digits(heading.group("number")))
        title = heading.group("title")
        if not title:
            raise PlanFormatError(
                line_number,
                f"มิติที่ {number} ไม่มีชื่อ",
                f"dimension {number} has no title after its number",
            )
        if any(dimension.number == number for dimension in dimensions):
            raise PlanFormatError(
                line_number, f"มิติที่ {number} ซ้ำ", f"dimension {number} appears twice"
            )
        _check_has_rows(current)
        current = ParsedDimension(line_number=line_number, number=number, title=title)
        dimensions.append(current)

    if not dimensions:
        raise PlanFormatError(
            0,
            "ไม่พบหัวข้อมิติ เช่น 'มิติที่ ๑ <ชื่อ>'",
            "no dimension heading such as 'มิติที่ ๑ <title>' was found",
        )
    _check_has_rows(current)
    return ParsedPlan(title=" ".join(title_lines), dimensions=dimensions)


def read_plan_file(path: str | os.PathLike[str]) -> str:
    """The text of a plan file, checked to be non-empty UTF-8 text.

    A UTF-8 byte order mark is removed and line ends become ``\\n``. A binary file (one
    with NUL bytes) or a file that is not valid UTF-8 raises :class:`PlanFormatError` on
    the line of the first offending byte.
    """
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFormatError(
            0,
            "ไฟล์เข้ารหัสเป็น UTF-16 ต้องบันทึกเป็น UTF-8",
            "the file is encoded as UTF-16; save it as UTF-8 text",
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PlanFormatError(
            data.count(b"\n", 0, nul) + 1,
            "ไฟล์นี้เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความ",
            "this is a binary file (it contains NUL bytes), not UTF-8 text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PlanFormatError(
            data.count(b"\n", 0, error.start) + 1,
            "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8",
            f"the file is not valid UTF-8 text (byte 0x{data[error.start]:02x} "
            f"at offset {error.start})",
        ) from None
    text = _normalise_text(text)
    if not text.strip():
        raise PlanFormatError(0, "ไฟล์ว่างเปล่า", "the file is empty")
    return text


def _target_to_dict(target: ParsedTarget) -> dict:
    return {
        "kind": target.kind,
        "minimum": target.minimum,
        "out_of": target.out_of,
        "unit_label": target.unit_label,
        "source": target.source,
        "text": target.text,
    }


def _activity_to_dict(activity: ParsedActivity) -> dict:
    return {
        "text": activity.text,
        "period_text": activity.period_text,
        "period_start": activity.period_start.isoformat(),
        "period_end": activity.period_end.isoformat(),
        "responsible_groups": list(activity.responsible_groups),
        "implementing_units": list(activity.implementing_units),
        "evidence": activity.evidence,
        "targets": [_target_to_dict(target) for target in activity.targets],
    }


def plan_to_dict(plan: ParsedPlan) -> dict:
    """The parsed plan as JSON-ready data, in the shape the plan export uses."""
    return {
        "title": plan.title,
        "dimensions": [
            {
                "number": dimension.number,
                "title": dimension.title,
                "measures": [
                    {
                        "number": measure.number,
                        "title": measure.title,
                        "activities": [_activity_to_dict(a) for a in measure.activities],
                    }
                    for measure in dimension.measures
                ],
            }
            for dimension in plan.dimensions
        ],
    }
