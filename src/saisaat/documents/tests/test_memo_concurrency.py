"""Memos made at the same moment never share a number (PostgreSQL: real row locks)."""

import threading
import unittest
from datetime import date

from django.db import connection, connections
from django.test import TransactionTestCase

from saisaat.documents import services
from saisaat.documents.models import Memo
from saisaat.orgs.models import Unit
from saisaat.testing.base import make_unit, make_user

THREADS_PER_OFFICE = 4


@unittest.skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's row locks")
class ConcurrentNumberingTest(TransactionTestCase):
    def test_memos_made_at_the_same_moment_get_distinct_numbers(self):
        department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
        province = make_unit("43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", department)
        district = make_unit(
            "4301", Unit.Kind.DISTRICT, "สำนักงานพัฒนาชุมชนอำเภอเมืองหนองคาย", province
        )
        offices = [province, district]
        users = {unit.pk: make_user(f"officer-{unit.code}", unit) for unit in offices}
        start = threading.Barrier(THREADS_PER_OFFICE * len(offices))
        errors = []

        def make(unit):
            try:
                start.wait()
                services.create_memo(
                    unit=unit,
                    kind="activity",
                    fields=services.MemoFields(
                        number="",
                        date=date(2023, 3, 15),
                        office=unit.name_th,
                        subject="รายงานผล",
                        recipient="พัฒนาการจังหวัดหนองคาย",
                        body="ย่อหน้า",
                        signer_name="นายทดสอบ ระบบ",
                        signer_position="นักวิชาการพัฒนาชุมชน",
                    ),
                    acting_user=users[unit.pk],
                )
            except Exception as error:  # reported below, with the thread's own traceback lost
                errors.append(repr(error))
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=make, args=(unit,))
            for unit in offices
            for _ in range(THREADS_PER_OFFICE)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        self.assertEqual(errors, [])
        numbers = list(Memo.objects.values_list("number", flat=True))
        self.assertEqual(len(numbers), THREADS_PER_OFFICE * len(offices))
        self.assertEqual(len(set(numbers)), len(numbers), numbers)
        expected = {f"{prefix}/{n}" for prefix in ("นค 0016", "นค 0016.1") for n in range(1, 5)}
        self.assertEqual(set(numbers), expected)
