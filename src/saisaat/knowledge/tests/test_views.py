import io
import re
from datetime import timedelta

import openpyxl
from django.urls import reverse
from django.utils import timezone

from saisaat.knowledge import models
from saisaat.knowledge.models import Attempt, Question
from saisaat.knowledge.tests.helpers import RIGHT, answers, link_staff, make_bank, make_test
from saisaat.testing.base import PersonaTestCase

# The CSRF tokens are masked afresh on every page.
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')


def posted(attempt, right):
    return {f"q{k}": str(v) for k, v in answers(attempt, right).items()}


class TakingTheTestTests(PersonaTestCase):
    load_plan = False

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        make_bank(cls.district_a)
        link_staff(cls.district_a_officer, cls.district_a)
        cls.test = make_test(cls.district_a, count=5)

    def setUp(self):
        self.login(self.district_a_officer)

    def start(self) -> Attempt:
        response = self.client.post(reverse("knowledge:test-start", args=[self.test.pk]))
        attempt = Attempt.objects.get(test=self.test)
        self.assertRedirects(response, reverse("knowledge:attempt", args=[attempt.pk]))
        return attempt

    def test_it_lists_the_offices_open_test(self):
        response = self.client.get(reverse("knowledge:my-tests"))
        self.assertContains(response, self.test.title)
        self.assertContains(response, reverse("knowledge:test-start", args=[self.test.pk]))

    def test_the_answer_key_never_reaches_the_page(self):
        attempt = self.start()
        url = reverse("knowledge:attempt", args=[attempt.pk])
        page = CSRF.sub("", self.client.get(url).content.decode())
        for question in Question.objects.filter(pk__in=attempt.question_ids):
            self.assertIn(question.text, page)
        self.assertNotIn("correct", page.lower())
        # The page is the same whichever choice is right: nothing in it depends on the key.
        for question in Question.objects.filter(pk__in=attempt.question_ids):
            question.correct_choice = question.correct_choice % len(question.choices) + 1
            question.save(update_fields=["correct_choice"])
        self.maxDiff = None
        self.assertEqual(CSRF.sub("", self.client.get(url).content.decode()), page)

    def test_it_scores_a_submission_and_shows_the_result(self):
        attempt = self.start()
        url = reverse("knowledge:attempt", args=[attempt.pk])
        response = self.client.post(url, posted(attempt, 4), follow=True)
        self.assertContains(response, "ผ่าน")
        self.assertContains(response, "ตอบถูก 4 จาก 5 ข้อ")
        self.assertNotContains(response, RIGHT)
        attempt.refresh_from_db()
        self.assertEqual((attempt.score, attempt.passed), (4, True))

    def test_it_shows_a_fail_below_the_pass_mark(self):
        attempt = self.start()
        url = reverse("knowledge:attempt", args=[attempt.pk])
        response = self.client.post(url, posted(attempt, 2), follow=True)
        self.assertContains(response, "ไม่ผ่าน")

    def test_a_second_submission_is_a_conflict(self):
        attempt = self.start()
        url = reverse("knowledge:attempt", args=[attempt.pk])
        self.client.post(url, posted(attempt, 1))
        response = self.client.post(url, posted(attempt, 5))
        self.assertContains(response, "ส่งซ้ำไม่ได้", status_code=409)
        attempt.refresh_from_db()
        self.assertEqual(attempt.score, 1)

    def test_a_submission_after_closing_is_a_conflict(self):
        attempt = self.start()
        yesterday = timezone.localdate() - timedelta(days=1)
        models.Test.objects.filter(pk=self.test.pk).update(opens_on=yesterday, closes_on=yesterday)
        url = reverse("knowledge:attempt", args=[attempt.pk])
        response = self.client.post(url, posted(attempt, 5))
        self.assertContains(response, "ปิดแล้ว", status_code=409)
        self.assertFalse(Attempt.objects.get(pk=attempt.pk).is_submitted)

    def test_starting_a_closed_test_is_a_conflict(self):
        closed = make_test(self.district_a, opens=-9, closes=-2)
        response = self.client.post(reverse("knowledge:test-start", args=[closed.pk]))
        self.assertContains(response, "ปิดแล้ว", status_code=409)

    def test_an_unanswered_question_is_a_bad_request_keeping_the_answers(self):
        attempt = self.start()
        data = posted(attempt, 5)
        data.pop(f"q{attempt.question_ids[2]}")
        data[f"q{attempt.question_ids[0]}"] = "not a number"
        response = self.client.post(reverse("knowledge:attempt", args=[attempt.pk]), data)
        self.assertContains(response, "กรุณาตอบข้อ 1", status_code=400)
        self.assertContains(response, "checked", status_code=400)

    def test_nobody_else_opens_the_attempt(self):
        attempt = self.start()
        url = reverse("knowledge:attempt", args=[attempt.pk])
        self.assert_statuses(
            "get", url, {"district_a_officer": 200, "approver": 404, "district_b_officer": 404}
        )


