"""Background jobs: running, the progress page, who sees it, failures in Thai, the
daily schedule and the clearing of old files."""

import ast
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.tasks import async_task

from saisaat.audit.models import Entry
from saisaat.documents.jobs import QUARTERLY_XLSX
from saisaat.jobs import registry, schedules, services
from saisaat.jobs.models import Job
from saisaat.orgs.models import User
from saisaat.testing.base import PersonaTestCase, make_user

BANGKOK = ZoneInfo("Asia/Bangkok")


class JobTestCase(PersonaTestCase):
    publish_plan = True

    def start(self, kind=QUARTERLY_XLSX, *, user=None, parameters=None):
        """Start a job as the worker would see it: committed, then run (sync mode)."""
        with self.captureOnCommitCallbacks(execute=True):
            job = services.start_job(
                kind,
                title="งานทดสอบ",
                parameters=parameters or {"unit": "4301", "year": 2566, "quarter": 2},
                acting_user=user or self.district_a_officer,
            )
        job.refresh_from_db()
        return job

    def register(self, name, run):
        registry.register(name, label="test", run=run)
        self.addCleanup(registry.unregister, name)


class RunningTests(JobTestCase):
    def test_it_runs_the_job_and_stores_its_file_through_the_storage(self):
        job = self.start()
        self.assertEqual((job.state, job.progress), (Job.State.DONE, 100))
        self.assertEqual(job.result_name, "quarterly-4301-2566-q2.xlsx")
        self.assertTrue(job.task_id)
        self.assertTrue(default_storage.exists(job.result.name))
        self.assertEqual(
            list(
                Entry.objects.for_object(job).order_by("sequence").values_list("action", flat=True)
            ),
            ["jobs.started", "jobs.finished"],
        )

    @override_settings(SAISAAT_JOBS_SYNC=False)
    def test_without_sync_it_waits_in_the_database_queue_for_the_worker(self):
        from django_q.models import OrmQ

        job = self.start()
        self.assertEqual((job.state, job.progress), (Job.State.QUEUED, 0))
        self.assertEqual(OrmQ.objects.count(), 1)
        self.assertEqual(services.run_job(job.pk), "done")
        self.assertEqual(services.run_job(job.pk), "skipped")  # handed out twice: runs once

    def test_progress_is_written_in_whole_points_and_never_goes_back(self):
        writes = []

        def slow(job, progress):
            for done in range(1, 1001):
                before = Job.objects.get(pk=job.pk).progress
                progress(done, 1000)
                after = Job.objects.get(pk=job.pk).progress
                if after != before:
                    writes.append(after)
            return registry.Result(b"x", "x.txt", "text/plain")

        self.register("test.slow", slow)
        self.start("test.slow")
        self.assertEqual(writes, list(range(1, 100)))  # 100 is written with the file

    def test_an_unknown_kind_is_refused_at_the_start(self):
        with self.assertRaises(ValueError):
            services.start_job("nope", title="x", parameters={}, acting_user=self.approver)


class FailureTests(JobTestCase):
    def test_a_job_error_is_shown_in_thai_on_the_page(self):
        self.start(parameters={"unit": "4301", "year": 2599, "quarter": 1})
        job = Job.objects.get()
        self.assertEqual(job.state, Job.State.FAILED)
        self.assertEqual(job.error, "หน่วยงานนี้ไม่มีแผนของปีงบประมาณนั้น")
        self.client.force_login(self.district_a_officer)
        response = self.client.get(job.get_absolute_url())
        self.assertContains(response, "หน่วยงานนี้ไม่มีแผนของปีงบประมาณนั้น")
        self.assertContains(response, "ไม่สำเร็จ")
        self.assertNotContains(response, "hx-trigger")  # a finished job is not polled
        download = self.client.get(reverse("jobs:download", args=[job.pk]))
        self.assertEqual(download.status_code, 404)
        self.assertEqual(
            Entry.objects.for_object(job).order_by("sequence").last().action, "jobs.failed"
        )

    def test_an_unexpected_error_gives_a_thai_message_and_no_traceback(self):
        def broken(job, progress):
            raise RuntimeError("secret internals")

        self.register("test.broken", broken)
        with self.assertLogs("saisaat.jobs.services", "ERROR"):
            job = self.start("test.broken")
        self.assertEqual(job.state, Job.State.FAILED)
        self.assertIn("กรุณาลองใหม่อีกครั้ง", job.error)
        self.assertNotIn("secret", job.error)

    def test_an_owner_who_may_no_longer_see_the_unit_gets_no_file(self):
        job = self.start(parameters={"unit": "4302", "year": 2566, "quarter": 2})
        self.assertEqual(job.error, "ท่านไม่มีสิทธิ์ดูข้อมูลของหน่วยงานนี้แล้ว")


