"""Parsing an action plan's text, on the real Nong Khai 2566 plan and on malformed input."""

import json
import pickle
from datetime import date
from pathlib import Path

import pytest

from saisaat.plans.parsing import (
    WORK_GROUP_CODES,
    ParsedPlan,
    PlanFormatError,
    parse_implementing_units,
    parse_plan_text,
    parse_work_groups,
    plan_to_dict,
    read_plan_file,
)

PLAN_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "nongkhai-2566-clean-cdd-plan.txt"
HEADER = "ที่\tนโยบาย/มาตรการ/ แนวทาง\tกิจกรรม/โครงการ\tระยะเวลา\tผู้รับผิดชอบ\tหน่วยปฏิบัติ\tหลักฐานเชิงประจักษ์"


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    return parse_plan_text(read_plan_file(PLAN_FILE))


def activity(plan: ParsedPlan, dimension: int, measure: int, position: int):
    found_dimension = next(d for d in plan.dimensions if d.number == dimension)
    found_measure = next(m for m in found_dimension.measures if m.number == measure)
    return found_measure.activities[position - 1]


def row(*cells: str) -> str:
    return "\t".join(cells)


def good_row(number: str = "๑", title: str = "มาตรการ", text: str = "กิจกรรม") -> str:
    return row(number, title, text, "ม.ค. - ก.พ. ๖๖", "กลุ่มงานประสาน", "สพจ.", "หลักฐาน")


def plan_text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def format_error(text: str) -> PlanFormatError:
    with pytest.raises(PlanFormatError) as caught:
        parse_plan_text(text)
    return caught.value


# The real document


def test_it_finds_5_dimensions_19_measures_and_52_activities(plan):
    assert len(plan.dimensions) == 5
    assert plan.measure_count == 19
    assert plan.activity_count == 52


def test_it_counts_measures_and_activities_per_dimension(plan):
    assert [d.number for d in plan.dimensions] == [1, 2, 3, 4, 5]
    assert [len(d.measures) for d in plan.dimensions] == [4, 3, 4, 4, 4]
    assert [d.activity_count for d in plan.dimensions] == [14, 12, 10, 10, 6]
    for dimension in plan.dimensions:
        assert [m.number for m in dimension.measures] == list(range(1, len(dimension.measures) + 1))


def test_it_reads_the_dimension_titles_despite_the_typo_heading(plan):
    assert [d.title for d in plan.dimensions] == [
        "บทบาทผู้บริหารของหน่วยงานในการเสริมสร้างความโปร่งใส",
        "สำนักงานสะดวก",
        "การมีส่วนร่วมของภาคีเครือข่าย",
        "การเสริมสร้างองค์กรคุณธรรม",
        "นวัตกรรมในการสร้างความโปร่งใส",
    ]
    assert plan.dimensions[1].line_number == 197


def test_it_reads_the_plan_title_from_the_page_title_above_the_first_dimension(plan):
    assert plan.title == (
        "แผนปฏิบัติการขับเคลื่อนโครงการพัฒนาชุมชนใสสะอาด "
        "ตามโครงการพัฒนาชุมชนใสสะอาด ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ "
        "ของ สำนักงานพัฒนาชุมชนจังหวัดหนองคาย"
    )


def test_it_continues_a_measure_whose_number_is_repeated_after_a_page_break(plan):
    measure = plan.dimensions[1].measures[2]
    assert measure.number == 3
    assert measure.title == "การอำนวยความสะดวก"
    assert [a.line_number for a in measure.activities] == [210, 213, 214, 215]
    last = plan.dimensions[4].measures[2]
    assert last.title == "การดำเนินงานตามโครงการ/กิจกรรมที่เป็นนวัตกรรมในการสร้างความโปร่งใส"
    assert len(last.activities) == 2


def test_it_keeps_activities_in_document_order(plan):
    lines = [a.line_number for d in plan.dimensions for m in d.measures for a in m.activities]
    assert lines == sorted(lines)
    assert lines[0] == 176
    assert activity(plan, 1, 1, 1).text.startswith("จัดทำประกาศนโยบายการต่อต้านการทุจริต")
    assert activity(plan, 1, 1, 4).text == "รายงานผลการดำเนินงานตามนโยบายให้ผู้บังคับบัญชาทราบ"