def workbook(rows) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["หัวข้อ", "คำถาม", "ตัวเลือก 1", "ตัวเลือก 2", "ตัวเลือก 3", "ตัวเลือก 4"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "questions.xlsx"
    return out


class QuestionImportTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def setUp(self):
        self.login(self.district_a_head)
        self.url = reverse("knowledge:questions", args=[self.district_a.code])

    def test_it_imports_a_clean_workbook(self):
        rows = [
            ["ไม่รับของขวัญ", "ข้าราชการรับของขวัญได้หรือไม่", "ได้", "ไม่ได้", None, None, None, "๒"],
            ["procurement", "การจัดซื้อต้องเปิดเผยหรือไม่", "ต้อง", "ไม่ต้อง", "แล้วแต่", None, None, 1],
        ]
        response = self.client.post(self.url, {"file": workbook(rows)})
        self.assertRedirects(response, self.url)
        questions = Question.objects.filter(unit=self.district_a).order_by("pk")
        self.assertEqual(
            [(q.topic, q.choices, q.correct_choice) for q in questions],
            [("no_gift", ["ได้", "ไม่ได้"], 2), ("procurement", ["ต้อง", "ไม่ต้อง", "แล้วแต่"], 1)],
        )

    def test_one_bad_row_imports_nothing_and_names_each_bad_row(self):
        rows = [
            ["no_gift", "คำถามดี", "ก", "ข", None, None, None, 1],
            ["เรื่องอื่นที่ไม่มี", "คำถาม", "ก", "ข", None, None, None, 3],
            ["no_gift", "", "ก", None, None, None, None, "x"],
        ]
        response = self.client.post(self.url, {"file": workbook(rows)})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Question.objects.count(), 0)
        page = response.content.decode()
        self.assertIn("ไม่รู้จักหัวข้อ “เรื่องอื่นที่ไม่มี”", page)
        self.assertIn("ข้อที่ถูก 3 ไม่ตรงกับตัวเลือกที่มี", page)
        self.assertRegex(page, r"แถว 3: ")
        self.assertRegex(page, r"แถว 4: ไม่มีข้อความคำถาม")
        self.assertIn("ยังไม่มีการนำเข้าข้อสอบใด ๆ", page)

    def test_a_file_that_is_not_a_workbook_is_a_bad_request(self):
        upload = io.BytesIO(b"not a workbook")
        upload.name = "questions.xlsx"
        response = self.client.post(self.url, {"file": upload})
        self.assertContains(response, "ไม่ใช่ไฟล์", status_code=400)
        self.assertEqual(Question.objects.count(), 0)


class QuestionActiveTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def test_a_manager_takes_a_question_out_of_the_draw_and_back(self):
        [question] = make_bank(self.district_a, 1)
        url = reverse("knowledge:question-active", args=[question.pk])
        self.login(self.district_a_head)
        self.client.post(url, {"active": "0"})
        question.refresh_from_db()
        self.assertFalse(question.is_active)
        self.client.post(url, {"active": "1"})
        question.refresh_from_db()
        self.assertTrue(question.is_active)
        self.assert_statuses(
            "post", url, {"district_a_officer": 403, "district_b_officer": 404}, {"active": "0"}
        )
        question.refresh_from_db()
        self.assertTrue(question.is_active)


class TestCreateTests(PersonaTestCase):
    load_plan = False
    more_personas = True

    def setUp(self):
        make_bank(self.district_a, 5)
        self.login(self.district_a_head)
        self.url = reverse("knowledge:test-create", args=[self.district_a.code])

    def data(self, **changes):
        return {
            "title": "แบบทดสอบก่อนการอบรม",
            "fiscal_year": "๒๕๖๖",
            "kind": "pre",
            "question_count": "5",
            "pass_percent": "80",
            "opens_on": "9/1/2566",
            "closes_on": "20/1/2566",
            **changes,
        }

    def test_it_creates_a_test_with_buddhist_era_dates(self):
        response = self.client.post(self.url, self.data())
        self.assertRedirects(response, reverse("knowledge:office", args=["4301"]))
        test = models.Test.objects.get()
        self.assertEqual((test.fiscal_year, str(test.opens_on)), (2566, "2023-01-09"))

    def test_it_refuses_more_questions_than_the_bank_holds(self):
        response = self.client.post(self.url, self.data(question_count="6"))
        self.assertContains(response, "คลังข้อสอบมีข้อสอบที่ใช้งานอยู่ 5 ข้อ", status_code=400)
        self.assertFalse(models.Test.objects.exists())

    def test_it_refuses_a_test_that_closes_before_it_opens(self):
        response = self.client.post(self.url, self.data(closes_on="1/1/2566"))
        self.assertContains(response, "วันปิดแบบทดสอบต้องไม่ก่อนวันเปิด", status_code=400)
