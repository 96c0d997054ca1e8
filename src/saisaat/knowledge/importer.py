"""Reading a question bank from a workbook: one header row, then one question a row
(topic, question, choice 1 … choice 5, the number of the correct choice). Every row is
checked before anything is written; one bad row stops the whole file."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import override

from saisaat.core.spreadsheets import SpreadsheetError, read_xlsx_rows
from saisaat.knowledge.models import MAX_CHOICES, MIN_CHOICES, Topic
from saisaat.knowledge.services import NewQuestion
from saisaat.thai.digits import to_arabic_digits

MAX_IMPORT_BYTES = 2 * 1024 * 1024
"""The largest upload read at all; what it inflates to is bounded by ``read_xlsx_rows``."""
MAX_ROWS = 1000
MAX_TEXT = 2000
HEADERS = ["หัวข้อ", "คำถาม", "ตัวเลือก 1", "ตัวเลือก 2", "ตัวเลือก 3", "ตัวเลือก 4"]
HEADERS += ["ตัวเลือก 5", "ข้อที่ถูก"]
_SPACES = re.compile(r"\s+")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


# What offices write in the topic column besides the labels.
TOPIC_WORDS = {
    "ทุจริต": Topic.ANTI_CORRUPTION,
    "ผลประโยชน์ทับซ้อน": Topic.CONFLICT_OF_INTEREST,
    "ของขวัญ": Topic.NO_GIFT,
    "no gift": Topic.NO_GIFT,
    "จัดซื้อจัดจ้าง": Topic.PROCUREMENT,
    "พัสดุ": Topic.PROCUREMENT,
    "ร้องเรียน": Topic.COMPLAINTS,
    "วินัย": Topic.DISCIPLINE,
    "ระเบียบ": Topic.DISCIPLINE,
}


def _topic(text: str, names: dict[str, str]) -> str | None:
    """A topic by its key or label, else by the one topic word the text holds."""
    folded = text.casefold()
    if folded in names:
        return names[folded]
    found = {topic for word, topic in TOPIC_WORDS.items() if word in folded}
    return found.pop().value if len(found) == 1 else None


def _topics() -> dict[str, str]:
    """Topics by their key and by their Thai and English labels, folded."""
    names = {topic.value: topic.value for topic in Topic}
    for language in ("th", "en"):
        with override(language):
            names.update({str(topic.label).casefold(): topic.value for topic in Topic})
    return names


@dataclass
class ImportResult:
    questions: list[NewQuestion] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def parse_questions(data: bytes) -> ImportResult:
    """The questions of the workbook, or every bad row with what is wrong with it (in
    Thai for the person uploading); a file that cannot be read at all raises
    ``SpreadsheetError``."""
    if len(data) > MAX_IMPORT_BYTES:
        raise SpreadsheetError(_("The file is larger than 2 MB."))
    rows = read_xlsx_rows(data, max_rows=MAX_ROWS + 1)
    result = ImportResult()
    topics = _topics()
    rows = [(number, values) for number, values in rows if any(_text(v) for v in values)]
    if not rows:
        raise SpreadsheetError(_("The workbook has no questions."))
    # The header row is recognised, not required: a sheet may start with a question.
    if _text(rows[0][1][0] if rows[0][1] else "") in {HEADERS[0], "topic", "Topic"}:
        rows = rows[1:]
    for number, values in rows:
        cells = [_text(v) for v in values] + [""] * 8
        topic_text, text, choices, correct_text = cells[0], cells[1], cells[2:7], cells[7]
        problems = []
        topic = _topic(topic_text, topics)
        if topic is None:
            problems.append(_("unknown topic “%(topic)s”") % {"topic": topic_text})
        if not text:
            problems.append(_("the question is empty"))
        elif len(text) > MAX_TEXT:
            problems.append(_("the question is longer than %(n)s characters") % {"n": MAX_TEXT})
        # Choices are taken in order up to the first empty one; one after a gap is an error.
        given = [c for c in choices if c]
        if choices[: len(given)] != given:
            problems.append(_("a choice is missing between two choices"))
        if not MIN_CHOICES <= len(given) <= MAX_CHOICES:
            problems.append(
                _("a question needs %(min)s to %(max)s choices")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES}
            )
        correct_digits = to_arabic_digits(correct_text)
        if not correct_digits.isdigit():
            problems.append(_("the correct choice must be a number"))
        elif not 1 <= int(correct_digits) <= len(given):
            problems.append(
                _("the correct choice %(n)s is not one of the choices") % {"n": correct_digits}
            )
        if problems:
            result.errors.append((number, "; ".join(problems)))
            continue
        result.questions.append(NewQuestion(topic, text, given, int(correct_digits)))
    return result