def test_it_reads_the_periods(plan):
    first = activity(plan, 1, 1, 1)
    assert (first.period_text, first.period_start, first.period_end) == (
        "ม.ค. - ก.พ. ๖๖",
        date(2023, 1, 1),
        date(2023, 2, 28),
    )
    crossing = activity(plan, 2, 1, 1)
    assert crossing.period_text == "ต.ค. ๖๕ – ก.พ. ๖๖"
    assert (crossing.period_start, crossing.period_end) == (date(2022, 10, 1), date(2023, 2, 28))
    doubled_dot = activity(plan, 2, 3, 1)
    assert doubled_dot.period_text == "ม.ค. – ก.พ.. ๖๖"
    assert (doubled_dot.period_start, doubled_dot.period_end) == (
        date(2023, 1, 1),
        date(2023, 2, 28),
    )
    last = activity(plan, 5, 4, 1)
    assert (last.period_start, last.period_end) == (date(2023, 1, 1), date(2023, 8, 31))


@pytest.mark.parametrize(
    ("where", "responsible_text", "groups"),
    [
        ((1, 1, 1), "กลุ่มงานประสาน กลุ่มงานสารสนเทศ", ["coordination", "informatics"]),
        ((1, 2, 1), "กลุ่มงานยุทธศาสตร์", ["strategy"]),
        ((2, 1, 1), "- กลุ่มงานประสาน", ["coordination"]),
        ((2, 2, 1), "-ทุกกลุ่มงาน", ["coordination", "strategy", "promotion", "informatics"]),
        ((2, 3, 1), "- กลุ่มงานประสาน - กลุ่มงานสารสนเทศ", ["coordination", "informatics"]),
        ((3, 1, 1), "- กลุ่มส่งเสริม", ["promotion"]),
        ((3, 2, 3), "-กลุ่มงานสารสนเทศ", ["informatics"]),
        ((4, 1, 1), "- กลุ่มประสาน", ["coordination"]),
        ((5, 4, 1), "- กลุ่มงาน ยุทธศาสตร์", ["strategy"]),
    ],
)
def test_it_reads_the_responsible_work_groups(plan, where, responsible_text, groups):
    found = activity(plan, *where)
    assert found.responsible_text == responsible_text
    assert found.responsible_groups == groups


def test_it_reads_the_implementing_units(plan):
    assert activity(plan, 1, 1, 1).implementing_text == "- สพจ. - สพอ."
    assert activity(plan, 1, 1, 1).implementing_units == ["province", "district"]
    assert activity(plan, 1, 1, 4).implementing_units == ["province"]
    for found in plan.dimensions[0].measures[2].activities:
        assert (found.implementing_text, found.implementing_units) == ("สพจ.", ["province"])
    spaced = activity(plan, 3, 4, 2)
    assert (spaced.implementing_text, spaced.implementing_units) == (
        "สพจ. สพอ.",
        ["province", "district"],
    )


def test_it_strips_underline_markup_and_collapses_spaces(plan):
    underlined = activity(plan, 4, 4, 1)
    assert underlined.text == (
        "กิจกรรมประกาศรางวัลหรือการชื่นชมหรือคำขอบคุณ โดยมีหลักฐานเชิงประจักษ์จาก หน่วยงานภายนอก"
    )
    doubled_space = activity(plan, 1, 3, 1)
    assert "  " not in doubled_space.text
    assert doubled_space.text.startswith("- จัดทำประกาศหลักเกณฑ์ในการแต่งตั้งโยกย้าย - จัดทำ")
    assert doubled_space.evidence.startswith("- ประกาศ/คำสั่ง - มีหนังสือแจ้งบุคลากร")


def test_it_finds_the_targets_of_the_key_activities(plan):
    def keys(*where):
        return [t.key for t in activity(plan, *where).targets]

    assert keys(1, 3, 2) == [("percent", 80, None, "")]
    assert keys(1, 4, 2) == [("count", 3, None, "ช่องทาง")]
    assert keys(2, 1, 4) == [("per_quarter", 1, None, "ครั้ง")]
    assert keys(3, 3, 1) == [("count", 2, 7, "ภาคีเครือข่าย")]
    assert keys(4, 2, 2) == [("percent", 80, None, ""), ("count", 4, None, "เรื่อง")]
    assert keys(4, 3, 1) == [("count", 4, None, "กิจกรรม")]
    assert keys(4, 3, 2) == [("percent", 80, None, "")]
    assert keys(5, 1, 1) == [("count", 1, None, "โครงการ")]
    assert activity(plan, 1, 3, 2).targets[0].source == "evidence"
    assert activity(plan, 3, 3, 1).targets[0].source == "activity"


