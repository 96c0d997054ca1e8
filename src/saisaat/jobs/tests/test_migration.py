"""jobs 0002: a job made before it gets its owner's office."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase

from saisaat.jobs.models import Job
from saisaat.orgs.models import Unit
from saisaat.testing.base import make_unit, make_user


class JobUnitMigrationTests(TransactionTestCase):
    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def test_old_jobs_get_their_owners_office(self):
        department = make_unit("00", Unit.Kind.DEPARTMENT, "กรม")
        province = make_unit("43", Unit.Kind.PROVINCE, "จังหวัด", department)
        officer = make_user("officer", province)
        try:
            old = self.migrate([("jobs", "0001_job")])
            OldJob = old.get_model("jobs", "Job")
            pk = OldJob.objects.create(owner_id=officer.pk, kind="k", title="t").pk
            self.migrate([("jobs", "0002_job_unit")])
        finally:
            executor = MigrationExecutor(connection)
            executor.loader.build_graph()
            executor.migrate(executor.loader.graph.leaf_nodes())
        self.assertEqual(Job.objects.get(pk=pk).unit_id, province.pk)
