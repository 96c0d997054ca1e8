"""Load check for the public complaint form (issue 5).

Starts a local server (or targets one with --base-url), then, bounded in time and in
requests, submits complaints from many concurrent clients while simulated officers
browse the complaint list. Reports the figures, and checks that there were no server
errors and that every accepted complaint (every tracking code handed out) is in the
database afterwards.

    python bench/complaints_load.py                      # SQLite in its own folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/saisaat_load python bench/complaints_load.py

The server it starts runs with SAISAAT_COMPLAINT_RATE_LIMIT=0: every client comes from
127.0.0.1, so the per-address limit would otherwise refuse all but the first few.
Plain Python (threads and http.client); no extra packages.
"""

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
OFFICER = ("load-officer", "load-officer-password-1")


def task_setup():
    """In a child process with Django set up: the province, its channels, an officer."""
    from saisaat.complaints.services import ensure_standard_channels
    from saisaat.orgs.models import Unit, User

    department, _ = Unit.objects.get_or_create(
        code="00", defaults={"kind": "department", "name_th": "กรมการพัฒนาชุมชน"}
    )
    province, _ = Unit.objects.get_or_create(
        code="43",
        defaults={"kind": "province", "name_th": "สพจ.หนองคาย", "parent": department},
    )
    ensure_standard_channels(province)
    user, _ = User.objects.get_or_create(username=OFFICER[0])
    user.set_password(OFFICER[1])
    user.unit, user.role = province, User.Role.APPROVER
    user.save()
    return {"province": province.pk}


def task_count(path=None):
    from saisaat.complaints.models import Complaint

    codes = json.loads(Path(path).read_text()) if path else []
    return {
        "found": Complaint.objects.filter(tracking_code__in=codes).count(),
        "total": Complaint.objects.count(),
    }


