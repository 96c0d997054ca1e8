"""The evidence column of the real Nong Khai 2566 plan read as checklists."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saisaat.plans import checklist
from saisaat.plans.checklist import join_wrapped_words, kind_for, split_evidence
from saisaat.plans.parsing import parse_plan_text, read_plan_file

PLAN_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "nongkhai-2566-clean-cdd-plan.txt"


@pytest.fixture(scope="module")
def activities() -> dict:
    plan = parse_plan_text(read_plan_file(PLAN_FILE))
    return {
        activity.line_number: activity
        for dimension in plan.dimensions
        for measure in dimension.measures
        for activity in measure.activities
    }


def items_of(activities, line_number: int):
    return split_evidence(activities[line_number].evidence)


def test_it_gives_every_one_of_the_52_activities_at_least_one_item(activities):
    assert len(activities) == 52
    for line_number, activity in activities.items():
        assert split_evidence(activity.evidence), line_number


def test_it_reads_items_without_bullets_or_a_leading_there_is(activities):
    labels = [item.label for a in activities.values() for item in split_evidence(a.evidence)]
    assert sum(map(len, (split_evidence(a.evidence) for a in activities.values()))) == 68
    for label in labels:
        assert label == label.strip()
        assert not label.startswith(("-", "มีการ", "มีเอกสาร", "มีหลักฐาน", "มีช่องทาง")), label
        assert "  " not in label


def test_it_splits_a_bulleted_cell_into_its_items(activities):
    # - แผนการใช้จ่ายงบประมาณ - เอกสาร/รูปภาพการเผยแพร่... - บันทึกรายงานให้ผู้บังคับบัญชาทราบ
    assert [(i.label, i.kind) for i in items_of(activities, 180)] == [
        ("แผนการใช้จ่ายงบประมาณ", checklist.BUDGET_REPORT),
        ("เอกสาร/รูปภาพการเผยแพร่ให้บุคลากรในสังกัดทราบ", ""),
        ("บันทึกรายงานให้ผู้บังคับบัญชาทราบ", checklist.MEMO),
    ]


def test_it_keeps_alternatives_joined_by_a_slash_in_one_item(activities):
    assert [i.label for i in items_of(activities, 177)] == ["เอกสาร/รูปภาพ"]
    assert [i.label for i in items_of(activities, 176)] == [
        "ประกาศ/คำสั่ง",
        "เว็บไซต์สำนักงาน/เอกสาร/รูปภาพการเผยแพร่ให้บุคลากรในสังกัดทราบ",
    ]


def test_it_reads_the_sign_off_sheet_with_its_80_percent_threshold(activities):
    announcement, sheet = items_of(activities, 247)
    assert announcement.label == "ประกาศข้อตกลง(เจตนารมณ์/ธรรมนูญ/ปฏิญญา)"
    assert announcement.kind == checklist.OFFICIAL_DOCUMENT
    assert sheet.label.startswith("แบบลงนามรับทราบประกาศข้อตกลง")
    assert sheet.kind == checklist.DECLARATION_SIGNOFF
    assert (sheet.minimum, sheet.minimum_kind) == (80, "percent")


def test_it_names_the_records_that_can_satisfy_items(activities):
    assert items_of(activities, 187)[0].kind == checklist.CERTIFICATES
    assert (items_of(activities, 187)[0].minimum, items_of(activities, 187)[0].minimum_kind) == (
        80,
        "percent",
    )
    assert items_of(activities, 190)[0].kind == checklist.COMPLAINT_STATISTICS
    assert items_of(activities, 190)[0].minimum == 3
    assert items_of(activities, 215)[0].kind == checklist.SURVEY_RESULTS
    assert items_of(activities, 225)[0].kind == checklist.MOU
    assert items_of(activities, 248)[0].kind == checklist.MORAL_GOALS
    assert (items_of(activities, 248)[0].minimum, items_of(activities, 248)[0].minimum_unit) == (
        4,
        "เรื่อง",
    )
    assert items_of(activities, 252)[0].kind == checklist.ATTENDANCE
    assert items_of(activities, 271)[0].kind == checklist.INNOVATION_COMPARISON
    assert [i.kind for i in items_of(activities, 183)] == [checklist.BUDGET_REPORT] * 2
    # A report to the supervisor, however the plan words it, is a memo.
    for line_number in (179, 191, 205, 209, 233, 255):
        assert items_of(activities, line_number)[-1].kind == checklist.MEMO, line_number


def test_it_splits_the_long_service_cell_into_its_five_items(activities):
    items = items_of(activities, 210)
    assert len(items) == 5
    # The numbered list inside the first item stays in it.
    assert "๑. โครงสร้างหน่วยงาน" in items[0].label and "๕. มาตรฐาน" in items[0].label
    assert items[1].label == "ผังภาพหรือขั้นตอนแสดงการให้บริการที่ชัดเจน (Flow Chart)"
    assert items[4].kind == checklist.MEMO


def test_it_does_not_split_on_a_hyphen_inside_a_word(activities):
    first = items_of(activities, 213)[0]
    assert "(e-Service)" in first.label
    assert len(items_of(activities, 213)) == 4


def test_it_joins_a_word_the_line_wrap_split_but_keeps_phrase_spaces(activities):
    sheet = items_of(activities, 252)[0].label
    assert "เข้าร่วมกิจกรรม" in sheet
    # The plan's own list of what the moral plan contains keeps its spaces.
    assert "กิจกรรม งบประมาณ ตัวชี้วัด ผู้รับผิดชอบ" in items_of(activities, 244)[0].label
    assert join_wrapped_words("ช่องทาง ต่าง ๆ") == "ช่องทาง ต่าง ๆ"


def test_an_empty_cell_has_no_items():
    assert split_evidence("") == []
    assert split_evidence(" - ") == []


def test_an_unknown_item_is_satisfied_by_a_file_or_a_link():
    assert kind_for("รูปภาพการจัดกิจกรรม") == ""


def test_items_that_ask_for_an_announcement_or_an_order_accept_one(activities):
    # 1.1.1, 1.3.1, 2.1.3, 2.3.1, 3.2.2, 4.1.3, 4.2.1, 5.1.2 of the real plan.
    for line_number in (176, 186, 202, 210, 227, 246, 247, 265):
        assert items_of(activities, line_number)[0].kind == checklist.OFFICIAL_DOCUMENT, line_number
    assert kind_for("คำสั่งแต่งตั้งคณะกรรมการ") == checklist.OFFICIAL_DOCUMENT
    # Certificates, an award's "ใบประกาศ" and telling staff of an order are not one.
    assert items_of(activities, 188)[0].kind == ""
    assert items_of(activities, 214)[0].kind != checklist.OFFICIAL_DOCUMENT
    assert items_of(activities, 186)[1].kind == ""


def test_items_that_ask_for_an_award_or_thanks_accept_an_entry_of_the_register(activities):
    # 2.3.3 "เอกสาร/รางวัล/ใบประกาศ", 3.4.4 and 4.4.1; 1.1.3 offers an award as one way.
    for line_number in (178, 214, 235, 253):
        kinds = [item.kind for item in items_of(activities, line_number)]
        assert checklist.RECOGNITION in kinds, line_number
    assert kind_for("หนังสือคำขอบคุณจากหน่วยงานภายนอก") == checklist.RECOGNITION
    # The office's own announcement of awards it gives is an announcement.
    assert kind_for("ประกาศรางวัลบุคลากรดีเด่น") == checklist.OFFICIAL_DOCUMENT
    assert kind_for("ภาพถ่ายการประชุม") == ""


@given(st.lists(st.text(alphabet="กขคงจฉ/ มี", min_size=1, max_size=12), max_size=5))
def test_it_never_makes_an_empty_or_bulleted_item(parts):
    for item in split_evidence(" - ".join(parts)):
        assert item.label and not item.label.startswith("-")
        assert len(item.label) <= checklist.LABEL_MAX_LENGTH
