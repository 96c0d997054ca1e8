from datetime import datetime, time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.complaints import services
from saisaat.complaints.access import (
    can_designate_officers,
    get_attachment_for_user,
    get_complaint_for_user,
    get_complaint_unit_for_user,
    get_officers_unit_for_user,
    get_pending_officer_for_user,
    get_statistics_unit_for_user,
)
from saisaat.complaints.forms import (
    ChannelForm,
    NoteForm,
    OfficerForm,
    PersonsForm,
    PublicComplaintForm,
    RecordComplaintForm,
    RouteForm,
    StatusForm,
    TrackForm,
)
from saisaat.complaints.models import (
    Channel,
    Complaint,
    ComplaintEvent,
    ComplaintOfficer,
)
from saisaat.complaints.models.complaints import normalise_tracking_code
from saisaat.complaints.statistics import complaint_statistics, complaint_years, statistics_xlsx
from saisaat.core import ratelimit
from saisaat.core.downloads import XLSX_TYPE, download_response, stored_file_response
from saisaat.notices.models import Notice
from saisaat.orgs.access import can_manage
from saisaat.orgs.models import Unit
from saisaat.orgs.scoping import get_visible_or_404
from saisaat.plans.years import asked_year, choose_year, default_year, requested_year

PAGE_SIZE = 50
SUBMITTED_SESSION_KEY = "complaints:submitted-code"


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _rate_limited(request, what: str):
    return render(request, "complaints/rate_limited.html", {"what": what}, status=429)


def _body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.SAISAAT_COMPLAINT_MAX_FILES * settings.SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES
    return length > limit + 1024 * 1024


def _body_too_large_message() -> str:
    return _("The attachments are too large: at most %(count)s files of %(mb)s MB each.") % {
        "count": settings.SAISAAT_COMPLAINT_MAX_FILES,
        "mb": settings.SAISAAT_COMPLAINT_MAX_UPLOAD_BYTES // (1024 * 1024),
    }


# ---------------------------------------------------------------------- public pages


@require_GET
def index(request):
    """Every office's published channels, the online form and the tracker."""
    units = (
        Unit.objects.filter(complaint_channels__is_published=True)
        .distinct()
        .order_by("code")
        .prefetch_related(
            Prefetch(
                "complaint_channels",
                queryset=Channel.objects.published().order_by("position", "pk"),
                to_attr="published_channels",
            )
        )
    )
    return render(request, "complaints/index.html", {"units": units})


def _office_initial(request):
    code = request.GET.get("unit", "")
    unit = Unit.objects.filter(code=code).exclude(kind=Unit.Kind.DEPARTMENT).first()
    if unit is None:
        provinces = list(Unit.objects.provinces().order_by("code")[:2])
        unit = provinces[0] if len(provinces) == 1 else None
    return unit


@never_cache
@require_http_methods(["GET", "POST"])
def new_complaint(request):
    limit = settings.SAISAAT_COMPLAINT_RATE_LIMIT
    context = {
        "max_text": settings.SAISAAT_COMPLAINT_MAX_TEXT,
    }
    if request.method == "GET":
        form = PublicComplaintForm(initial={"office": _office_initial(request)})
        return render(request, "complaints/new.html", {"form": form, **context})
    if ratelimit.is_limited("complaint-submit", request, limit):
        return _rate_limited(request, "submit")
    if _body_too_large(request):
        form = PublicComplaintForm()
        error = _body_too_large_message()
        return render(
            request, "complaints/new.html", {"form": form, "upload_error": error, **context}, 413
        )
    form = PublicComplaintForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.is_spam:
            ratelimit.count(
                "complaint-submit",
                request,
                limit,
                window=settings.SAISAAT_COMPLAINT_RATE_WINDOW_SECONDS,
            )
        return render(request, "complaints/new.html", {"form": form, **context}, status=400)
    data = form.cleaned_data
    complaint = services.submit_complaint(
        category=data["category"],
        description=data["description"],
        reported_unit=data["office"],
        location=data["location"],
        occurred_on=data["occurred_on"],
        occurred_when=data["occurred_when"],
        identity=form.identity(),
        attachments=form.checked_attachments,
    )
    ratelimit.count(
        "complaint-submit", request, limit, window=settings.SAISAAT_COMPLAINT_RATE_WINDOW_SECONDS
    )
    request.session[SUBMITTED_SESSION_KEY] = complaint.tracking_code
    return redirect("complaints:submitted")