class PageTests(JobTestCase):
    def test_a_running_job_polls_itself_and_a_done_one_offers_the_file(self):
        job = self.start()
        Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, progress=40)
        self.client.force_login(self.district_a_officer)
        page = self.client.get(job.get_absolute_url())
        self.assertContains(page, 'hx-trigger="every 1s"')
        self.assertContains(page, "40%")
        self.assertContains(page, "<h1>งานทดสอบ</h1>", html=True)
        fragment = self.client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
        self.assertNotContains(fragment, "<h1>")
        self.assertContains(fragment, 'id="job-status"')
        self.assertIn("HX-Request", fragment["Vary"])

        Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, progress=100)
        fragment = self.client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
        self.assertNotContains(fragment, "hx-get")
        self.assertContains(fragment, reverse("jobs:download", args=[job.pk]))
        download = self.client.get(reverse("jobs:download", args=[job.pk]))
        self.assertEqual(
            download["Content-Disposition"], 'attachment; filename="quarterly-4301-2566-q2.xlsx"'
        )
        self.assertIn("no-store", download["Cache-Control"])

    def test_only_the_owner_and_the_administrators_of_the_owners_office_see_a_job(self):
        job = self.start(user=self.provincial_officer)
        other_admin = make_user("other-admin", self.other_province, role=User.Role.ADMINISTRATOR)
        for url in (job.get_absolute_url(), reverse("jobs:download", args=[job.pk])):
            self.assert_statuses(
                "get",
                url,
                {
                    "provincial_officer": 200,
                    "administrator": 200,
                    "approver": 404,
                    "district_a_officer": 404,
                    "department_officer": 404,
                    "anonymous": 302,
                },
            )
            self.client.force_login(other_admin)
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_list_shows_ones_own_jobs_in_a_fixed_number_of_queries(self):
        mine = self.start()
        theirs = self.start(user=self.provincial_officer)
        self.client.force_login(self.district_a_officer)
        # session, user, the jobs with their owners, the user's unit (the menu)
        with self.assertNumQueries(4):
            response = self.client.get(reverse("jobs:list"))
        self.assertContains(response, mine.get_absolute_url())
        self.assertNotContains(response, theirs.get_absolute_url())
        self.start()
        self.start()
        with self.assertNumQueries(4):
            response = self.client.get(reverse("jobs:list"))
        self.assertEqual(len(response.context["jobs"]), 3)


