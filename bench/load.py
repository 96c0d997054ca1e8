"""The department-scale load run in one command (issue 17): data, server, locust, count.

    python bench/load.py --users 250 --run-time 3m          # the full run (`make load`)
    python bench/load.py --users 20 --run-time 30s --provinces 3

1. Brings the database (DATABASE_URL, PostgreSQL) up to date and generates the national
   data set there if it has none (`generate_national --provinces N`); then opens the
   complaint channels of every provincial office and one satisfaction survey per province
   (once; bench data, never run against a live database).
2. Starts `python -m saisaat.serve` (what `make serve` runs: gunicorn, DEBUG off) on
   127.0.0.1:PORT with WEB_CONCURRENCY/GUNICORN_THREADS from --workers/--threads, and the
   per-address limits off (every simulated citizen comes from 127.0.0.1). With
   `--server dev` it starts Django's development server instead (`runserver`, one process,
   a thread per request, as `make run` does) with the same settings, for comparison; DEBUG
   stays off there too (`--insecure` serves the static files), so the two runs differ only
   in the server.
3. Runs locust headless (`bench/locustfile.py`, `pip install -e '.[bench]'`) for the given
   time with the given users (4 officers to 1 citizen), ramping up at --spawn-rate.
4. Stops the server, then looks in the database for the mark of this run that every
   submission carries in its text (evidence title, complaint description, survey comment)
   and compares the marks found with those locust was told were saved: one told "saved"
   that the database does not hold is lost; one saved without locust seeing the answer is
   counted apart, so neither can hide the other.

Prints p50/p95 (ms) and requests per second per page, and exits 1 when a submission was
lost, the server answered 5xx, a request got no answer at all (refused, reset, timed out)
or the scenario itself raised an error (counted by locust's event hooks to its very end,
not read from its CSV files, which miss the last moments). Only the loopback
address is ever targeted.
"""

import argparse
import csv
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


# -- tasks run in a child process with Django set up -------------------------------------


def task_prepare(provinces: str):
    """Channels and surveys for the run, and who signs in; returns the locust targets."""
    from django.db.models import Q

    from saisaat.complaints.services import ensure_standard_channels
    from saisaat.demo.national import PASSWORD
    from saisaat.orgs.models import Unit, User
    from saisaat.plans.models import Plan
    from saisaat.surveys import services as surveys
    from saisaat.surveys.catalog import SERVICE
    from saisaat.surveys.models import Survey

    offices = list(Unit.objects.provinces().filter(code__startswith="9").order_by("code"))
    if not offices:
        return {"error": "no national data set"}
    limit = int(provinces)
    offices = offices[:limit] if limit else offices
    tokens = []
    for office in offices:
        ensure_standard_channels(office)
        survey = Survey.objects.filter(unit=office, is_open=True).first()
        if survey is None:
            year = Plan.objects.filter(owner_unit=office).order_by("-fiscal_year").first()
            survey = surveys.create_from_template(SERVICE, office, year.fiscal_year)
            surveys.set_open(survey, True)
        tokens.append(survey.public_token)
    officers = (
        User.objects.filter(
            Q(unit__in=offices) | Q(unit__parent__in=offices),
            username__startswith="nat-",
            role=User.Role.OFFICER,
            is_active=True,
        )
        .select_related("unit")
        .order_by("username")
    )
    return {
        "officers": [
            {
                "username": user.username,
                "unit": user.unit.code,
                "province": user.unit.code
                if user.unit.kind == Unit.Kind.PROVINCE
                else user.unit.parent.code,
            }
            for user in officers
        ],
        "password": PASSWORD,
        "offices": [office.pk for office in offices],
        "surveys": tokens,
    }


