from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from saisaat.notices import services
from saisaat.notices.models import Notice
from saisaat.notices.registry import hidden_from

PAGE_SIZE = 100


@require_GET
@login_required
def notice_list(request):
    """The person's own notices, about assignments and complaints alike."""
    notices = list(
        Notice.objects.filter(recipient=request.user)
        .exclude(hidden_from(request.user))
        .select_related("target_type")[:PAGE_SIZE]
    )
    return render(request, "notices/list.html", {"notices": notices})


@require_POST
@login_required
def mark_all_read(request):
    services.mark_all_read(request.user)
    return redirect("notices:list")
