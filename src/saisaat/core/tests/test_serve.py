"""`make serve` (``python -m saisaat.serve``): the production start, with DEBUG off."""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.test import SimpleTestCase, TestCase, override_settings

from saisaat.serve import gunicorn_arguments


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(data_dir: Path, **extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "MEDIA_ROOT", "SAISAAT_STATIC_MANIFEST", "SECRET_KEY")
    }
    env.update(
        DEBUG="false",
        SAISAAT_DATA_DIR=str(data_dir),
        STATIC_ROOT=str(data_dir / "static"),
        DJANGO_SETTINGS_MODULE="saisaat.settings",
        **extra,
    )
    return env


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class ServeRefusalTests(SimpleTestCase):
    def test_it_refuses_to_start_without_a_secret_key_or_allowed_hosts(self):
        with tempfile.TemporaryDirectory() as data_dir:
            env = production_environment(Path(data_dir))
            env.pop("ALLOWED_HOSTS", None)
            result = subprocess.run(
                [sys.executable, "-m", "saisaat.serve"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            self.assertEqual(result.returncode, 2)
            self.assertIn("ต้องตั้งค่า SECRET_KEY", result.stderr)
            self.assertIn("SECRET_KEY must be set", result.stderr)
            self.assertIn("ALLOWED_HOSTS must be set", result.stderr)
            # Refused before anything was done: no database was created.
            self.assertFalse((Path(data_dir) / "saisaat.sqlite3").exists())

    def test_it_refuses_a_worker_count_that_is_not_a_positive_number(self):
        env = {"WEB_CONCURRENCY": "many"}
        with self.assertRaisesMessage(SystemExit, "WEB_CONCURRENCY must be a positive integer"):
            with _environ(env):
                gunicorn_arguments()

    def test_it_takes_workers_threads_and_the_address_from_the_environment(self):
        with _environ({"WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "7", "HOST": "0.0.0.0"}):
            arguments = gunicorn_arguments()
        self.assertIn("--workers=3", arguments)
        self.assertIn("--threads=7", arguments)
        self.assertIn("--bind=0.0.0.0:8000", arguments)


class _environ:
    def __init__(self, values):
        self.values = values

    def __enter__(self):
        self.saved = {key: os.environ.get(key) for key in self.values}
        os.environ.update(self.values)

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class ServeTests(SimpleTestCase):
    def test_it_serves_the_login_page_and_its_static_files_with_debug_off(self):
        port = free_port()
        with tempfile.TemporaryDirectory() as data_dir:
            env = production_environment(
                Path(data_dir),
                SECRET_KEY="serve-test-not-secret",
                ALLOWED_HOSTS="127.0.0.1",
                PORT=str(port),
                WEB_CONCURRENCY="1",
                GUNICORN_THREADS="2",
            )
            log = open(Path(data_dir) / "serve.log", "w+")
            server = subprocess.Popen(
                [sys.executable, "-m", "saisaat.serve"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                base = f"http://127.0.0.1:{port}"
                deadline = time.monotonic() + 120
                while True:
                    try:
                        status, body, _ = fetch(f"{base}/accounts/login/")
                        break
                    except (urllib.error.URLError, ConnectionError):
                        if server.poll() is not None or time.monotonic() > deadline:
                            log.seek(0)
                            self.fail(f"make serve did not come up:\n{log.read()[-3000:]}")
                        time.sleep(0.5)
                self.assertEqual(status, 200)
                page = body.decode()
                self.assertIn('name="password"', page)
                # collectstatic ran: the script has a hashed, cacheable name.
                script = re.search(r'src="(/static/saisaat/js/htmx\.min\.\w+\.js)"', page)
                self.assertIsNotNone(script, page[:2000])
                status, body, headers = fetch(base + script.group(1))
                self.assertEqual(status, 200)
                self.assertIn("immutable", headers["Cache-Control"])
                source = Path(__file__).resolve().parents[2] / "static/saisaat/js/htmx.min.js"
                self.assertEqual(body, source.read_bytes())
                # DEBUG is off: an unknown page is a plain 404, not Django's debug page.
                status, body, _ = fetch(f"{base}/no-such-page/")
                self.assertEqual(status, 404)
                self.assertNotIn(b"URLconf", body)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
                log.close()


class MissingCollectstaticTests(TestCase):
    """A start that skipped `collectstatic` still renders every page (the 500 of old)."""

    def test_it_renders_the_login_page_with_unhashed_static_urls(self):
        with tempfile.TemporaryDirectory() as empty_static_root:
            storages = {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "saisaat.core.staticfiles.ForgivingManifestStaticFilesStorage"
                },
            }
            with override_settings(STORAGES=storages, STATIC_ROOT=empty_static_root):
                response = self.client.get("/accounts/login/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'href="/static/saisaat/css/saisaat.css"')

    def test_the_plain_manifest_storage_would_have_failed(self):
        with tempfile.TemporaryDirectory() as empty_static_root:
            storages = {
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {
                    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                },
            }
            with override_settings(STORAGES=storages, STATIC_ROOT=empty_static_root):
                with self.assertRaisesMessage(ValueError, "Missing staticfiles manifest"):
                    self.client.get("/accounts/login/")
