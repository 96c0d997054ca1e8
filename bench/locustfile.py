"""The department-scale load scenario (issue 17): officers at work and citizens at the
public forms, against `make serve` on the national data set.

Run it through `bench/load.py` (one command: data, server, locust, then the count of what
was saved); it writes the targets this file reads to the JSON file named by
SAISAAT_LOAD_TARGETS:

    {"officers": [{"username": ..., "province": "901", "unit": "90101"}, ...],
     "password": "saisaat-national",
     "offices": [<unit id of a provincial office>, ...],
     "surveys": [<public token of an open survey>, ...]}

Officers (4 in 5 users) sign in with their own account and browse My work, their
province's dashboard (or their district's page), assignment pages, and add a note or a link
as evidence through the real form with its CSRF token. Citizens (1 in 5) file a complaint
on the public form and answer a satisfaction survey. Every POST that must be saved is
named "POST ..." and counts as a success only on the redirect that follows a save, so the
wrapper can compare locust's successes with the rows in the database.

The users are locust's FastHttpUser (geventhttpclient): on a machine that runs the server
and the load together, the requests-based HttpUser spends several times the CPU per
request, which the server then lacks.
"""

import itertools
import json
import os
import random
import re
import secrets
import threading
from datetime import date

from locust import FastHttpUser, between, events, task
from locust.contrib.fasthttp import LocustBadStatusCode
from locust.exception import CatchResponseError, ResponseError

# Failures that are an answer judged (a status the scenario did not want), not a broken
# connection.
ANSWERED_FAILURES = (CatchResponseError, LocustBadStatusCode, ResponseError)

TARGETS = json.loads(open(os.environ["SAISAAT_LOAD_TARGETS"], encoding="utf-8").read())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSIGNMENT = re.compile(r'href="/assignments/(\d+)/"')
EVIDENCE_FORM = re.compile(r'action="/assignments/(\d+)/evidence/"')
RADIO = re.compile(r'<input type="radio" name="(q\d+)" value="([^"]*)"')
CHECKBOX = re.compile(r'<input type="checkbox" name="(q\d+)" value="([^"]*)"')
TEXTAREA = re.compile(r'<textarea name="(q\d+)"')

_next_officer = itertools.count()
_next_marker = itertools.count(1)
# A mark in the text of every submission, unique to this run, so the wrapper can find in
# the database exactly the ones locust was told were saved.
RUN = os.environ.get("SAISAAT_LOAD_RUN") or secrets.token_hex(4)
KINDS = ("evidence", "complaint", "survey")
_outcome: dict = {
    "saved": {kind: [] for kind in KINDS},
    # Posted, and whether any answer came back: one without is a request locust gave up on
    # (or killed at the stop), which must not pass unseen.
    "attempted": {kind: [] for kind in KINDS},
    "answered": {kind: [] for kind in KINDS},
    "refused": {},
    "server_errors": {},
    "connection_errors": {},
    "scenario_errors": {},
}


def marker(kind: str) -> str:
    return f"LT{RUN}-{kind[0]}{next(_next_marker)}"


def _count(table: str, key: str) -> None:
    _outcome[table][key] = _outcome[table].get(key, 0) + 1


@events.request.add_listener
def classify(request_type, name, response, exception, **kwargs):
    """Counted to locust's very end (its CSV files are written once a second and miss the
    answers of the last moments): every 5xx, and every request with no answer at all."""
    status = getattr(response, "status_code", 0) or 0
    # post_saved's failure() stands in for what really went wrong: the response keeps it;
    # a timeout is wrapped in RetriesExceeded, which keeps the original.
    cause = getattr(response, "error", None) or exception
    cause = getattr(cause, "original", None) or cause
    what = name if name.startswith(request_type) else f"{request_type} {name}"
    if status >= 500:
        _count("server_errors", f"{what}: {status}")
    elif cause is not None and (status == 0 or not isinstance(cause, ANSWERED_FAILURES)):
        # No answer, or one broken off after its status line (a reset while reading).
        _count("connection_errors", f"{what}: {type(cause).__name__}")
    elif request_type == "GET" and 300 <= status < 500:
        # A page refused or sent elsewhere (officers' pages do not follow redirects: a
        # dropped session shows as a redirect to the sign-in page, not as its 200).
        _count("refused", f"{what}: {status}")


@events.user_error.add_listener
def scenario_error(user_instance, exception, tb, **kwargs):
    _count("scenario_errors", f"{type(exception).__name__}: {exception}"[:200])


@events.quitting.add_listener
def write_outcome(environment, **kwargs):
    path = os.environ.get("SAISAAT_LOAD_OUTCOME")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(_outcome, out)


_lock = threading.Lock()


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


def post_saved(client, url: str, fields: dict, kind: str, mark: str, what: str) -> None:
    """POST a form and count it as successful only when the app saved it (a redirect, and
    not to the sign-in page); ``mark`` is in its text, to be found in the database."""
    _outcome["attempted"][kind].append(mark)
    with client.post(
        url, fields, name=f"POST {kind}", allow_redirects=False, catch_response=True
    ) as response:
        status = response.status_code or 0
        if status:
            _outcome["answered"][kind].append(mark)
        location = (response.headers or {}).get("Location", "") if status else ""
        if status == 302 and "/accounts/login/" not in location:
            # success() clears a break while reading the body: note it first.
            broken = getattr(response, "request_meta", {}).get("exception")
            response.success()
            if broken is not None and not isinstance(broken, ANSWERED_FAILURES):
                _count("connection_errors", f"POST {kind}: {type(broken).__name__}")
            _outcome["saved"][kind].append(mark)
        else:
            if 0 < status < 500:
                _count("refused", f"POST {kind}: {status} {location}".strip())
            response.failure(f"{what} not saved: {status}")


