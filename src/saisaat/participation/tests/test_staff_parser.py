"""Reading staff files: encodings, headers, dates and statuses, workbooks."""

import codecs
import io
from datetime import date, datetime

import openpyxl
from django.test import SimpleTestCase
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from saisaat.orgs.staff import (
    STAFF_COLUMNS,
    ImportFileError,
    decode_text,
    parse_active,
    parse_date,
    read_table,
    table_records,
)
from saisaat.thai.digits import to_thai_digits

HEADER = "คำนำหน้า,ชื่อ,นามสกุล,ตำแหน่ง,รหัสหน่วยงาน,กลุ่มงาน,อีเมล,วันเริ่มงาน,สถานะ"
ROW = "นาง,สมศรี,ใจดี,นักวิชาการพัฒนาชุมชน,4301,,somsri@example.org,15/01/2566,ปฏิบัติงาน"


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class EnglishTestCase(SimpleTestCase):
    """Messages are asserted on their English text, whatever the .po files say."""

    def setUp(self):
        super().setUp()
        self.enterContext(translation.override("en"))


class DecodingTests(EnglishTestCase):
    def test_it_reads_utf8_with_and_without_bom(self):
        text = f"{HEADER}\n{ROW}\n"
        self.assertEqual(decode_text(codecs.BOM_UTF8 + text.encode()), text)
        self.assertEqual(decode_text(text.encode()), text)

    def test_it_reads_thai_excel_cp874_bytes(self):
        text = f"{HEADER}\r\n{ROW}\r\n"
        data = text.encode("cp874")
        self.assertNotEqual(data, text.encode())
        self.assertEqual(decode_text(data), text)

    def test_it_reads_tis620_bytes(self):
        text = f"{HEADER}\n{ROW}\n"
        self.assertEqual(decode_text(text.encode("tis-620")), text)

    def test_it_reads_utf16_with_bom(self):
        text = f"{HEADER}\n{ROW}\n".replace(",", "\t")
        self.assertEqual(decode_text(text.encode("utf-16")), text)

    def test_it_refuses_binary_content(self):
        with self.assertRaisesMessage(ImportFileError, "not a text"):
            decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        with self.assertRaisesMessage(ImportFileError, "not a text"):
            decode_text(bytes(range(1, 40)) * 3)

    @given(st.binary(min_size=1, max_size=200))
    def test_it_never_fails_other_than_with_a_message(self, data):
        try:
            read_table(data, "garbage.csv")
        except ImportFileError as error:
            self.assertTrue(str(error))


