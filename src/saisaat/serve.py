"""``make serve``: the production start in one command.

Checks the environment, brings the database up to date (``migrate``, which also creates
the database cache table), collects the static files, then replaces itself with gunicorn on
``HOST:PORT``. Run it as ``python -m saisaat.serve``.

Environment (all optional except the first two):
  SECRET_KEY, ALLOWED_HOSTS  required; the start is refused without them
  HOST, PORT                 where to listen (127.0.0.1:8000)
  WEB_CONCURRENCY            gunicorn worker processes (2 x cores + 1, at most 9)
  GUNICORN_THREADS           threads per worker (4)
  GUNICORN_TIMEOUT           seconds before a stuck request's worker is restarted (60)
  FORWARDED_ALLOW_IPS        addresses of the reverse proxy whose X-Forwarded-* to trust
  GUNICORN_CMD_ARGS          any further gunicorn options, read by gunicorn itself
"""

import os
import sys

REQUIRED = {
    "SECRET_KEY": (
        "ต้องตั้งค่า SECRET_KEY (สตริงสุ่มที่ยาวและเป็นความลับ) ก่อนเปิดระบบจริง",
        "SECRET_KEY must be set (a long, random, secret string) to serve in production",
    ),
    "ALLOWED_HOSTS": (
        "ต้องตั้งค่า ALLOWED_HOSTS (ชื่อโดเมนหรือที่อยู่ของเครื่อง คั่นด้วยจุลภาค)",
        "ALLOWED_HOSTS must be set (the site's host names or addresses, comma-separated)",
    ),
}


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(
            f"{name} ต้องเป็นจำนวนเต็มบวก / {name} must be a positive integer, got {value!r}"
        )
    return int(value)


def missing_settings(environ=os.environ) -> list[str]:
    return [name for name in REQUIRED if not environ.get(name, "").strip()]


def gunicorn_arguments(environ=os.environ) -> list[str]:
    host = environ.get("HOST", "").strip() or "127.0.0.1"
    port = environ.get("PORT", "").strip() or "8000"
    workers = positive_int("WEB_CONCURRENCY", min(2 * usable_cores() + 1, 9))
    threads = positive_int("GUNICORN_THREADS", 4)
    timeout = positive_int("GUNICORN_TIMEOUT", 60)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        "saisaat.wsgi:application",
        f"--bind={bind}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",
        f"--timeout={timeout}",
        "--access-logfile=-",
        "--error-logfile=-",
    ]


def main() -> None:
    missing = missing_settings()
    if missing:
        for name in missing:
            thai, english = REQUIRED[name]
            print(f"{thai}\n{english}", file=sys.stderr)
        print(
            "ตัวอย่าง / example: SECRET_KEY=... ALLOWED_HOSTS=saisaat.example.go.th make serve",
            file=sys.stderr,
        )
        raise SystemExit(2)
    arguments = gunicorn_arguments()  # bad numbers fail before the database is touched

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saisaat.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    call_command("collectstatic", interactive=False, verbosity=1)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "gunicorn", *arguments])


if __name__ == "__main__":
    main()