def run_task(env, *args):
    """Run a task in a child process that has the server's environment."""
    out = subprocess.run(
        [PYTHON, __file__, "--task", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


class Client:
    """One browser: its own connection and cookies."""

    def __init__(self, base: str, timeout: float):
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The development server closes idle keep-alive connections; reconnect once.
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return response.status, response.getheader("Location", ""), data

    def form_token(self, path):
        status, _location, data = self.request("GET", path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
        return status, match.group(1).decode() if match else ""


def post_form(client, path, fields, token, referer):
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
    return client.request(
        "POST",
        path,
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer},
    )


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.codes: list[str] = []
        self.submit_ms: list[float] = []
        self.page_ms: list[float] = []
        self.list_ms: list[float] = []
        self.errors: list[str] = []
        self.requests = 0

    def record(self, kind, status, started):
        with self.lock:
            self.requests += 1
            self.statuses[status] += 1
            timings = {"submit": self.submit_ms, "list": self.list_ms}.get(kind, self.page_ms)
            timings.append((time.perf_counter() - started) * 1000)


def submitter(base, n, results, deadline, province_pk, timeout):
    client = Client(base, timeout)
    referer = base + "/complaints/new/"
    for i in range(n):
        if time.monotonic() > deadline:
            return
        try:
            started = time.perf_counter()
            status, token = client.form_token("/complaints/new/")
            results.record("browse", status, started)
            fields = {
                "category": ("service", "general", "misconduct")[i % 3],
                "office": province_pk,
                "description": f"ทดสอบภาระงาน เรื่องที่ {i} จากผู้ใช้ {threading.get_ident()}",
                "location": "อำเภอเมืองหนองคาย",
                "identity": "anonymous",
                "website": "",
            }
            started = time.perf_counter()
            status, location, _ = post_form(client, "/complaints/new/", fields, token, referer)
            results.record("submit", status, started)
            if status != 302:
                with results.lock:
                    results.errors.append(f"submit {status}")
                continue
            started = time.perf_counter()
            status, _, data = client.request("GET", urllib.parse.urlsplit(location).path)
            results.record("browse", status, started)
            match = re.search(rb'data-code="([A-Z0-9]+)"', data)
            if match:
                with results.lock:
                    results.codes.append(match.group(1).decode())
            else:
                with results.lock:
                    results.errors.append(f"no code on the sent page ({status})")
        except Exception as error:  # a client-side failure is reported, not hidden
            with results.lock:
                results.errors.append(f"client: {error!r}")


def officer(base, results, stop, deadline, timeout):
    client = Client(base, timeout)
    try:
        _status, token = client.form_token("/accounts/login/")
        status, _, _ = post_form(
            client,
            "/accounts/login/",
            {"username": OFFICER[0], "password": OFFICER[1]},
            token,
            base + "/accounts/login/",
        )
        if status != 302:
            results.errors.append(f"officer login {status}")
            return
        while not stop.is_set() and time.monotonic() < deadline:
            for path in (
                "/complaints/units/43/",
                "/complaints/units/43/?page=2",
                "/complaints/units/43/?status=received",
            ):
                started = time.perf_counter()
                status, _, _ = client.request("GET", path)
                results.record("list", status, started)
                if status != 200:
                    results.errors.append(f"list {status}")
            time.sleep(0.2)
    except Exception as error:
        results.errors.append(f"officer: {error!r}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, capture=True):
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=capture,
        text=True,
    )


def ensure_postgres_database(url):
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    exists = subprocess.run(
        ["psql", server, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", server, "-c", f'CREATE DATABASE "{name}"'], check=True, capture_output=True
        )


def pct(values, p):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--task":
        sys.path.insert(0, str(ROOT / "src"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saisaat.settings")
        import django

        django.setup()
        task = {"setup": task_setup, "count": task_count}[sys.argv[2]]
        print(json.dumps(task(*sys.argv[3:])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=500)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--officers", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=300, help="seconds, whole run")
    parser.add_argument("--base-url", help="an already running server (skips starting one)")
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("SECRET_KEY", "load-check-only")
    env.setdefault("DEBUG", "false")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SAISAAT_STATIC_MANIFEST", "false")
    env["SAISAAT_COMPLAINT_RATE_LIMIT"] = env.get("SAISAAT_COMPLAINT_RATE_LIMIT", "0")
    if not env.get("DATABASE_URL"):
        env.setdefault("SAISAAT_DATA_DIR", str(ROOT / "data" / "complaints-load"))
    elif env["DATABASE_URL"].startswith("postgres"):
        ensure_postgres_database(env["DATABASE_URL"])
    database = env.get("DATABASE_URL") or f"sqlite in {env['SAISAAT_DATA_DIR']}"

    server = None
    base = args.base_url
    log = None
    if base is None:
        manage(env, "migrate", "--noinput")
        province_pk = run_task(env, "setup")["province"]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = tempfile.NamedTemporaryFile("w+", prefix="complaints-load-", suffix=".log")
        server = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.2)
    else:
        province_pk = run_task(env, "setup")["province"]

    results = Results()
    before = run_task(env, "count")["total"]
    deadline = time.monotonic() + args.time_limit
    stop = threading.Event()
    per_client = [args.complaints // args.clients] * args.clients
    for i in range(args.complaints % args.clients):
        per_client[i] += 1
    started = time.perf_counter()
    officers = [
        threading.Thread(target=officer, args=(base, results, stop, deadline, 60))
        for _ in range(args.officers)
    ]
    clients = [
        threading.Thread(target=submitter, args=(base, n, results, deadline, province_pk, 60))
        for n in per_client
    ]
    for thread in officers + clients:
        thread.start()
    for thread in clients:
        thread.join()
    stop.set()
    for thread in officers:
        thread.join()
    elapsed = time.perf_counter() - started

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(results.codes, handle)
    counts = run_task(env, "count", handle.name)
    os.unlink(handle.name)
    if server is not None:
        server.terminate()
        server.wait(10)
        log.seek(0)
        tracebacks = log.read().count("Traceback")
        log.close()
    else:
        tracebacks = None

    server_errors = sum(n for status, n in results.statuses.items() if status >= 500)
    report = {
        "database": database,
        "complaints_asked": args.complaints,
        "clients": args.clients,
        "officers": args.officers,
        "seconds": round(elapsed, 1),
        "requests": results.requests,
        "statuses": dict(sorted(results.statuses.items())),
        "server_errors": server_errors,
        "server_tracebacks": tracebacks,
        "accepted_codes": len(results.codes),
        "distinct_codes": len(set(results.codes)),
        "codes_found_in_database": counts["found"],
        "new_rows_in_database": counts["total"] - before,
        "submit_ms_p50": round(statistics.median(results.submit_ms or [0]), 1),
        "submit_ms_p95": round(pct(results.submit_ms, 95), 1),
        "officer_list_ms_p50": round(statistics.median(results.list_ms or [0]), 1),
        "officer_list_ms_p95": round(pct(results.list_ms, 95), 1),
        "officer_list_requests": len(results.list_ms),
        "form_and_sent_page_ms_p50": round(statistics.median(results.page_ms or [0]), 1),
        "submissions_per_second": round(len(results.codes) / elapsed, 1),
        "client_errors": Counter(results.errors).most_common(5),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    ok = (
        server_errors == 0
        and not tracebacks
        and len(results.codes) == args.complaints
        and counts["found"] == len(set(results.codes)) == len(results.codes)
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
