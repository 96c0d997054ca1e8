"""The provincial officer asks for the province's evidence bundle, watches its progress
on the job's page (refreshed by htmx, no inline script) and downloads the ZIP: in a real
browser, with the job waiting in the database queue until the "worker" (this test) runs
it."""

import io
import threading
import zipfile
from dataclasses import replace

import pytest
from django.db import connection
from playwright.sync_api import expect

from saisaat.demo.province import DEMO_PASSWORD, seed_demo_province
from saisaat.documents.jobs import EVIDENCE_BUNDLE
from saisaat.jobs import registry, services
from saisaat.testing.browser import log_in, screenshot

go_on = threading.Event()


@pytest.fixture
def demo(transactional_db, settings, monkeypatch):
    seed_demo_province()
    settings.SAISAAT_JOBS_SYNC = False
    real = registry.get(EVIDENCE_BUNDLE)

    def halting(job, progress):
        progress(40, 100)
        go_on.wait(timeout=30)
        return real.run(job, progress)

    monkeypatch.setitem(registry._kinds, EVIDENCE_BUNDLE, replace(real, run=halting))
    go_on.clear()


def in_worker(work) -> None:
    """Do database work in a thread of its own, as the worker's process would, closing its
    connection after (Playwright's greenlets own the test's thread)."""

    def run():
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_evidence_bundle_shows_progress_then_the_download(live_server, demo, browser_page):
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "officer", DEMO_PASSWORD)
    page.wait_for_selector("h1")
    page.goto(f"{live_server.url}/documents/")
    page.check("#evidence-bundle input[name=all]")
    page.click("#evidence-bundle button[type=submit]")
    page.wait_for_url("**/jobs/*/")
    assert page.inner_text("#job-state") == "รอคิว"
    assert "ทุกหน่วยงานของ" in page.inner_text("h1")
    job_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # The worker takes the job; it stops at 40% until the test lets it go on, so the page
    # is seen following the progress without a reload, then offering the file.
    worker = threading.Thread(target=lambda: in_worker(lambda: services.run_job(job_id)))
    worker.start()
    try:
        expect(page.locator("#job-progress")).to_have_text("40%")
        assert page.inner_text("#job-state") == "กำลังทำงาน"
        screenshot(page, "jobs-progress.png", full_page=True)
    finally:
        go_on.set()
        worker.join()
    page.wait_for_selector("#job-download")
    assert page.inner_text("#job-state") == "ดำเนินการแล้ว"
    screenshot(page, "jobs-done.png", full_page=True)
    with page.expect_download() as download:
        page.click("#job-download")
    assert download.value.suggested_filename == "evidence-43-2566.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert "index.csv" in archive.namelist()
    assert len(archive.namelist()) > 1
    assert not [e for e in errors if "Content Security Policy" in e]
