"""Loaded by pytest with ``-p`` before Django reads its settings.

The test run needs no secret of its own; production still refuses to start
without one.
"""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("SAISAAT_STATIC_MANIFEST", "false")
# A fixed, public test key for the personal data encrypted at rest (core.crypto).
os.environ.setdefault("SAISAAT_FIELD_KEYS", "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3Qtc2VjcmV0ISE=")
# Each test process keeps its own cache: rate-limit counts never leak from one test into
# another through a shared table, and cache reads are not counted in query pins. The shared
# backends are tested on their own (core/tests/test_shared_cache.py).
os.environ.setdefault("SAISAAT_CACHE", "locmem")
# Personas sign in with force_login and no second factor; the two-step sign-in tests turn
# the requirement on with override_settings(SAISAAT_REQUIRE_2FA=True).
os.environ.setdefault("SAISAAT_REQUIRE_2FA", "false")
# Live-server request threads must not keep connections open past the test run.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
# Uploaded evidence written by tests goes to a throwaway folder, never the real data folder.
if "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="saisaat-test-media-")
    atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], ignore_errors=True)


def _allow_audit_flush(sender, connection, **kwargs):
    """The test run flushes its throwaway PostgreSQL database between transactional tests,
    which the audit log's guards refuse unless the session says so (audit migration 0004)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET saisaat.audit_flush = 'allow'")


def _connect_audit_flush():
    from django.db.backends.signals import connection_created

    connection_created.connect(_allow_audit_flush, dispatch_uid="saisaat-test-audit-flush")


_connect_audit_flush()

# Background jobs run at once, inside the request that starts them (django-q2's sync mode).
os.environ.setdefault("SAISAAT_JOBS_SYNC", "true")