@never_cache
@require_GET
def submitted(request):
    # Shown once: on a shared computer the next person must not find it here.
    code = request.session.pop(SUBMITTED_SESSION_KEY, None)
    if not code:
        return redirect("complaints:track")
    complaint = Complaint.objects.filter(tracking_code=code).select_related("unit").first()
    return render(request, "complaints/submitted.html", {"complaint": complaint})


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Status and public updates for one tracking code; POST keeps the code out of logs
    and history. Never internal notes, the identity or the staff handling it."""
    if request.method == "GET":
        return render(request, "complaints/track.html", {"form": TrackForm()})
    limit = settings.SAISAAT_COMPLAINT_TRACK_RATE_LIMIT
    if ratelimit.is_limited("complaint-track", request, limit):
        return _rate_limited(request, "track")
    ratelimit.count(
        "complaint-track", request, limit, window=settings.SAISAAT_COMPLAINT_RATE_WINDOW_SECONDS
    )
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "complaints/track.html", {"form": form}, status=400)
    code = normalise_tracking_code(form.cleaned_data["code"])
    found = (
        Complaint.objects.filter(tracking_code=code)
        .values("pk", "tracking_code", "category", "status", "received_at", "closed_at")
        .first()
    )
    if found is None:
        form.add_error("code", _("No complaint has this tracking code. Please check it."))
        return render(request, "complaints/track.html", {"form": form}, status=404)
    updates = list(
        ComplaintEvent.objects.filter(
            complaint_id=found["pk"],
            action__in=(
                ComplaintEvent.Action.RECEIVED,
                ComplaintEvent.Action.STATUS,
                ComplaintEvent.Action.REOPENED,
                ComplaintEvent.Action.UPDATE,
            ),
        )
        .order_by("created_at", "pk")
        .values("action", "to_status", "public_message", "created_at")
    )
    for update in updates:
        update["status_label"] = (
            Complaint.Status(update["to_status"]).label if update["to_status"] else ""
        )
    found["status_label"] = Complaint.Status(found["status"]).label
    found["category_label"] = Complaint.Category(found["category"]).label
    return render(
        request,
        "complaints/track.html",
        {"form": TrackForm(), "found": found, "updates": updates},
    )


def _statistics_page(request, unit: Unit, template: str, *, remember: bool):
    """A statistics page on the year the picker chose: one asked for (any Buddhist-era
    year, also one without complaints yet), else for staff the one chosen earlier in the
    session, else the default. A year that is not one is refused with a message (400)
    above the default year's figures."""
    years = complaint_years(unit)
    year, problem = asked_year(request)
    if year is not None and remember:
        requested_year(request)  # remembered for the next pages
    elif year is None:
        # The public page keeps no session: a citizen's visit stores nothing.
        year = (
            choose_year(request, years) if remember else default_year(years, timezone.localdate())
        )
    stats = complaint_statistics(unit, year, first_half=request.GET.get("half") == "1")
    context = {
        "stats": stats,
        "unit": unit,
        "year": year,
        "years": sorted({year, *years}, reverse=True),
        "year_problem": problem,
    }
    return render(request, template, context, status=400 if problem else 200)


@require_GET
def public_statistics(request, code: str):
    """Counts only: no text, no names, no codes."""
    # Published per province (the agency), never per district office: a count of one at a
    # small office would point at a person.
    unit = get_object_or_404(Unit.objects.filter(kind=Unit.Kind.PROVINCE), code=code)
    return _statistics_page(request, unit, "complaints/public_statistics.html", remember=False)


# ---------------------------------------------------------------------- staff pages


