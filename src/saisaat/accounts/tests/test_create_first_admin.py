"""The first department administrator, made by a command rather than a shell."""

import io
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase

from saisaat.audit.models import Entry
from saisaat.orgs.models import Unit, User

STRONG = "Saisaat-First-2567!"


def run(*args, password=STRONG, tty=False, **env):
    out = io.StringIO()
    environment = {"SAISAAT_FIRST_ADMIN_PASSWORD": password} if password else {}
    with (
        mock.patch.dict("os.environ", environment, clear=False),
        mock.patch("sys.stdin.isatty", return_value=tty),
    ):
        call_command("create_first_admin", *args, stdout=out, stderr=out)
    return out.getvalue()


class CreateFirstAdminTests(TestCase):
    def setUp(self):
        import os

        os.environ.pop("SAISAAT_FIRST_ADMIN_PASSWORD", None)

    def test_it_creates_the_department_and_its_administrator_and_logs_it(self):
        output = run(
            "--username", "first", "--email", "first@example.org", "--department-name", "กรม"
        )
        user = User.objects.get(username="first")
        self.assertTrue(user.is_department_administrator)
        self.assertTrue(user.is_superuser and user.is_staff)
        self.assertTrue(user.check_password(STRONG))
        self.assertNotIn(STRONG, output)
        entry = Entry.objects.get(action="accounts.first_admin_created")
        self.assertEqual(entry.actor_label, "manage.py create_first_admin")
        self.assertNotIn("password", entry.changes)
        self.assertNotIn(STRONG, str(entry.changes))
        self.assertTrue(Entry.objects.filter(action="orgs.unit_created").exists())

    def test_it_refuses_once_one_exists_unless_forced(self):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        User.objects.create_user("boss", unit=department, role=User.Role.ADMINISTRATOR)
        with self.assertRaisesMessage(CommandError, "already exists"):
            run("--username", "second", "--email", "s@example.org")
        self.assertFalse(User.objects.filter(username="second").exists())
        run("--username", "second", "--email", "s@example.org", "--force", "--no-superuser")
        second = User.objects.get(username="second")
        self.assertTrue(second.is_department_administrator)
        self.assertFalse(second.is_superuser)
        self.assertIn("forced", Entry.objects.get(action="accounts.first_admin_created").reason)

    def test_a_weak_password_or_no_password_is_refused(self):
        Unit.objects.create(code="00", kind="department", name_th="กรม")
        with self.assertRaises(CommandError):
            run("--username", "first", "--email", "f@example.org", password="12345678")
        with self.assertRaisesMessage(CommandError, "SAISAAT_FIRST_ADMIN_PASSWORD"):
            run("--username", "first", "--email", "f@example.org", password="")
        self.assertFalse(User.objects.filter(username="first").exists())

    def test_it_asks_twice_without_echo_in_a_terminal(self):
        Unit.objects.create(code="00", kind="department", name_th="กรม")
        with mock.patch("getpass.getpass", side_effect=[STRONG, STRONG]) as ask:
            run("--username", "first", "--email", "f@example.org", password="", tty=True)
        self.assertEqual(ask.call_count, 2)
        self.assertTrue(User.objects.get(username="first").check_password(STRONG))
        with (
            mock.patch("getpass.getpass", side_effect=[STRONG, STRONG + "x"]),
            self.assertRaisesMessage(CommandError, "differ"),
        ):
            run("--username", "other", "--email", "o@example.org", "--force", password="", tty=True)

    def test_a_unit_that_is_not_the_department_is_refused(self):
        department = Unit.objects.create(code="00", kind="department", name_th="กรม")
        Unit.objects.create(code="43", kind="province", name_th="จังหวัด", parent=department)
        with self.assertRaisesMessage(CommandError, "not the department"):
            run("--username", "first", "--email", "f@example.org", "--department-code", "43")
