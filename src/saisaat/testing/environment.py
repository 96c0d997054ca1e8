"""Loaded by pytest with ``-p`` before Django reads its settings.

The test run needs no secret of its own; production still refuses to start
without one.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("SAISAAT_STATIC_MANIFEST", "false")
# Live-server request threads must not keep connections open past the test run.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
