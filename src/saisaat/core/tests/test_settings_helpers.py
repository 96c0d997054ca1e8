import pytest
from django.core.exceptions import ImproperlyConfigured

from saisaat.settings import envbool, envint, envlist


def test_it_reads_booleans(monkeypatch):
    for raw, expected in [("true", True), ("1", True), ("off", False), ("", False)]:
        monkeypatch.setenv("SAISAAT_TEST_FLAG", raw)
        assert envbool("SAISAAT_TEST_FLAG", "false") is expected


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("SAISAAT_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SAISAAT_TEST_FLAG"):
        envbool("SAISAAT_TEST_FLAG", "false")


def test_it_refuses_an_integer_it_cannot_read(monkeypatch):
    monkeypatch.setenv("SAISAAT_TEST_NUMBER", "twenty")
    with pytest.raises(ImproperlyConfigured, match="SAISAAT_TEST_NUMBER"):
        envint("SAISAAT_TEST_NUMBER", "1")


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("SAISAAT_TEST_LIST", "a.example, b.example,,")
    assert envlist("SAISAAT_TEST_LIST", "") == ["a.example", "b.example"]


def test_it_refuses_to_start_without_a_secret_in_production():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import saisaat.settings"],
        env={"DEBUG": "false", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
