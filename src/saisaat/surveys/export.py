"""The results workbook: a summary sheet and every response, with Thai headers.

The workbook is a Thai report for the office's files, so its headers are Thai whatever the
reader's interface language. Answers typed by the public are written as plain text, never
as formulas.
"""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from saisaat.core.spreadsheets import workbook_bytes
from saisaat.surveys.models import Answer, Question
from saisaat.surveys.results import SCALE_VALUES, SurveyResults

SCALE_WORDS = {5: "มากที่สุด", 4: "มาก", 3: "ปานกลาง", 2: "น้อย", 1: "น้อยที่สุด"}
SUMMARY_HEADERS = [
    "ตอน",
    "ข้อคำถาม",
    "ประเภท",
    "จำนวนผู้ตอบ",
    "ค่าเฉลี่ย",
    "ส่วนเบี่ยงเบนมาตรฐาน (S.D.)",
    "ร้อยละผู้พึงพอใจ (ระดับ ๔–๕)",
    *[f"{SCALE_WORDS[v]} ({v})" for v in SCALE_VALUES],
]
KIND_WORDS = {
    Question.Kind.SCALE: "มาตรวัดความพึงพอใจ ๕ ระดับ",
    Question.Kind.SINGLE: "เลือกตอบข้อเดียว",
    Question.Kind.MULTIPLE: "เลือกตอบได้หลายข้อ",
    Question.Kind.TEXT: "ข้อความ",
}
BOLD = Font(bold=True)


def _text(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    cell.value = _text(value) if isinstance(value, str) else value
    return cell


def _round(value: float | None, digits: int = 2):
    return None if value is None else round(value, digits)


def _stats_row(stats) -> list:
    if stats is None:
        return [None, None, None, *[None for _ in SCALE_VALUES]]
    return [
        _round(stats.mean),
        _round(stats.sd),
        _round(stats.percent_satisfied),
        *[stats.counts.get(v, 0) for v in SCALE_VALUES],
    ]


def _summary(sheet, results: SurveyResults) -> None:
    survey = results.survey
    sheet.title = "สรุปผล"
    rows = [
        [survey.title],
        [str(survey.unit)],
        [f"ปีงบประมาณ พ.ศ. {survey.fiscal_year}"],
        [f"กิจกรรมตามแผน: {survey.activity.text}" if survey.activity_id else ""],
        [f"จำนวนผู้ตอบแบบประเมิน {results.response_count} ราย"],
        ["ส่วนเบี่ยงเบนมาตรฐานเป็นแบบตัวอย่าง (หารด้วย n − 1); ว่างเมื่อผู้ตอบน้อยกว่า ๒ ราย"],
        [],
        SUMMARY_HEADERS,
    ]
    for section in results.sections:
        for result in section.questions:
            question = result.question
            rows.append(
                [
                    section.section.title,
                    question.text,
                    KIND_WORDS[question.kind],
                    result.answered,
                    *(_stats_row(result.scale) if result.scale else []),
                ]
            )
            for choice in result.choices:
                rows.append(["", f"    {choice.choice.text}", "", choice.count, "", "", ""])
        if section.scale is not None:
            rows.append(
                [
                    "",
                    f"รวมด้าน{section.section.title}",
                    "",
                    section.scale.n,
                    *_stats_row(section.scale),
                ]
            )
    if results.overall is not None:
        rows.append(["", "ภาพรวมทุกข้อ", "", results.overall.n, *_stats_row(results.overall)])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = _put(sheet, r, c, value)
            if r in (1, 8):
                cell.font = BOLD
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 70
    for letter in "CDEFGHIJKL":
        sheet.column_dimensions[letter].width = 16


def _raw(sheet, results: SurveyResults) -> None:
    sheet.title = "คำตอบรายบุคคล"
    survey = results.survey
    questions = [result.question for result in results.questions]
    headers = ["ลำดับ", "วันเวลาที่ตอบ", *[q.text for q in questions]]
    for c, header in enumerate(headers, start=1):
        cell = _put(sheet, 1, c, header)
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    columns = {q.pk: c for c, q in enumerate(questions, start=3)}
    responses = {
        response_id: index
        for index, response_id in enumerate(
            survey.responses.order_by("submitted_at", "pk").values_list("pk", flat=True),
            start=2,
        )
    }
    cells: dict[tuple[int, int], list] = {}
    times = dict(survey.responses.values_list("pk", "submitted_at"))
    for response_id, question_id, scale_value, choice_text, text in (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "question_id", "choice__position", "pk")
        .values_list("response_id", "question_id", "scale_value", "choice__text", "text")
    ):
        if question_id not in columns or response_id not in responses:
            continue
        value = scale_value if scale_value is not None else (choice_text or text)
        cells.setdefault((responses[response_id], columns[question_id]), []).append(value)
    for response_id, row in responses.items():
        _put(sheet, row, 1, row - 1)
        submitted = times.get(response_id)
        if submitted is not None:
            _put(sheet, row, 2, timezone.localtime(submitted).replace(tzinfo=None))
            sheet.cell(row=row, column=2).number_format = "yyyy-mm-dd hh:mm"
    for (row, column), values in cells.items():
        value = values[0] if len(values) == 1 else ", ".join(str(v) for v in values)
        _put(sheet, row, column, value)
    sheet.column_dimensions["B"].width = 18


def results_workbook(results: SurveyResults) -> bytes:
    """The XLSX bytes of a survey's summary and raw responses."""
    workbook = Workbook()
    _summary(workbook.active, results)
    _raw(workbook.create_sheet(), results)
    # A citizen's "=HYPERLINK(...)" stays text.
    return workbook_bytes(workbook)
