"""Production defaults: `check --deploy` is clean with SAISAAT_HTTPS=true, every page sends a
Content-Security-Policy, and personal pages are never stored by a browser or proxy."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import override_settings
from django.urls import reverse

from saisaat.testing.base import PersonaTestCase

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"


def run_deploy_check(**extra_env) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("SAISAAT_", "SESSION_", "DEBUG", "DATABASE_URL"))
        }
        env.update(
            DEBUG="false",
            SECRET_KEY="prod-" + "k7Qz9vX2mW4pL8sR1tY6uB3nC5dF0gH" * 2,
            ALLOWED_HOSTS="saisaat.example.go.th",
            SAISAAT_DATA_DIR=data_dir,
            SAISAAT_FIELD_KEYS="cHJvZC10ZXN0LWZpZWxkLWtleS0zMi1ieXRlcy1vayE=",
        )
        env.update(extra_env)
        return subprocess.run(
            [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def test_check_deploy_reports_no_issue_with_https_on():
    result = run_deploy_check(SAISAAT_HTTPS="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_warns_without_field_keys_of_their_own():
    # The deploy check (failing on warnings) names it; the start still goes on, with a key
    # derived from SECRET_KEY.
    result = run_deploy_check(SAISAAT_HTTPS="true", SAISAAT_FIELD_KEYS="")
    assert result.returncode != 0
    assert "saisaat.W001" in result.stderr + result.stdout
    assert "ไม่ได้กำหนด SAISAAT_FIELD_KEYS" in result.stderr + result.stdout
    assert "saisaat.E" not in result.stderr + result.stdout


def test_check_refuses_a_field_key_that_is_not_a_fernet_key():
    result = run_deploy_check(SAISAAT_HTTPS="true", SAISAAT_FIELD_KEYS="not-a-key")
    assert result.returncode != 0
    assert "saisaat.E002" in result.stderr + result.stdout


def test_check_deploy_warns_about_cookies_and_hsts_without_https():
    result = run_deploy_check()
    assert result.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in result.stderr + result.stdout, warning


class ResponseHeaderTests(PersonaTestCase):
    load_plan = False

    def test_every_page_forbids_inline_script(self):
        response = self.client.get(reverse("login"))
        policy = response["Content-Security-Policy"]
        script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
        self.assertEqual(script_src.split(), ["script-src", "'self'"])
        self.assertIn("object-src 'none'", policy)
        self.assertIn("frame-ancestors 'none'", policy)

    def test_templates_carry_no_inline_script_or_handler(self):
        import re

        templates = Path(__file__).resolve().parents[2] / "templates"
        offenders = []
        for path in templates.rglob("*.html"):
            text = path.read_text()
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(
                r"\son[a-z]+\s*=", text
            ):
                offenders.append(path.name)
        self.assertEqual(offenders, [])

    def test_complaint_and_staff_pages_are_not_stored(self):
        self.login(self.provincial_officer)
        for url in (
            reverse("complaints:unit-list", args=[self.province.code]),
            reverse("participation:staff-list", args=[self.province.code]),
            reverse("tracking:my-work"),
        ):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("no-store", response["Cache-Control"], url)

    def test_the_public_complaint_pages_are_not_stored_either(self):
        response = self.client.get(reverse("complaints:track"))
        self.assertIn("no-store", response["Cache-Control"])

    @override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
    def test_cookies_are_secure_when_told(self):
        response = self.client.get(reverse("login"))
        self.assertTrue(response.cookies["csrftoken"]["secure"])