def task_count(run: str):
    """The marks of this run found in the database, per kind of submission."""
    import re

    from saisaat.complaints.models import Complaint
    from saisaat.surveys.models import Answer
    from saisaat.tracking.models import EvidenceItem

    prefix = f"LT{run}-"
    mark = re.compile(re.escape(prefix) + r"[a-z]\d+")
    texts = {
        "evidence": EvidenceItem.objects.filter(title__contains=prefix).values_list(
            "title", flat=True
        ),
        "complaint": Complaint.objects.filter(description__contains=prefix).values_list(
            "description", flat=True
        ),
        "survey": Answer.objects.filter(text__contains=prefix).values_list("text", flat=True),
    }
    return {
        kind: sorted({m for t in found for m in mark.findall(t)}) for kind, found in texts.items()
    }


def task_has_data():
    from saisaat.orgs.models import Unit

    return {"has_data": Unit.objects.filter(code="901").exists()}


TASKS = {"prepare": task_prepare, "count": task_count, "has_data": task_has_data}


def run_task(env, *args):
    out = subprocess.run(
        [PYTHON, __file__, "--task", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, check=True)


# -- the run -----------------------------------------------------------------------------


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer {url} within {seconds:.0f} s")


def read_stats(prefix: str) -> list[dict]:
    if not Path(f"{prefix}_stats.csv").exists():
        raise SystemExit("locust wrote no statistics: it did not run (see above)")
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def read_failures(prefix: str) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as failures:
        return list(csv.DictReader(failures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=250, help="simulated users (4:1)")
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started a second")
    parser.add_argument("--run-time", default="3m", help="locust's --run-time, e.g. 30s, 3m")
    parser.add_argument("--provinces", type=int, default=76, help="national data set size")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--port", type=int, default=8179)
    parser.add_argument(
        "--server",
        choices=("serve", "dev"),
        default="serve",
        help="serve: gunicorn as `make serve` runs it; dev: the development server",
    )
    parser.add_argument("--task", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.task:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saisaat.settings")
        sys.path.insert(0, str(ROOT / "src"))
        django.setup()
        print(json.dumps(TASKS[options.task[0]](*options.task[1:])))
        return

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database of its own for the run")
    if shutil.which("locust", path=str(Path(PYTHON).parent)) is None:
        raise SystemExit("locust is not installed: pip install -e '.[bench]'")
    env = {
        **os.environ,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-only-not-secret"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "SAISAAT_REQUIRE_2FA": "false",
        "SAISAAT_COMPLAINT_RATE_LIMIT": "0",
        "SAISAAT_SURVEY_RESPONSES_PER_ADDRESS": "0",
        "SAISAAT_LOGIN_FAILURES_PER_ADDRESS": "100000",
        "SAISAAT_STATIC_MANIFEST": "false",
        "HOST": "127.0.0.1",
        "PORT": str(options.port),
        "WEB_CONCURRENCY": str(options.workers),
        "GUNICORN_THREADS": str(options.threads),
    }
    manage(env, "migrate", "--noinput", "-v", "0")
    if not run_task(env, "has_data")["has_data"]:
        manage(env, "generate_national", "--provinces", str(options.provinces))
    targets = run_task(env, "prepare", str(options.provinces))
    if "error" in targets:
        raise SystemExit(targets["error"])
    work = Path(tempfile.mkdtemp(prefix="saisaat-load-"))
    (work / "targets.json").write_text(json.dumps(targets), encoding="utf-8")
    run = secrets.token_hex(4)

    base = f"http://127.0.0.1:{options.port}"
    server_log = open(work / "server.log", "w")  # noqa: SIM115 (closed at the end)
    if options.server == "dev":
        # As `make run` starts it: a thread per request, so no kept-open connections.
        env["DATABASE_CONN_MAX_AGE"] = "0"
        command = [
            PYTHON,
            "manage.py",
            "runserver",
            "--noreload",
            "--insecure",
            f"127.0.0.1:{options.port}",
        ]
        server_name = "development server (runserver)"
    else:
        command = [PYTHON, "-m", "saisaat.serve"]
        server_name = f"gunicorn {options.workers} workers x {options.threads} threads"
    server = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(f"{base}/accounts/login/", 120)
        started = time.monotonic()
        subprocess.run(
            [
                str(Path(PYTHON).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(options.users),
                "--spawn-rate",
                str(options.spawn_rate),
                "--run-time",
                options.run_time,
                "--stop-timeout",
                "30",
                "--host",
                base,
                "--csv",
                str(work / "locust"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **os.environ,
                "SAISAAT_LOAD_TARGETS": str(work / "targets.json"),
                "SAISAAT_LOAD_OUTCOME": str(work / "outcome.json"),
                "SAISAAT_LOAD_RUN": run,
            },
            cwd=ROOT,
            check=False,
        )
        elapsed = time.monotonic() - started
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            print(f"the server had already stopped: see {work / 'server.log'}")
        server.wait(timeout=60)
        server_log.close()
    in_database = run_task(env, "count", run)

    rows = read_stats(str(work / "locust"))
    print(f"\n== {options.users} users, {options.run_time}, {len(targets['officers'])} officer")
    print(f"   accounts, {server_name} ==")
    print(f"{'page':<22}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}")
    for row in rows:
        print(
            f"{row['Name']:<22}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{row['50%']:>9}{row['95%']:>9}{float(row['Requests/s']):>8.1f}"
        )
    by_name = {row["Name"]: row for row in rows}
    outcome_file = work / "outcome.json"
    if not outcome_file.exists():
        raise SystemExit("locust did not write the run's outcome: see above")
    outcome = json.loads(outcome_file.read_text(encoding="utf-8"))
    lost = False
    print("\nsubmissions: told saved (a redirect after the POST) vs. found in the database")
    for kind in ("evidence", "complaint", "survey"):
        told = set(outcome["saved"][kind])
        found = set(in_database[kind])
        # Told "saved" but not in the database: lost. In the database but never told: the
        # server saved it after locust had given up waiting (its stop timeout, a dropped
        # connection): not a loss, but counted apart so one cannot hide the other.
        missing, unanswered = told - found, found - told
        verdict = f"LOST {len(missing)}" if missing else "ok"
        if unanswered:
            verdict += f", {len(unanswered)} saved without locust seeing the answer"
        lost = lost or bool(missing)
        print(f"  {kind:<10} told saved {len(told):>6}   found {len(found):>6}   {verdict}")
        for mark in sorted(missing)[:10]:
            print(f"    lost: {mark}")
    failures = read_failures(str(work / "locust"))
    for failure in failures:
        print(
            f"  failure: {failure['Method']} {failure['Name']}: {failure['Error']} "
            f"x{failure['Occurrences']}"
        )
    no_answer = {
        kind: len(set(outcome["attempted"][kind]) - set(outcome["answered"][kind]))
        for kind in outcome["attempted"]
    }
    problems = {
        # A run that never submitted one kind has not tested it (no survey open, no open
        # assignment, officers signed out): not a pass.
        "kinds of submission never tried": {
            kind: 1 for kind, marks in outcome["attempted"].items() if not marks
        },
        "pages and submissions refused (3xx/4xx: not shown, not saved)": outcome["refused"],
        "submissions with no answer (given up on, or cut off at the stop)": {
            kind: count for kind, count in no_answer.items() if count
        },
        "server errors (5xx)": outcome["server_errors"],
        "requests with no answer (connection refused, reset, timed out)": outcome[
            "connection_errors"
        ],
        "errors inside the scenario (e.g. an officer who could not sign in)": outcome[
            "scenario_errors"
        ],
    }
    for title, counts in problems.items():
        if counts:
            print(f"\n{title}: {sum(counts.values())}")
            for what, count in sorted(counts.items(), key=lambda item: -item[1])[:10]:
                print(f"  {what} x{count}")
    total = by_name.get("Aggregated", {})
    print(f"\nelapsed {elapsed:.0f} s; files in {work}")
    print(f"total requests/s {float(total.get('Requests/s', 0)):.1f}")
    if lost or any(problems.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
