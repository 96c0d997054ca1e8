"""The memo list keeps the same number of queries as memos grow."""

from datetime import date

from django.urls import reverse

from saisaat.documents import services
from saisaat.documents.models import Memo
from saisaat.documents.tests.base import DocumentsTestCase


class MemoListQueryCountTest(DocumentsTestCase):
    def add_memos(self, count: int):
        for n in range(count):
            unit = self.district_a if n % 2 else self.province
            running = services.take_number(unit, 2566)
            Memo.objects.create(
                unit=unit,
                kind="activity",
                assignment=self.assignment if n % 2 else None,
                year=2566,
                running_number=running,
                number=services.format_number(unit, running),
                date=date(2023, 3, 1),
                office=unit.name_th,
                subject=f"เรื่องที่ {n}",
                recipient="พัฒนาการจังหวัดหนองคาย",
                body="ข้อความ",
                signer_name="ผู้ลงนาม",
                signer_position="ตำแหน่ง",
                created_by=self.provincial_officer,
            )

    def test_it_lists_memos_in_a_fixed_number_of_queries(self):
        self.client.force_login(self.provincial_officer)
        url = reverse("documents:memo-list")
        # 1 session, 2 user, 3 the user's unit (for visible units), 4 memos with unit,
        # author and activity joined, 5 the plan years for the year picker.
        for count in (2, 12):
            with self.subTest(memos=count):
                self.add_memos(count if count == 2 else count - 2)
                with self.assertNumQueries(5):
                    response = self.client.get(url)
                self.assertEqual(len(response.context["memos"]), Memo.objects.count())
