"""Time the dashboards on a database filled by ``manage.py generate_national``.

Run from the project root, e.g. ``.venv/bin/python bench/dashboard.py`` (SQLite under
SAISAAT_DATA_DIR) or with DATABASE_URL set for PostgreSQL. Requests go through Django's
test client in this process, so the figures are the application's own time: routing,
session, queries and templates, without a web server or network.

For each page (province dashboard, department view, an officer's "my work") it makes a
few warm-up requests, then times N more and reports p50/p95 in milliseconds and the
number of queries of one request. It also times the bare aggregate SQL behind the two
dashboards, so the page/SQL ratio shows how much the page adds on top of the database.
The last line of output is one JSON object with every figure.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
import warnings

os.environ["DJANGO_SETTINGS_MODULE"] = "saisaat.settings"
# Production-like: no debug cursor, no debug-only code paths.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
os.environ["SAISAAT_STATIC_MANIFEST"] = "false"
os.environ["ALLOWED_HOSTS"] = "testserver"
# The pages are measured, not the sign-in: the bench's accounts have no second factor.
os.environ["SAISAAT_REQUIRE_2FA"] = "false"

import django  # noqa: E402

# WhiteNoise notes that collectstatic has not run; static files are not benchmarked.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from saisaat.demo.national import FIRST_PROVINCE_CODE  # noqa: E402
from saisaat.orgs.models import Unit, User  # noqa: E402
from saisaat.plans.models import Plan  # noqa: E402
from saisaat.tracking.dashboard import progress_counts  # noqa: E402
from saisaat.tracking.models import Assignment, EvidenceItem  # noqa: E402

HOW_TO_GENERATE = (
    "No generated data set on this database. Generate it first, with the same "
    "DATABASE_URL / SAISAAT_DATA_DIR:\n"
    "  python manage.py migrate\n"
    "  python manage.py generate_national --provinces 76 --districts-per-province 11.5\n"
    "or run `make bench`, which does both."
)
DEPARTMENT_USERNAME = "bench-department"


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``fraction`` of the
    samples at or below it (p95 of 30 samples is the 29th smallest)."""
    ordered = sorted(samples)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def summary(samples: list[float]) -> dict:
    return {
        "p50": round(statistics.median(samples), 2),
        "p95": round(percentile(samples, 0.95), 2),
    }


def time_page(client: Client, url: str, warmup: int, repeat: int) -> dict:
    for _ in range(warmup):
        check(client.get(url), url)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        check(response, url)
    with CaptureQueriesContext(connection) as queries:
        check(client.get(url), url)
    statements = [query["sql"] for query in queries.captured_queries]
    return {
        **summary(samples),
        "queries": len(statements),
        "page_sql": time_statements(statements, warmup, repeat),
    }


def time_statements(statements: list[str], warmup: int, repeat: int) -> dict:
    """Every query one request of the page ran, re-run bare (the logged SQL has its
    parameters quoted in): what the page costs the database, nothing of Django."""
    samples = []
    with connection.cursor() as cursor:
        for index in range(warmup + repeat):
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
            if index >= warmup:
                samples.append((time.perf_counter() - started) * 1000)
    return summary(samples)


def check(response, url: str) -> None:
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}")