class TableTests(EnglishTestCase):
    def records(self, data, name="staff.csv"):
        records, ignored, present = table_records(data, name, STAFF_COLUMNS)
        return records, ignored, present

    def test_it_finds_thai_headers_in_any_order_below_a_title_line(self):
        data = (
            "ทะเบียนบุคลากร สพจ.หนองคาย,,\n"
            "อีเมล,นามสกุล,รหัสหน่วยงาน,ชื่อ,หมายเหตุ\n"
            "a@example.org,ใจดี,4301,สมศรี,ย้ายมาใหม่\n"
        ).encode()
        records, ignored, present = self.records(data)
        self.assertEqual(
            records,
            [
                (
                    3,
                    {
                        "email": "a@example.org",
                        "last_name": "ใจดี",
                        "unit": "4301",
                        "first_name": "สมศรี",
                    },
                )
            ],
        )
        self.assertEqual(ignored, ["หมายเหตุ"])
        self.assertEqual(present, {"email", "last_name", "unit", "first_name"})

    def test_it_accepts_english_headers_and_semicolons(self):
        data = b"First name;Last Name;Unit code;E-mail\nSomsri;Jaidee;4301;a@example.org\n"
        records, _ignored, _present = self.records(data)
        self.assertEqual(records[0][1]["first_name"], "Somsri")
        self.assertEqual(records[0][1]["unit"], "4301")

    def test_it_skips_blank_rows_and_keeps_row_numbers(self):
        data = f"{HEADER}\n,,,,,,,,\n{ROW}\n".encode()
        records, _ignored, _present = self.records(data)
        self.assertEqual([number for number, _values in records], [3])

    def test_it_says_which_columns_are_missing(self):
        with self.assertRaisesMessage(ImportFileError, "No header row"):
            self.records("ชื่อ,ตำแหน่ง\nสมศรี,นักวิชาการ\n".encode())

    def test_it_refuses_a_column_named_twice(self):
        with self.assertRaisesMessage(ImportFileError, "appears twice"):
            self.records("ชื่อ,นามสกุล,รหัสหน่วยงาน,First name\n".encode())

    def test_it_refuses_an_empty_file_a_header_only_and_a_wrong_extension(self):
        with self.assertRaisesMessage(ImportFileError, "empty"):
            self.records(b"")
        with self.assertRaisesMessage(ImportFileError, "no rows of data"):
            self.records(f"{HEADER}\n".encode())
        with self.assertRaisesMessage(ImportFileError, ".csv and .xlsx"):
            self.records(f"{HEADER}\n{ROW}\n".encode(), "staff.xls")
        with self.assertRaisesMessage(ImportFileError, ".csv and .xlsx"):
            self.records(f"{HEADER}\n{ROW}\n".encode(), "staff.pdf")

    def test_it_refuses_a_huge_file(self):
        with self.assertRaisesMessage(ImportFileError, "larger than"):
            self.records(b"a" * (6 * 1024 * 1024))

    def test_it_refuses_a_workbook_named_csv_and_text_named_xlsx(self):
        workbook = xlsx_bytes([["ชื่อ", "นามสกุล", "รหัสหน่วยงาน"]])
        with self.assertRaisesMessage(ImportFileError, "rename it to .xlsx"):
            self.records(workbook, "staff.csv")
        with self.assertRaisesMessage(ImportFileError, "not an Excel"):
            self.records(f"{HEADER}\n{ROW}\n".encode(), "staff.xlsx")
        with self.assertRaisesMessage(ImportFileError, "not an Excel"):
            self.records(b"PK\x03\x04garbage", "staff.xlsx")

    def test_it_reads_a_workbook_with_typed_cells(self):
        data = xlsx_bytes(
            [
                ["ชื่อ", "นามสกุล", "รหัสหน่วยงาน", "วันเริ่มงาน", "สถานะ"],
                ["สมศรี", "ใจดี", 4301, datetime(2020, 5, 1), 1],
            ]
        )
        records, _ignored, _present = self.records(data, "staff.xlsx")
        number, values = records[0]
        self.assertEqual(number, 2)
        self.assertEqual(values["unit"], 4301)
        self.assertEqual(parse_date(values["start_date"]), date(2020, 5, 1))
        self.assertTrue(parse_active(values["active"]))


class DateTests(SimpleTestCase):
    def test_it_reads_buddhist_and_common_era_years(self):
        self.assertEqual(parse_date("15/01/2566"), date(2023, 1, 15))
        self.assertEqual(parse_date("15/01/2023"), date(2023, 1, 15))
        self.assertEqual(parse_date("1-2-2565"), date(2022, 2, 1))

    def test_it_reads_thai_digits_iso_and_month_names(self):
        self.assertEqual(parse_date("๑๕/๐๑/๒๕๖๖"), date(2023, 1, 15))
        self.assertEqual(parse_date("2023-01-15"), date(2023, 1, 15))
        self.assertEqual(parse_date("15 มกราคม 2566"), date(2023, 1, 15))
        self.assertEqual(parse_date("๑ ต.ค. ๒๕๖๕"), date(2022, 10, 1))
        self.assertEqual(parse_date(datetime(2023, 1, 15, 0, 0)), date(2023, 1, 15))
        self.assertEqual(parse_date(44941), date(2023, 1, 15))

    def test_it_refuses_what_it_cannot_read(self):
        for text in ("31/02/2566", "15/01/66", "yesterday", "15/13/2566", "01/01/1800"):
            with self.subTest(text=text), self.assertRaises(ValueError):
                parse_date(text)

    @given(st.dates(min_value=date(1950, 1, 1), max_value=date(2024, 12, 31)))
    def test_it_reads_every_date_written_the_thai_way(self, day):
        written = f"{day.day:02d}/{day.month:02d}/{day.year + 543}"
        self.assertEqual(parse_date(written), day)
        self.assertEqual(parse_date(to_thai_digits(written)), day)


class StatusTests(SimpleTestCase):
    def test_it_reads_working_and_leaving_words(self):
        for word in ("", "ปฏิบัติงาน", "active", "1", "Active"):
            self.assertTrue(parse_active(word), word)
        for word in ("ลาออก", "ย้าย", "inactive", "0", "๐"):
            self.assertFalse(parse_active(word), word)
        with self.assertRaises(ValueError):
            parse_active("ไม่ทราบ")