def today_be() -> str:
    """Today in the date box's format, dd/mm/yyyy in the Buddhist era."""
    today = date.today()
    return f"{today.day:02d}/{today.month:02d}/{today.year + 543}"


# A request gives up well before locust's stop timeout (30 s, bench/load.py) would kill it
# unseen: a server that hangs at the end of the run is then counted, not missed.
TIMEOUT = 20.0


class Officer(FastHttpUser):
    """A provincial or district officer at work."""

    weight = 4
    wait_time = between(1, 5)
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        with _lock:
            officers = TARGETS["officers"]
            self.account = officers[next(_next_officer) % len(officers)]
        page = self.client.get("/accounts/login/", name="login page")
        response = self.client.post(
            "/accounts/login/",
            {
                "username": self.account["username"],
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": csrf_of(page.text or ""),
            },
            name="POST login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.account['username']} could not sign in")
        self.assignments: list[str] = []
        self.my_work()

    @task(3)
    def my_work(self):
        response = self.client.get("/work/", name="My work", allow_redirects=False)
        found = ASSIGNMENT.findall(response.text or "")
        if found:
            self.assignments = found

    @task(2)
    def dashboard(self):
        if self.account["unit"] == self.account["province"]:
            self.client.get(
                f"/provinces/{self.account['province']}/",
                name="province dashboard",
                allow_redirects=False,
            )
        else:
            self.client.get(
                f"/units/{self.account['unit']}/", name="district page", allow_redirects=False
            )

    @task(4)
    def assignment(self):
        if self.assignments:
            pk = random.choice(self.assignments)
            self.client.get(f"/assignments/{pk}/", name="assignment page", allow_redirects=False)

    @task(2)
    def add_evidence(self):
        if not self.assignments:
            return
        pk = random.choice(self.assignments)
        page = self.client.get(f"/assignments/{pk}/", name="assignment page", allow_redirects=False)
        if f'action="/assignments/{pk}/evidence/"' not in (page.text or ""):
            return  # submitted or approved: no form to fill in
        fields = {"csrfmiddlewaretoken": csrf_of(page.text or ""), "effective_date": today_be()}
        mark = marker("evidence")
        if random.random() < 0.5:
            fields |= {"title": f"บันทึกผลการดำเนินงาน (ทดสอบภาระงาน) {mark}", "note": "ประชุม"}
        else:
            fields |= {"title": f"ภาพกิจกรรม (ทดสอบภาระงาน) {mark}", "url": "https://example.org/p"}
        post_saved(
            self.client, f"/assignments/{pk}/evidence/", fields, "evidence", mark, "evidence"
        )


class Citizen(FastHttpUser):
    """A citizen at the public complaint form and a satisfaction survey."""

    weight = 1
    wait_time = between(2, 6)
    network_timeout = connection_timeout = TIMEOUT

    @task(1)
    def complaint(self):
        page = self.client.get("/complaints/new/", name="complaint form")
        if page.status_code != 200:
            return  # counted as the form's failure; nothing to fill in
        mark = marker("complaint")
        fields = {
            "csrfmiddlewaretoken": csrf_of(page.text or ""),
            "category": random.choice(("service", "general", "misconduct")),
            "office": random.choice(TARGETS["offices"]),
            "description": f"ทดสอบภาระงาน: ขอให้ตรวจสอบการให้บริการของสำนักงาน {mark}",
            "location": "อำเภอเมือง",
            "identity": "anonymous",
            "website": "",
        }
        post_saved(self.client, "/complaints/new/", fields, "complaint", mark, "complaint")

    @task(1)
    def survey(self):
        if not TARGETS["surveys"]:
            return
        # A new respondent each time: the survey remembers an answer in a cookie.
        self.client.cookiejar.clear()
        token = random.choice(TARGETS["surveys"])
        page = self.client.get(f"/surveys/s/{token}/", name="survey form")
        if page.status_code != 200:
            return  # counted as the form's failure; nothing to fill in
        fields: dict[str, object] = {"csrfmiddlewaretoken": csrf_of(page.text or "")}
        choices: dict[str, list[str]] = {}
        for name, value in RADIO.findall(page.text or "") + CHECKBOX.findall(page.text or ""):
            choices.setdefault(name, []).append(value)
        for name, values in choices.items():
            fields[name] = random.choice(values)
        mark = marker("survey")
        if not TEXTAREA.search(page.text or ""):
            raise RuntimeError("the survey has no text question to carry the run's mark")
        for name in TEXTAREA.findall(page.text or ""):
            fields[name] = f"บริการดี (ทดสอบภาระงาน) {mark}"
        post_saved(self.client, f"/surveys/s/{token}/", fields, "survey", mark, "survey answer")
