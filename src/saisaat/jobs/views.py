"""A job's page, which the user may leave and come back to, and its file.

Only the job's owner, or an administrator of the owner's office, sees a job: 404 for
everyone else. The page polls itself with htmx while the job is queued or running; a job queued or
running for longer than the worker may take is marked failed when its page is shown.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from saisaat.core.downloads import stored_file_response
from saisaat.jobs import services
from saisaat.jobs.models import Job

LIST_LIMIT = 30
# How often the page asks again while the job runs (htmx's "every" trigger).
POLL_EVERY = "1s"


def get_job_for_user(request, pk: int) -> Job:
    return get_object_or_404(Job.objects.visible_to(request.user).select_related("owner"), pk=pk)


@require_GET
@login_required
def job_list(request):
    jobs = list(Job.objects.visible_to(request.user).select_related("owner")[:LIST_LIMIT])
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_GET
@login_required
def job_detail(request, pk: int):
    job = get_job_for_user(request, pk)
    now = timezone.now()
    if job.is_stale(now):
        # Its worker is gone: say so now rather than poll until the daily clean-up.
        services.fail_stale(now=now, job_ids=[job.pk])
        job.refresh_from_db()
    context = {"job": job, "poll_every": POLL_EVERY}
    template = "jobs/_job_status.html" if request.htmx else "jobs/job_detail.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@login_required
def job_download(request, pk: int):
    job = get_job_for_user(request, pk)
    if job.state != Job.State.DONE or not job.result:
        raise Http404
    return stored_file_response(job.result, filename=job.result_name, content_type=job.content_type)