def test_it_finds_no_target_in_law_sections_years_list_numbers_or_5s(plan):
    assert activity(plan, 2, 1, 1).targets == []  # ตามหลัก ๕ ส
    assert activity(plan, 2, 3, 1).targets == []  # อย่าง ๑. โครงสร้างหน่วยงาน ๒. ...
    assert activity(plan, 2, 3, 2).targets == []  # พ.ศ. ๒๕๔๐ มาตรา ๗ และมาตรา ๙


def test_it_finds_exactly_these_targets_in_the_whole_document(plan):
    found = {
        f"{d.number}.{m.number}.{position}": [(*t.key, t.source) for t in a.targets]
        for d in plan.dimensions
        for m in d.measures
        for position, a in enumerate(m.activities, start=1)
        if a.targets
    }
    assert found == {
        "1.2.3": [
            ("per_quarter", 1, None, "ครั้ง", "activity"),
            ("per_month", 1, None, "ครั้ง", "evidence"),
        ],
        "1.2.4": [("per_month", 1, None, "ครั้ง", "evidence")],
        "1.3.2": [("percent", 80, None, "", "evidence")],
        "1.4.2": [("count", 3, None, "ช่องทาง", "evidence")],
        "2.1.4": [("per_quarter", 1, None, "ครั้ง", "activity")],
        "2.1.6": [("per_quarter", 1, None, "ครั้ง", "activity")],
        "2.2.1": [("count", 2, None, "เรื่อง", "activity")],
        "2.2.2": [("per_quarter", 1, None, "ครั้ง", "activity")],
        "3.2.3": [("count", 1, None, "ช่องทาง", "activity")],
        "3.3.1": [("count", 2, 7, "ภาคีเครือข่าย", "activity")],
        "4.2.1": [("percent", 80, None, "", "evidence")],
        "4.2.2": [("percent", 80, None, "", "activity"), ("count", 4, None, "เรื่อง", "activity")],
        "4.3.1": [("count", 4, None, "กิจกรรม", "activity")],
        "4.3.2": [("percent", 80, None, "", "activity")],
        "5.1.1": [("count", 1, None, "โครงการ", "evidence")],
        "5.3.1": [("count", 1, None, "กิจกรรม", "activity")],
    }


def test_it_is_deterministic():
    text = read_plan_file(PLAN_FILE)
    first, second = parse_plan_text(text), parse_plan_text(text)
    assert first == second
    assert json.dumps(plan_to_dict(first), ensure_ascii=False) == json.dumps(
        plan_to_dict(second), ensure_ascii=False
    )


def test_it_gives_the_plan_as_plain_data(plan):
    data = plan_to_dict(plan)
    json.dumps(data)
    assert data["title"] == plan.title
    assert [d["number"] for d in data["dimensions"]] == [1, 2, 3, 4, 5]
    first_measure = data["dimensions"][0]["measures"][0]
    assert (first_measure["number"], first_measure["title"]) == (1, "นโยบายในการสร้างความโปร่งใส")
    first = first_measure["activities"][0]
    assert set(first) == {
        "text",
        "period_text",
        "period_start",
        "period_end",
        "responsible_groups",
        "implementing_units",
        "evidence",
        "targets",
    }
    assert (first["period_start"], first["period_end"]) == ("2023-01-01", "2023-02-28")
    assert first["responsible_groups"] == ["coordination", "informatics"]
    assert first["implementing_units"] == ["province", "district"]
    channel = data["dimensions"][0]["measures"][3]["activities"][1]
    assert channel["targets"] == [
        {
            "kind": "count",
            "minimum": 3,
            "out_of": None,
            "unit_label": "ช่องทาง",
            "source": "evidence",
            "text": "ไม่น้อยกว่า ๓ ช่องทาง",
        }
    ]


# Cells