class ScheduleTests(JobTestCase):
    def test_schedule_jobs_creates_the_daily_reminders_once_at_the_office_time(self):
        now = datetime(2023, 3, 1, 9, 0, tzinfo=BANGKOK)  # after 07:00: tomorrow's
        schedules.ensure_schedules(now=now)
        schedules.ensure_schedules(now=now)
        reminders = Schedule.objects.get(name="saisaat-send-reminders")
        self.assertEqual(reminders.func, "django.core.management.call_command")
        self.assertEqual(reminders.args, "'send_reminders'")
        self.assertEqual(reminders.schedule_type, Schedule.DAILY)
        self.assertEqual(
            timezone.localtime(reminders.next_run), datetime(2023, 3, 2, 7, 0, tzinfo=BANGKOK)
        )
        self.assertEqual(Schedule.objects.filter(name="saisaat-send-reminders").count(), 1)
        self.assertTrue(Schedule.objects.filter(name="saisaat-delete-expired-jobs").exists())

    @override_settings(SAISAAT_REMINDER_TIME="05:30")
    def test_the_command_moves_the_schedule_to_the_configured_time(self):
        call_command("schedule_jobs", stdout=io.StringIO())
        reminders = Schedule.objects.get(name="saisaat-send-reminders")
        self.assertEqual(timezone.localtime(reminders.next_run).strftime("%H:%M"), "05:30")

    def test_the_purge_of_personal_data_is_scheduled_at_its_time_and_moved_with_it(self):
        now = datetime(2023, 3, 1, 1, 0, tzinfo=BANGKOK)  # before 02:45: tonight's
        with self.settings(SAISAAT_PURGE_TIME="02:45"):
            schedules.ensure_schedules(now=now)
        purge = Schedule.objects.get(name="saisaat-purge-personal-data")
        self.assertEqual(purge.func, "django.core.management.call_command")
        self.assertEqual(purge.args, "'purge_personal_data'")
        self.assertEqual(purge.schedule_type, Schedule.DAILY)
        self.assertEqual(purge.repeats, -1)
        self.assertEqual(
            timezone.localtime(purge.next_run), datetime(2023, 3, 1, 2, 45, tzinfo=BANGKOK)
        )
        with self.settings(SAISAAT_PURGE_TIME="04:10"):
            schedules.ensure_schedules(now=now)
        purge = Schedule.objects.get(name="saisaat-purge-personal-data")
        self.assertEqual(
            timezone.localtime(purge.next_run), datetime(2023, 3, 1, 4, 10, tzinfo=BANGKOK)
        )
        self.assertEqual(Schedule.objects.filter(name="saisaat-purge-personal-data").count(), 1)

    @override_settings(SAISAAT_PURGE_TIME="2:45am")
    def test_a_purge_time_that_is_not_a_time_stops_the_scheduling(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "SAISAAT_PURGE_TIME"):
            schedules.ensure_schedules()

    def test_the_scheduled_reminders_run_the_cron_command(self):
        schedules.ensure_schedules()
        reminders = Schedule.objects.get(name="saisaat-send-reminders")
        # What the worker does with the schedule: call its function with its arguments.
        task_id = async_task(reminders.func, *ast.literal_eval(f"({reminders.args},)"), sync=True)
        self.assertTrue(Task.objects.get(id=task_id).success)


class ExpiryTests(JobTestCase):
    def test_old_jobs_and_their_files_are_deleted(self):
        old, new = self.start(), self.start()
        name = old.result.name
        Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=8))
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(services.delete_expired(), 1)
        self.assertEqual(list(Job.objects.values_list("pk", flat=True)), [new.pk])
        self.assertFalse(default_storage.exists(name))
        self.assertEqual(Entry.objects.order_by("sequence").last().action, "jobs.expired")


class StaleJobTests(JobTestCase):
    def queued(self, quarter=2):
        with self.settings(SAISAAT_JOBS_SYNC=False):
            return self.start(parameters={"unit": "4301", "year": 2566, "quarter": quarter})

    def age(self, job, *, minutes_ago, state=Job.State.QUEUED):
        """A job whose worker never came (or died): left queued or running."""
        then = timezone.now() - timedelta(minutes=minutes_ago)
        Job.objects.filter(pk=job.pk).update(
            state=state,
            created_at=then,
            started_at=then if state == Job.State.RUNNING else None,
        )
        job.refresh_from_db()
        return job

    @override_settings(SAISAAT_JOB_TIMEOUT=1800, SAISAAT_JOB_STALE_MARGIN=300)
    def test_jobs_queued_or_running_past_the_timeout_are_marked_failed(self):
        stuck, lost, recent = self.queued(1), self.queued(2), self.queued(3)
        self.age(stuck, minutes_ago=36, state=Job.State.RUNNING)
        self.age(lost, minutes_ago=40)
        self.age(recent, minutes_ago=34, state=Job.State.RUNNING)
        self.assertEqual(services.fail_stale(), 2)
        for job in (stuck, lost):
            job.refresh_from_db()
            self.assertEqual(job.state, Job.State.FAILED)
            self.assertEqual(
                job.error,
                "งานนี้ไม่เสร็จภายในเวลาที่กำหนด ระบบจึงหยุดงานนี้แล้ว กรุณาลองใหม่ หากหยุดอีกครั้ง โปรดแจ้งผู้ดูแลระบบ",
            )
            entry = Entry.objects.for_object(job).order_by("sequence").last()
            self.assertEqual(entry.action, "jobs.failed")
        recent.refresh_from_db()
        self.assertEqual(recent.state, Job.State.RUNNING)
        self.assertEqual(services.fail_stale(), 0)

    def test_the_daily_clean_up_fails_stale_jobs_and_deletes_them_a_week_later(self):
        job = self.age(self.queued(), minutes_ago=60 * 24 * 2, state=Job.State.RUNNING)
        services.delete_expired()
        job.refresh_from_db()
        self.assertEqual(job.state, Job.State.FAILED)
        self.assertEqual(services.delete_expired(now=timezone.now() + timedelta(days=8)), 1)
        self.assertFalse(Job.objects.filter(pk=job.pk).exists())

    def test_the_page_of_a_stale_job_says_it_failed_and_stops_polling(self):
        job = self.age(self.queued(), minutes_ago=60 * 3, state=Job.State.RUNNING)
        self.client.force_login(self.district_a_officer)
        fragment = self.client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
        self.assertContains(fragment, 'data-state="failed"')
        self.assertContains(fragment, "ไม่เสร็จภายในเวลาที่กำหนด")
        self.assertNotContains(fragment, "hx-get")
        self.assertNotContains(fragment, "hx-trigger")

    def test_a_failed_job_page_does_not_poll(self):
        job = self.queued()
        Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, error="x")
        self.client.force_login(self.district_a_officer)
        page = self.client.get(job.get_absolute_url())
        self.assertNotContains(page, "hx-trigger")


