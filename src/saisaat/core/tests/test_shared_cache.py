"""The shared cache behind the rate limits: the database table by default, Redis when
REDIS_URL is set. Each is checked by reading what one worker counted from another
connection, as a second gunicorn worker or machine would."""

import shutil
import socket
import subprocess
import tempfile
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import RequestFactory, SimpleTestCase, TestCase, override_settings

from saisaat.core import ratelimit
from saisaat.settings import DATABASE_CACHE_TABLE, cache_settings


def visitor(address="203.0.113.9"):
    return RequestFactory().post("/complaints/new/", REMOTE_ADDR=address)


class CacheSettingsTests(SimpleTestCase):
    def test_it_uses_redis_when_a_url_is_given(self):
        config = cache_settings("redis", "redis://cache.internal:6379/1")
        self.assertEqual(config["BACKEND"], "django.core.cache.backends.redis.RedisCache")
        self.assertEqual(config["LOCATION"], "redis://cache.internal:6379/1")

    def test_it_refuses_redis_without_a_url_and_unknown_backends(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "needs REDIS_URL"):
            cache_settings("redis", "")
        with self.assertRaisesMessage(ImproperlyConfigured, "SAISAAT_CACHE must be"):
            cache_settings("memcached", "")


DATABASE_CACHE = {"default": cache_settings("database", "")}


@override_settings(CACHES=DATABASE_CACHE)
class DatabaseCacheTests(TestCase):
    def test_the_cache_table_exists_after_migrate(self):
        self.assertIn(DATABASE_CACHE_TABLE, connection.introspection.table_names())

    def test_it_keeps_rate_limit_counts_in_the_database_for_every_worker(self):
        request = visitor()
        for _ in range(3):
            ratelimit.count("complaint", request, 3, window=600)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key FROM {DATABASE_CACHE_TABLE}")
            keys = [row[0] for row in cursor.fetchall()]
        self.assertEqual(len([key for key in keys if "rate:complaint:" in key]), 1)
        self.assertTrue(ratelimit.is_limited("complaint", request, 3))
        self.assertFalse(ratelimit.is_limited("complaint", visitor("203.0.113.10"), 3))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url():
    server_binary = shutil.which("redis-server")
    if not server_binary:
        pytest.skip("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        server = subprocess.Popen(
            [server_binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
            cwd=workdir,
            stdout=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("redis-server did not start")
                    time.sleep(0.1)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_it_keeps_rate_limit_counts_in_redis_for_every_worker(redis_url):
    import redis

    with override_settings(CACHES={"default": cache_settings("redis", redis_url)}):
        request = visitor()
        for _ in range(2):
            ratelimit.count("survey", request, 2, window=600)
        assert ratelimit.is_limited("survey", request, 2)
        # Another process's view of the same Redis: one key, counted twice, expiring.
        other = redis.Redis.from_url(redis_url)
        keys = other.keys("saisaat:*rate:survey:*")
        assert len(keys) == 1
        assert int(other.get(keys[0])) == 2
        assert 0 < other.ttl(keys[0]) <= 600


def settings_seen_with(**environment) -> dict:
    """CACHES and SESSION_ENGINE as a fresh process reads them from its environment."""
    import json
    import os
    import sys

    env = {key: value for key, value in os.environ.items() if key not in ("SAISAAT_CACHE",)}
    env.pop("REDIS_URL", None)
    env.update(environment)
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]))"
    )
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "saisaat.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_without_redis_the_cache_is_the_database_and_sessions_stay_there():
    backend, sessions = settings_seen_with()
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert sessions == "django.contrib.sessions.backends.db"


def test_with_redis_sessions_are_read_from_it_and_written_through():
    backend, sessions = settings_seen_with(REDIS_URL="redis://cache.internal:6379/0")
    assert backend == "django.core.cache.backends.redis.RedisCache"
    assert sessions == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_a_signed_in_session_is_kept_in_redis_and_in_the_database(redis_url, client):
    import redis
    from django.contrib.sessions.models import Session

    from saisaat.orgs.models import User

    user = User.objects.create_user(username="redis-session", password="x-unused-x")
    with override_settings(
        CACHES={"default": cache_settings("redis", redis_url)},
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        client.force_login(user)
        key = client.cookies["sessionid"].value
        assert redis.Redis.from_url(redis_url).keys(f"saisaat:*{key}")
        assert Session.objects.filter(session_key=key).exists()