@pytest.mark.parametrize(
    ("cell", "groups"),
    [
        ("กลุ่มงานประสาน", ["coordination"]),
        ("กลุ่มประสาน", ["coordination"]),
        ("กลุ่มงาน ยุทธศาสตร์", ["strategy"]),
        ("- กลุ่มส่งเสริม", ["promotion"]),
        ("-กลุ่มงานสารสนเทศ", ["informatics"]),
        ("กลุ่มงานสารสนเทศ กลุ่มงานประสาน", ["coordination", "informatics"]),
        ("- กลุ่มงานประสาน - กลุ่มงานประสาน", ["coordination"]),
        ("ทุกกลุ่มงาน", list(WORK_GROUP_CODES)),
        ("-ทุกกลุ่มงาน", ["coordination", "strategy", "promotion", "informatics"]),
        ("ฝ่ายบริหาร", []),
        ("", []),
    ],
)
def test_it_recognises_work_groups(cell, groups):
    assert parse_work_groups(cell) == groups


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("- สพจ. - สพอ.", ["province", "district"]),
        ("สพจ. สพอ.", ["province", "district"]),
        ("สพจ.    สพอ.", ["province", "district"]),
        ("สพอ. สพจ.", ["province", "district"]),
        ("สพจ.", ["province"]),
        ("- สพอ.", ["district"]),
        ("อำเภอ", []),
    ],
)
def test_it_recognises_implementing_units(cell, units):
    assert parse_implementing_units(cell) == units


# Small well-formed plans


def test_it_reads_a_minimal_plan_with_arabic_digits_and_a_trailing_empty_cell():
    parsed = parse_plan_text(
        plan_text(
            "มิติที่ 1 ทดสอบ",
            HEADER,
            row("1", "มาตรการแรก", "กิจกรรมแรก", "ม.ค. - ก.พ. 66", "กลุ่มงานประสาน", "สพอ.", ""),
            row("", "", "กิจกรรมที่สอง", "มี.ค. 66", "ทุกกลุ่มงาน", "สพจ.", "รายงาน") + "  ",
        )
    )
    assert [(d.number, d.title) for d in parsed.dimensions] == [(1, "ทดสอบ")]
    [measure] = parsed.dimensions[0].measures
    assert (measure.number, measure.title, measure.line_number) == (1, "มาตรการแรก", 3)
    assert [a.text for a in measure.activities] == ["กิจกรรมแรก", "กิจกรรมที่สอง"]
    assert measure.activities[0].evidence == ""
    assert measure.activities[1].evidence == "รายงาน"
    assert parsed.title == ""


def test_it_reads_crlf_text_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "plan.txt"
    text = plan_text("มิติที่ ๑ ทดสอบ", good_row())
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    read = read_plan_file(path)
    assert read == text
    assert parse_plan_text(read).activity_count == 1


# Malformed input


def test_it_rejects_a_row_with_6_cells_naming_the_line():
    error = format_error(
        plan_text("มิติที่ ๑ ทดสอบ", good_row(), row("", "", "กิจกรรม", "ม.ค. ๖๖", "กลุ่มประสาน", "สพจ."))
    )
    assert error.line_number == 3
    assert str(error) == (
        "บรรทัด 3: ตารางต้องมี 7 คอลัมน์ แต่พบ 6 "
        "(line 3: a table row needs 7 tab-separated cells, found 6)"
    )


def test_it_counts_a_trailing_tab_as_an_empty_cell():
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", good_row() + "\t"))
    assert error.line_number == 2
    assert "found 8" in str(error)


def test_it_rejects_an_unparseable_period_quoting_it():
    bad = row("๑", "มาตรการ", "กิจกรรม", "ตลอดปี", "กลุ่มงานประสาน", "สพจ.", "")
    error = format_error(plan_text("", "มิติที่ ๑ ทดสอบ", HEADER, bad))
    assert error.line_number == 4
    assert "'ตลอดปี'" in error.message_th
    assert "cannot read the period 'ตลอดปี'" in str(error)


def test_it_rejects_a_table_before_any_dimension_heading():
    error = format_error(plan_text("ข้อความนำ", good_row(), "มิติที่ ๑ ทดสอบ", good_row()))
    assert error.line_number == 2
    assert "dimension heading" in error.message_en


def test_it_rejects_a_continuation_row_before_any_measure():
    continuation = row("", "", "กิจกรรม", "ม.ค. ๖๖", "กลุ่มงานประสาน", "สพจ.", "")
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", good_row(), "มิติที่ ๒ ต่อ", HEADER, continuation))
    assert error.line_number == 5
    assert "no measure yet" in error.message_en