@require_GET
@login_required
def unit_list(request, code: str):
    unit = get_complaint_unit_for_user(request, code)
    today = timezone.localdate()
    complaints = (
        Complaint.objects.visible_to(request.user)
        .within(unit)
        .select_related("unit", "channel")
        .order_by("-received_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in Complaint.Status.values:
        complaints = complaints.filter(status=status)
    category = request.GET.get("category", "")
    if category in Complaint.Category.values:
        complaints = complaints.filter(category=category)
    overdue = request.GET.get("overdue") == "1"
    if overdue:
        complaints = complaints.late(today)
    page = Paginator(complaints, PAGE_SIZE).get_page(request.GET.get("page"))
    notices = list(
        Notice.objects.filter(recipient=request.user)
        .unread()
        .about(Complaint.objects.visible_to(request.user))
        .order_by("-created_at")[:10]
    )
    return render(
        request,
        "complaints/list.html",
        {
            "unit": unit,
            "page": page,
            "today": today,
            "statuses": Complaint.Status.choices,
            "categories": Complaint.Category.choices,
            "status": status,
            "category": category,
            "overdue": overdue,
            "notices": notices,
            "can_manage": can_manage(request.user, unit),
            # Links to the office's personal-data pages (saisaat.privacy), for who may open
            # them: the breach register for its head and administrators, a person's data
            # for those who read complainants' identities.
            "keeps_breach_register": request.user.unit_id == unit.pk
            and (request.user.is_office_head or request.user.is_administrator),
            "answers_data_requests": services.reads_identities_at(request.user, (unit.pk,)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def record(request, code: str):
    unit = get_complaint_unit_for_user(request, code)
    if request.method == "GET":
        form = RecordComplaintForm(unit=unit, user=request.user)
        return render(request, "complaints/record.html", {"unit": unit, "form": form})
    if _body_too_large(request):
        form = RecordComplaintForm(unit=unit, user=request.user)
        context = {"unit": unit, "form": form, "upload_error": _body_too_large_message()}
        return render(request, "complaints/record.html", context, status=413)
    form = RecordComplaintForm(request.POST, request.FILES, unit=unit, user=request.user)
    if not form.is_valid():
        return render(request, "complaints/record.html", {"unit": unit, "form": form}, status=400)
    data = form.cleaned_data
    tz = timezone.get_current_timezone()
    received_at = (
        timezone.now()
        if data["received_on"] == timezone.localdate()
        else datetime.combine(data["received_on"], time(9), tz)
    )
    complaint = services.submit_complaint(
        category=data["category"],
        description=data["description"],
        reported_unit=unit,
        channel=data["channel"],
        location=data["location"],
        occurred_on=data["occurred_on"],
        occurred_when=data["occurred_when"],
        identity=form.identity(),
        attachments=form.checked_attachments,
        persons_concerned=data.get("persons_concerned") or (),
        received_at=received_at,
        recorded_by=request.user,
    )
    messages.success(
        request,
        _("The complaint was recorded. Its tracking code is %(code)s.")
        % {"code": complaint.display_code},
    )
    if Complaint.objects.visible_to(request.user).filter(pk=complaint.pk).exists():
        return redirect(complaint)
    return redirect("complaints:unit-list", code=unit.code)


def _detail_context(request, complaint: Complaint, **extra):
    events = list(complaint.events.select_related("actor", "from_unit", "to_unit"))
    persons = list(complaint.persons_concerned.select_related("unit"))
    can_read_identity = services.can_read_identity(request.user, complaint)
    context = {
        "complaint": complaint,
        "events": events,
        "attachments": list(complaint.attachments.all()),
        "persons": persons,
        "today": timezone.localdate(),
        "can_read_identity": can_read_identity,
        "has_identity": not complaint.is_anonymous,
        "identity_readings": list(complaint.identity_readings.select_related("reader")[:20]),
        "status_form": StatusForm(allowed=services.allowed_statuses(complaint)),
        "route_form": RouteForm(province=complaint.province, initial={"unit": complaint.unit}),
        "note_form": NoteForm(),
        "persons_form": PersonsForm(
            complaint=complaint,
            user=request.user,
            named=persons,
            initial={"persons_concerned": [person.pk for person in persons]},
        )
        if can_read_identity
        else None,
    }
    context.update(extra)
    return context


@require_GET
@login_required
def detail(request, pk: int):
    complaint = get_complaint_for_user(request, pk)
    return render(request, "complaints/detail.html", _detail_context(request, complaint))


def _rerender(request, complaint, **extra):
    return render(
        request, "complaints/detail.html", _detail_context(request, complaint, **extra), status=400
    )


@require_POST
@login_required
def change_status(request, pk: int):
    complaint = get_complaint_for_user(request, pk)
    form = StatusForm(request.POST, allowed=services.allowed_statuses(complaint))
    if not form.is_valid():
        return _rerender(request, complaint, status_form=form)
    data = form.cleaned_data
    try:
        services.change_status(
            complaint,
            data["to_status"],
            acting_user=request.user,
            note=data["note"],
            public_message=data["public_message"],
            forwarded_to=data["forwarded_to"],
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _rerender(request, complaint, status_form=form)
    messages.success(request, _("The status was changed."))
    return redirect(complaint)


@require_POST
@login_required
def route(request, pk: int):
    complaint = get_complaint_for_user(request, pk)
    form = RouteForm(request.POST, province=complaint.province)
    if not form.is_valid():
        return _rerender(request, complaint, route_form=form)
    try:
        services.route_complaint(
            complaint,
            form.cleaned_data["unit"],
            acting_user=request.user,
            note=form.cleaned_data["note"],
            confirm_concerned=form.cleaned_data["confirm_concerned"],
        )
    except ValidationError as error:
        form.add_error(None, _error_text(error))
        return _rerender(request, complaint, route_form=form)
    messages.success(request, _("The complaint was sent to %(unit)s.") % {"unit": complaint.unit})
    if Complaint.objects.visible_to(request.user).filter(pk=complaint.pk).exists():
        return redirect(complaint)
    return redirect("complaints:unit-list", code=request.user.unit.code)


@require_POST
@login_required
def add_note(request, pk: int):
    complaint = get_complaint_for_user(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _rerender(request, complaint, note_form=form)
    services.add_note(
        complaint,
        form.cleaned_data["text"],
        acting_user=request.user,
        public=form.cleaned_data["public"],
    )
    messages.success(request, _("The note was added."))
    return redirect(complaint)


@require_POST
@login_required
def set_persons(request, pk: int):
    complaint = get_complaint_for_user(request, pk)
    # Naming someone hides the complaint from them: only those who handle confidential
    # complaints (the designated officers and the office head) may do it.
    if not services.can_read_identity(request.user, complaint):
        raise PermissionDenied
    form = PersonsForm(
        request.POST,
        complaint=complaint,
        user=request.user,
        named=list(complaint.persons_concerned.all()),
    )
    if not form.is_valid():
        return _rerender(request, complaint, persons_form=form)
    services.set_persons_concerned(
        complaint, form.cleaned_data["persons_concerned"], acting_user=request.user
    )
    messages.success(request, _("The staff named in the complaint were updated."))
    return redirect(complaint)


@never_cache
@require_POST
@login_required
def reveal_identity(request, pk: int):
    """The complainant's identity on an explicit click, with the reading logged."""
    complaint = get_complaint_for_user(request, pk)
    if not services.can_read_identity(request.user, complaint):
        raise PermissionDenied
    complainant = services.read_identity(complaint, acting_user=request.user)
    template = "complaints/_identity.html" if request.htmx else "complaints/identity.html"
    response = render(request, template, {"complaint": complaint, "complainant": complainant})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def attachment(request, pk: int):
    item = get_attachment_for_user(request, pk)
    # nosniff comes with every response from SecurityMiddleware.
    return stored_file_response(
        item.file, filename=item.original_name, content_type=item.content_type
    )


@require_http_methods(["GET", "POST"])
@login_required
def channels(request, code: str):
    unit = get_complaint_unit_for_user(request, code)
    form = None
    if request.method == "POST":
        if not can_manage(request.user, unit):
            raise PermissionDenied
        form = ChannelForm(request.POST, unit=unit)
        if form.is_valid():
            services.save_channel(form, acting_user=request.user)
            messages.success(request, _("The channel was added."))
            return redirect("complaints:channels", code=unit.code)
    managing = can_manage(request.user, unit)
    items = list(unit.complaint_channels.order_by("position", "pk"))
    return render(
        request,
        "complaints/channels.html",
        {
            "unit": unit,
            "channels": items,
            "edit_forms": [
                (c, ChannelForm(instance=c, unit=unit, prefix=f"c{c.pk}")) for c in items
            ]
            if managing
            else [],
            "form": form or (ChannelForm(unit=unit) if managing else None),
            "can_manage": managing,
        },
        status=400 if form is not None else 200,
    )


@require_POST
@login_required
def edit_channel(request, pk: int):
    channel = get_visible_or_404(request, Channel.objects.select_related("unit"), pk=pk)
    unit = get_complaint_unit_for_user(request, channel.unit.code, manage=True)
    if request.POST.get("delete"):
        if services.remove_channel(channel, acting_user=request.user):
            messages.success(request, _("The channel was removed."))
        else:
            messages.info(request, _("The channel has complaints, so it was unpublished instead."))
        return redirect("complaints:channels", code=unit.code)
    form = ChannelForm(request.POST, instance=channel, unit=unit, prefix=f"c{channel.pk}")
    if form.is_valid():
        services.save_channel(form, acting_user=request.user)
        messages.success(request, _("The channel was saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("complaints:channels", code=unit.code)


@require_http_methods(["GET", "POST"])
@login_required
def officers(request, code: str):
    unit = get_officers_unit_for_user(request, code)
    managing = can_designate_officers(request.user, unit)
    form = OfficerForm(unit=unit, acting_user=request.user) if managing else None
    status = 200
    if request.method == "POST":
        if not managing:
            raise PermissionDenied
        form = OfficerForm(request.POST, unit=unit, acting_user=request.user)
        if form.is_valid():
            try:
                services.propose_officer(unit, form.cleaned_data["user"], acting_user=request.user)
            except ValidationError as error:
                form.add_error("user", error)
            else:
                messages.success(
                    request,
                    _(
                        "The designation was proposed. It takes effect when a department "
                        "administrator confirms it."
                    ),
                )
                return redirect("complaints:officers", code=unit.code)
        status = 400
    designated = list(
        ComplaintOfficer.objects.visible_to(request.user)
        .filter(unit=unit)
        .select_related("user", "designated_by")
    )
    return render(
        request,
        "complaints/officers.html",
        {"unit": unit, "officers": designated, "form": form, "can_manage": managing},
        status=status,
    )


@require_POST
@login_required
def remove_officer(request, pk: int):
    officer = get_visible_or_404(request, ComplaintOfficer.objects.select_related("unit"), pk=pk)
    unit = get_officers_unit_for_user(request, officer.unit.code)
    if not can_designate_officers(request.user, unit):
        raise PermissionDenied
    services.remove_officer(officer, acting_user=request.user)
    messages.success(request, _("The designation was removed."))
    return redirect("complaints:officers", code=unit.code)


@require_GET
@login_required
def pending_officers(request):
    """Designations waiting for a department administrator's confirmation. It names who
    is proposed, never a complaint."""
    if not request.user.is_department_administrator:
        raise PermissionDenied
    pending = list(
        ComplaintOfficer.objects.visible_to(request.user)
        .pending()
        .select_related("unit", "user", "designated_by")
        .order_by("designated_at", "pk")
    )
    for officer in pending:
        officer.can_decide = services.can_confirm_officer(request.user, officer)
    return render(request, "complaints/pending_officers.html", {"pending": pending})


@require_POST
@login_required
def decide_officer(request, pk: int, confirm: bool):
    officer = get_pending_officer_for_user(request, pk)
    if not services.can_confirm_officer(request.user, officer):
        raise PermissionDenied
    try:
        if confirm:
            services.confirm_officer(officer, acting_user=request.user)
            messages.success(request, _("The designation was confirmed."))
        else:
            services.refuse_officer(officer, acting_user=request.user)
            messages.success(request, _("The designation was refused."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("complaints:pending-officers")


def confirm_officer(request, pk: int):
    return decide_officer(request, pk, confirm=True)


def refuse_officer(request, pk: int):
    return decide_officer(request, pk, confirm=False)


@require_GET
@login_required
def statistics(request, code: str):
    unit = get_statistics_unit_for_user(request, code)
    return _statistics_page(request, unit, "complaints/statistics.html", remember=True)


@require_GET
@login_required
def statistics_export(request, code: str):
    unit = get_statistics_unit_for_user(request, code)
    year, problem = asked_year(request)
    if problem:
        return render(request, "400.html", {"problem": problem}, status=400)
    if year is None:
        year = choose_year(request, complaint_years(unit))
    half = request.GET.get("half") == "1"
    with override("th"):
        stats = complaint_statistics(unit, year, first_half=half)
        content = statistics_xlsx(stats)
    name = f"complaints-{unit.code}-{year}{'-h1' if half else ''}.xlsx"
    return download_response(content, filename=name, content_type=XLSX_TYPE)
