import pytest

from saisaat.testing.browser import open_browser_page


def pytest_configure(config):
    from django.conf import settings

    # Tests create many accounts; a slow password hash buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def browser_page(monkeypatch):
    yield from open_browser_page(monkeypatch)