@pytest.mark.parametrize("text", ["", "\n\n   \n", "\ufeff"])
def test_it_rejects_empty_text(text):
    error = format_error(text)
    assert error.line_number == 0
    assert str(error) == "ไฟล์ว่างเปล่า (the file is empty)"


def test_it_rejects_text_without_any_dimension():
    error = format_error(plan_text("เรียน นายอำเภอ ทุกอำเภอ", "", "จึงเรียนมาเพื่อพิจารณา"))
    assert error.line_number == 0
    assert "มิติที่" in error.message_en


def test_it_rejects_a_dimension_without_rows():
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", good_row(), "", "มิติที่ ๒ ว่าง", HEADER))
    assert error.line_number == 4
    assert "dimension 2 has no table rows" in str(error)


def test_it_rejects_a_dimension_heading_without_a_title():
    assert format_error(plan_text("มิติที่ ๑", good_row())).line_number == 1


def test_it_rejects_a_repeated_dimension():
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", good_row(), "มติที่ ๑ อีก", good_row()))
    assert error.line_number == 3


def test_it_rejects_an_unknown_work_group():
    bad = row("๑", "มาตรการ", "กิจกรรม", "ม.ค. ๖๖", "ฝ่ายบริหาร", "สพจ.", "")
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", bad))
    assert error.line_number == 2
    assert "'ฝ่ายบริหาร'" in str(error)


def test_it_rejects_a_row_without_an_implementing_unit():
    bad = row("๑", "มาตรการ", "กิจกรรม", "ม.ค. ๖๖", "กลุ่มงานประสาน", "อำเภอ", "")
    assert format_error(plan_text("มิติที่ ๑ ทดสอบ", bad)).line_number == 2


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (("ก", "มาตรการ"), "must be a number"),
        (("", "มาตรการ"), "has no number"),
        (("๒", ""), "has no title"),
    ],
)
def test_it_rejects_a_bad_measure_cell(first, expected):
    bad = row(*first, "กิจกรรม", "ม.ค. ๖๖", "กลุ่มงานประสาน", "สพจ.", "")
    error = format_error(plan_text("มิติที่ ๑ ทดสอบ", good_row(), bad))
    assert error.line_number == 3
    assert expected in error.message_en


def test_it_rejects_a_measure_number_reused_after_another_measure():
    error = format_error(
        plan_text("มิติที่ ๑ ทดสอบ", good_row("๑"), good_row("๒", "สอง"), good_row("๑", "อีก"))
    )
    assert error.line_number == 4


def test_it_rejects_a_row_without_an_activity():
    bad = row("๑", "มาตรการ", "", "ม.ค. ๖๖", "กลุ่มงานประสาน", "สพจ.", "")
    assert format_error(plan_text("มิติที่ ๑ ทดสอบ", bad)).line_number == 2


def test_it_rejects_an_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(PlanFormatError) as caught:
        read_plan_file(path)
    assert caught.value.line_number == 0


def test_it_rejects_a_binary_file_naming_the_line_of_the_first_nul(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("มิติที่ ๑\nบรรทัดสอง\n".encode() + b"PK\x03\x04\x00\x00\xff\xfe")
    with pytest.raises(PlanFormatError) as caught:
        read_plan_file(path)
    assert caught.value.line_number == 3
    assert "binary" in str(caught.value)


def test_it_rejects_invalid_utf8_naming_the_line(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("มิติที่ ๑ ทดสอบ\n".encode() + "กิจกรรม\n".encode("tis-620"))
    with pytest.raises(PlanFormatError) as caught:
        read_plan_file(path)
    assert caught.value.line_number == 2
    assert "UTF-8" in str(caught.value)


def test_it_rejects_utf16(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(plan_text("มิติที่ ๑ ทดสอบ", good_row()).encode("utf-16"))
    with pytest.raises(PlanFormatError, match="UTF-16"):
        read_plan_file(path)


def test_it_words_the_error_in_thai_then_english_and_survives_pickling():
    error = PlanFormatError(12, "ตารางต้องมี 7 คอลัมน์ แต่พบ 5", "a table row needs 7 cells, found 5")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    assert error.message == "ตารางต้องมี 7 คอลัมน์ แต่พบ 5 (a table row needs 7 cells, found 5)"
    assert str(error).startswith("บรรทัด 12: ตารางต้องมี")
