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
import threading
from datetime import date

from locust import FastHttpUser, between, events, task

TARGETS = json.loads(open(os.environ["SAISAAT_LOAD_TARGETS"], encoding="utf-8").read())
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ASSIGNMENT = re.compile(r'href="/assignments/(\d+)/"')
EVIDENCE_FORM = re.compile(r'action="/assignments/(\d+)/evidence/"')
RADIO = re.compile(r'<input type="radio" name="(q\d+)" value="([^"]*)"')
CHECKBOX = re.compile(r'<input type="checkbox" name="(q\d+)" value="([^"]*)"')
TEXTAREA = re.compile(r'<textarea name="(q\d+)"')

_next_officer = itertools.count()
_saved = {"evidence": 0, "complaint": 0, "survey": 0}


@events.request.add_listener
def count_saved(request_type, name, exception, **kwargs):
    """Every submission locust saw saved, counted to the end: locust's CSV is written
    before the last requests of the stop timeout have their answers."""
    kind = name.removeprefix("POST ")
    if request_type == "POST" and kind in _saved and exception is None:
        _saved[kind] += 1


@events.quitting.add_listener
def write_saved(environment, **kwargs):
    path = os.environ.get("SAISAAT_LOAD_SAVED")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(_saved, out)


_lock = threading.Lock()


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


def post_saved(client, url: str, fields: dict, name: str, what: str) -> None:
    """POST a form and count it as successful only when the app saved it (a redirect)."""
    with client.post(
        url, fields, name=name, allow_redirects=False, catch_response=True
    ) as response:
        if response.status_code == 302:
            response.success()
        else:
            response.failure(f"{what} not saved: {response.status_code}")


def today_be() -> str:
    """Today in the date box's format, dd/mm/yyyy in the Buddhist era."""
    today = date.today()
    return f"{today.day:02d}/{today.month:02d}/{today.year + 543}"


class Officer(FastHttpUser):
    """A provincial or district officer at work."""

    weight = 4
    wait_time = between(1, 5)

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
                "csrfmiddlewaretoken": csrf_of(page.text),
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
        response = self.client.get("/work/", name="My work")
        found = ASSIGNMENT.findall(response.text)
        if found:
            self.assignments = found

    @task(2)
    def dashboard(self):
        if self.account["unit"] == self.account["province"]:
            self.client.get(f"/provinces/{self.account['province']}/", name="province dashboard")
        else:
            self.client.get(f"/units/{self.account['unit']}/", name="district page")

    @task(4)
    def assignment(self):
        if self.assignments:
            pk = random.choice(self.assignments)
            self.client.get(f"/assignments/{pk}/", name="assignment page")

    @task(2)
    def add_evidence(self):
        if not self.assignments:
            return
        pk = random.choice(self.assignments)
        page = self.client.get(f"/assignments/{pk}/", name="assignment page")
        if f'action="/assignments/{pk}/evidence/"' not in page.text:
            return  # submitted or approved: no form to fill in
        fields = {"csrfmiddlewaretoken": csrf_of(page.text), "effective_date": today_be()}
        if random.random() < 0.5:
            fields |= {"title": "บันทึกผลการดำเนินงาน (ทดสอบภาระงาน)", "note": "ประชุมชี้แจง"}
        else:
            fields |= {"title": "ภาพกิจกรรม (ทดสอบภาระงาน)", "url": "https://example.org/p"}
        post_saved(self.client, f"/assignments/{pk}/evidence/", fields, "POST evidence", "evidence")


class Citizen(FastHttpUser):
    """A citizen at the public complaint form and a satisfaction survey."""

    weight = 1
    wait_time = between(2, 6)

    @task(1)
    def complaint(self):
        page = self.client.get("/complaints/new/", name="complaint form")
        fields = {
            "csrfmiddlewaretoken": csrf_of(page.text),
            "category": random.choice(("service", "general", "misconduct")),
            "office": random.choice(TARGETS["offices"]),
            "description": "ทดสอบภาระงาน: ขอให้ตรวจสอบการให้บริการของสำนักงาน",
            "location": "อำเภอเมือง",
            "identity": "anonymous",
            "website": "",
        }
        post_saved(self.client, "/complaints/new/", fields, "POST complaint", "complaint")

    @task(1)
    def survey(self):
        if not TARGETS["surveys"]:
            return
        # A new respondent each time: the survey remembers an answer in a cookie.
        self.client.cookiejar.clear()
        token = random.choice(TARGETS["surveys"])
        page = self.client.get(f"/surveys/s/{token}/", name="survey form")
        fields: dict[str, object] = {"csrfmiddlewaretoken": csrf_of(page.text)}
        choices: dict[str, list[str]] = {}
        for name, value in RADIO.findall(page.text) + CHECKBOX.findall(page.text):
            choices.setdefault(name, []).append(value)
        for name, values in choices.items():
            fields[name] = random.choice(values)
        for name in TEXTAREA.findall(page.text):
            fields[name] = "บริการดี (ทดสอบภาระงาน)"
        post_saved(self.client, f"/surveys/s/{token}/", fields, "POST survey", "survey answer")