class DuplicateAndLimitTests(JobTestCase):
    def post_bundle(self, dimension=1):
        return self.client.post(
            reverse("documents:evidence-bundle", args=["4301"]),
            {"dimension": dimension, "year": 2566},
        )

    def test_the_same_job_waiting_is_reused_and_a_fourth_is_refused_with_429(self):
        self.client.force_login(self.district_a_officer)
        with self.settings(SAISAAT_JOBS_SYNC=False), self.captureOnCommitCallbacks(execute=True):
            first = self.post_bundle(1)
            again = self.post_bundle(1)
        self.assertEqual(first.status_code, 302)
        self.assertEqual(again["Location"], first["Location"])
        self.assertEqual(Job.objects.count(), 1)
        with self.settings(SAISAAT_JOBS_SYNC=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.post_bundle(2).status_code, 302)
            self.assertEqual(self.post_bundle(3).status_code, 302)
            refused = self.post_bundle(4)
        self.assertEqual(refused.status_code, 429)
        self.assertIn("ท่านมีงานที่รอคิวหรือกำลังทำอยู่แล้ว 3 งาน", refused.content.decode())
        self.assertEqual(Job.objects.count(), 3)
        # Once one is done, another may start; a finished one is not reused.
        Job.objects.filter(parameters__dimension=1).update(state=Job.State.DONE)
        with self.settings(SAISAAT_JOBS_SYNC=False), self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.post_bundle(1).status_code, 302)
        self.assertEqual(Job.objects.filter(parameters__dimension=1).count(), 2)

    @override_settings(SAISAAT_JOB_MAX_ACTIVE=1)
    def test_a_stale_job_does_not_count_against_the_limit(self):
        with self.settings(SAISAAT_JOBS_SYNC=False):
            stuck = self.start()
        Job.objects.filter(pk=stuck.pk).update(
            created_at=timezone.now() - timedelta(days=1), state=Job.State.QUEUED
        )
        fresh = self.start(parameters={"unit": "4301", "year": 2566, "quarter": 3})
        self.assertNotEqual(fresh.pk, stuck.pk)
        stuck.refresh_from_db()
        self.assertEqual(stuck.state, Job.State.FAILED)


class JobOfficeTests(JobTestCase):
    def test_the_job_stays_with_the_office_it_was_started_in(self):
        job = self.start(user=self.provincial_officer)
        self.assertEqual(job.unit_id, self.provincial_officer.unit_id)
        other_admin = make_user("other-admin", self.other_province, role=User.Role.ADMINISTRATOR)
        self.provincial_officer.unit = self.other_province
        self.provincial_officer.save()
        self.client.force_login(other_admin)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 404)
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 200)
        self.client.force_login(self.provincial_officer)
        self.assertEqual(self.client.get(job.get_absolute_url()).status_code, 200)