def time_sql(queryset, warmup: int, repeat: int) -> dict:
    # str(queryset.query) does not quote parameters; the compiled SQL with its own
    # parameters is exactly what the ORM sends.
    sql, params = queryset.query.sql_with_params()
    samples = []
    with connection.cursor() as cursor:
        for index in range(warmup + repeat):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            if index >= warmup:
                samples.append((time.perf_counter() - started) * 1000)
    return summary(samples)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def department_user() -> User:
    department = Unit.objects.get(code="00")
    user = User.objects.filter(unit=department, role=User.Role.ADMINISTRATOR).first()
    if user is None:
        user, _ = User.objects.get_or_create(
            username=DEPARTMENT_USERNAME,
            defaults={"unit": department, "role": User.Role.ADMINISTRATOR},
        )
    return user


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--province", default=FIRST_PROVINCE_CODE, help="province code")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--year",
        type=int,
        help="fiscal year to show (Buddhist era; default the latest): an old year of a "
        "several-year data set must read as fast as the current one",
    )
    args = parser.parse_args()

    province = Unit.objects.provinces().filter(code=args.province).first()
    plans = Plan.objects.filter(owner_unit=province).order_by("-fiscal_year")
    if args.year:
        plans = plans.filter(fiscal_year=args.year)
    plan = plans.first()
    if province is not None and plan is None and args.year:
        print(f"Province {province.code} has no plan for {args.year}.", file=sys.stderr)
        return 2
    if province is None or plan is None:
        print(HOW_TO_GENERATE, file=sys.stderr)
        return 2
    approver = User.objects.get(unit=province, role=User.Role.APPROVER, work_group=None)
    district = province.children.order_by("code").first()
    officer = User.objects.filter(unit=district, role=User.Role.OFFICER).order_by("pk").first()
    if district is None or officer is None:
        print(f"Province {province.code} has no district officer to time.", file=sys.stderr)
        return 2

    today = timezone.localdate()
    # Without --year the dashboards show their default: the latest fiscal year with a plan.
    year = plan.fiscal_year
    asked = f"?year={year}" if args.year else ""
    pages = {
        "province": (
            logged_in(approver),
            reverse("tracking:province-dashboard", args=[province.code]) + asked,
        ),
        "department": (logged_in(department_user()), reverse("tracking:department") + asked),
        # My work lists what is owed in every year: it has no year to ask for.
        "my_work": (logged_in(officer), reverse("tracking:my-work")),
    }
    results = {
        name: time_page(client, url, args.warmup, args.requests)
        for name, (client, url) in pages.items()
    }
    current = Assignment.objects.current()
    sql = {
        "province": time_sql(
            progress_counts(current.filter(plan=plan), today, ["dimension_number", "unit_id"]),
            args.warmup,
            args.requests,
        ),
        "department": time_sql(
            progress_counts(
                current.filter(plan__fiscal_year=year), today, ["dimension_number", "province_id"]
            ),
            args.warmup,
            args.requests,
        ),
    }

    report = {
        "database": connection.vendor,
        "fiscal_year": year,
        "assignments": Assignment.objects.count(),
        "evidence": EvidenceItem.objects.count(),
    }
    for name, result in results.items():
        report[f"{name}_p50_ms"] = result["p50"]
        report[f"{name}_p95_ms"] = result["p95"]
    for name, result in results.items():
        report[f"{name}_queries"] = result["queries"]
    for name, result in sql.items():
        report[f"{name}_sql_p95_ms"] = result["p95"]
    for name, result in sql.items():
        report[f"{name}_sql_ratio"] = round(results[name]["p95"] / max(result["p95"], 1e-3), 2)
    for name, result in results.items():
        page_sql = result["page_sql"]["p95"]
        report[f"{name}_page_sql_p95_ms"] = page_sql
        report[f"{name}_page_sql_ratio"] = round(result["p95"] / max(page_sql, 1e-3), 2)

    print(
        f"{connection.vendor}: {report['assignments']} assignments, {report['evidence']} "
        f"evidence items; province {province.code} ({district.code} officer), year {year}, "
        f"{args.requests} timed requests after {args.warmup} warm-up"
    )
    print(f"{'measure':<24}{'p50 ms':>10}{'p95 ms':>10}{'queries':>9}")
    rows = [(f"{name} page", r["p50"], r["p95"], r["queries"]) for name, r in results.items()]
    rows += [(f"{name} aggregate SQL", r["p50"], r["p95"], "") for name, r in sql.items()]
    for label, p50, p95, queries in rows:
        print(f"{label:<24}{p50:>10.2f}{p95:>10.2f}{queries:>9}")
    rows = [
        (f"{name} page's own SQL", r["page_sql"]["p50"], r["page_sql"]["p95"], r["queries"])
        for name, r in results.items()
    ]
    for label, p50, p95, queries in rows:
        print(f"{label:<24}{p50:>10.2f}{p95:>10.2f}{queries:>9}")
    for name in sql:
        print(f"{name} page/aggregate-SQL p95 ratio: {report[f'{name}_sql_ratio']}")
    for name in results:
        print(f"{name} page/all-its-SQL p95 ratio: {report[f'{name}_page_sql_ratio']}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
