"""Two department administrators deciding the same designation at the same moment: one
decision holds, the other is told it was already decided; one audit entry each way at
most (PostgreSQL: real row locks)."""

import threading
import unittest

from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase

from saisaat.audit.models import Entry
from saisaat.complaints import services
from saisaat.complaints.models import ComplaintOfficer
from saisaat.orgs.models import Unit, User
from saisaat.testing.base import make_unit, make_user


@unittest.skipUnless(connection.vendor == "postgresql", "needs PostgreSQL's row locks")
class ConcurrentDecisionTest(TransactionTestCase):
    def test_a_confirmation_and_a_refusal_at_once_make_one_decision(self):
        department = make_unit("00", Unit.Kind.DEPARTMENT, "กรมการพัฒนาชุมชน")
        province = make_unit("43", Unit.Kind.PROVINCE, "สำนักงานพัฒนาชุมชนจังหวัดหนองคาย", department)
        head = make_user("head", province, role=User.Role.APPROVER)
        officer = make_user("officer", province)
        admins = [
            make_user(f"department-{n}", department, role=User.Role.ADMINISTRATOR) for n in range(2)
        ]
        proposal = services.propose_officer(province, officer, acting_user=head)
        start = threading.Barrier(2)
        outcomes = []

        def decide(admin, confirm):
            try:
                start.wait()
                if confirm:
                    services.confirm_officer(proposal, acting_user=admin)
                else:
                    services.refuse_officer(proposal, acting_user=admin)
                outcomes.append("done")
            except ValidationError:
                outcomes.append("already decided")
            except Exception as error:  # reported below
                outcomes.append(repr(error))
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=decide, args=(admins[0], True)),
            threading.Thread(target=decide, args=(admins[1], False)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        self.assertEqual(sorted(outcomes), ["already decided", "done"])
        decisions = Entry.objects.filter(
            action__in=["complaints.officer_designated", "complaints.officer_refused"]
        )
        self.assertEqual(decisions.count(), 1)
        confirmed = ComplaintOfficer.objects.current().filter(user=officer).exists()
        self.assertEqual(confirmed, decisions.get().action == "complaints.officer_designated")
