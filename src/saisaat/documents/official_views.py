"""Pages of orders and announcements: list, draft, edit, issue, files, send, acknowledge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saisaat.core.downloads import download_response, stored_file_response
from saisaat.documents import official_services as services
from saisaat.documents.forms import MemberFormSet, OfficialForm, SendForm
from saisaat.documents.models import OfficialDocument, Receipt
from saisaat.documents.official import render_official_docx, render_official_pdf
from saisaat.documents.services import signer_of
from saisaat.documents.views import CONTENT_TYPES
from saisaat.orgs.models import StaffMember, Unit, User, WorkGroup
from saisaat.orgs.scoping import get_editable_or_403, get_visible_or_404
from saisaat.plans import years
from saisaat.plans.models import Activity

LIST_LIMIT = 50
EMPTY_MEMBER_ROWS = 8


def _documents():
    return OfficialDocument.objects.select_related("unit", "activity__measure__dimension")


def _managed_unit(request, kind: str) -> Unit:
    if kind not in OfficialDocument.Kind.values:
        raise Http404
    user = request.user
    if user.unit_id is None or not services.may_manage(user, user.unit):
        raise PermissionDenied
    return user.unit


def _activities(unit: Unit):
    plan = years.plan_for(unit, years.chosen_year("", years.plan_years(unit), timezone.localdate()))
    if plan is None:
        return Activity.objects.none()
    return (
        Activity.objects.filter(measure__dimension__plan=plan, is_active=True)
        .select_related("measure__dimension")
        .in_plan_order()
    )


def _staff(unit: Unit):
    return (
        StaffMember.objects.active()
        .filter(unit__in=Unit.objects.within(unit))
        .select_related("unit")
        .in_thai_order()
    )


@require_GET
@login_required
def official_list(request):
    user = request.user
    documents = list(
        OfficialDocument.objects.visible_to(user)
        .select_related("unit")
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    receipts = {
        r.document_id: r
        for r in Receipt.objects.filter(user=user, document__in=[d.pk for d in documents])
    }
    for document in documents:
        document.my_receipt = receipts.get(document.pk)
    may_draft = user.unit_id is not None and services.may_manage(user, user.unit)
    return render(
        request,
        "documents/official_list.html",
        {"documents": documents, "may_draft": may_draft, "kinds": OfficialDocument.Kind},
    )


def _form_page(request, *, unit, kind, document=None):
    is_order = kind == OfficialDocument.Kind.ORDER
    activities = _activities(unit)
    staff = _staff(unit)
    if request.method == "POST":
        form = OfficialForm(request.POST, activities=activities, is_order=is_order)
        members = MemberFormSet(request.POST, prefix="members", form_kwargs={"staff": staff})
        if form.is_valid() and (not is_order or members.is_valid()):
            fields = form.official_fields(members.members() if is_order else [])
            try:
                if document is None:
                    document = services.create_draft(
                        unit=unit, kind=kind, fields=fields, acting_user=request.user
                    )
                else:
                    document = services.update_draft(document, fields, acting_user=request.user)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The draft was saved."))
                return redirect(document)
        status = 400
    else:
        status = 200
        if document is None:
            # The office head signs an order or announcement; the drafter when it has none.
            head = (
                User.objects.filter(
                    unit=unit, role=User.Role.APPROVER, work_group__isnull=True, is_active=True
                )
                .order_by("pk")
                .first()
            )
            name, position = signer_of(head or request.user)
            initial = {
                "office": unit.name_th,
                "date": timezone.localdate(),
                "effective": "บัดนี้เป็นต้นไป",
                "signer_name": name,
                "signer_position": position,
                "thai_digits": True,
            }
            rows = []
        else:
            initial = {
                "office": document.office,
                "title": document.title,
                "body": document.body,
                "duties": document.duties,
                "effective": document.effective,
                "date": document.date,
                "activity": document.activity,
                "signer_name": document.signer_name,
                "signer_position": document.signer_position,
                "thai_digits": document.thai_digits,
            }
            rows = [{"staff": m.staff_id, "role": m.role} for m in document.members.all()]
        form = OfficialForm(initial=initial, activities=activities, is_order=is_order)
        members = MemberFormSet(
            prefix="members",
            initial=rows + [{"role": "member"}] * EMPTY_MEMBER_ROWS,
            form_kwargs={"staff": staff},
        )
    return render(
        request,
        "documents/official_form.html",
        {
            "form": form,
            "members": members if is_order else None,
            "kind": OfficialDocument.Kind(kind),
            "document": document,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def official_new(request, kind: str):
    unit = _managed_unit(request, kind)
    return _form_page(request, unit=unit, kind=kind)


@require_http_methods(["GET", "POST"])
@login_required
def official_edit(request, pk: int):
    document = get_editable_or_403(request, _documents(), pk=pk)
    if not document.is_draft:
        return HttpResponse(_("An issued document is not changed; draft a new one."), status=400)
    return _form_page(request, unit=document.unit, kind=document.kind, document=document)


@require_GET
@login_required
def official_detail(request, pk: int):
    document = get_visible_or_404(request, _documents(), pk=pk)
    user = request.user
    manages = services.may_manage(user, document.unit)
    receipt = Receipt.objects.filter(document=document, user=user).first()
    context = {
        "document": document,
        "members": list(document.members.all()),
        "manages": manages,
        "receipt": receipt,
    }
    if manages and not document.is_draft:
        within = Unit.objects.within(document.unit)
        context["progress"] = services.progress(document)
        context["receipts"] = list(
            Receipt.objects.filter(document=document).select_related("user", "unit")
        )
        context["send_form"] = SendForm(
            units=within.order_by("code"),
            groups=WorkGroup.objects.filter(unit__in=within).select_related("unit"),
        )
        context["can_satisfy"] = document.activity_id is not None
    return render(request, "documents/official_detail.html", context)


@require_GET
@login_required
def official_file(request, pk: int, fmt: str):
    document = get_visible_or_404(request, _documents(), pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    stem = f"{document.kind}-{document.unit.code}-{document.year or 'draft'}-"
    stem += str(document.running_number or document.pk)
    if document.is_draft:
        # A draft is drawn as it is now, with dotted places for its number and date.
        content = services.content_of(document)
        render_file = render_official_pdf if fmt == "pdf" else render_official_docx
        return download_response(
            render_file(content), filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt]
        )
    stored = {"pdf": document.pdf, "docx": document.docx}[fmt]
    return stored_file_response(stored, filename=f"{stem}.{fmt}", content_type=CONTENT_TYPES[fmt])


def _act(request, pk: int, action, success: str):
    document = get_editable_or_403(request, _documents(), pk=pk)
    try:
        action(document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(document)
    messages.success(request, success)
    return redirect(document)


@require_POST
@login_required
def official_issue(request, pk: int):
    return _act(
        request,
        pk,
        lambda d: services.issue(d, acting_user=request.user),
        _("The document was issued."),
    )


@require_POST
@login_required
def official_send(request, pk: int):
    document = get_editable_or_403(request, _documents(), pk=pk)
    within = Unit.objects.within(document.unit)
    form = SendForm(request.POST, units=within, groups=WorkGroup.objects.filter(unit__in=within))
    if not form.is_valid():
        return HttpResponse(_("Choose who the document goes to."), status=400)
    data = form.cleaned_data
    try:
        count = services.send(
            document,
            data["audience"],
            acting_user=request.user,
            unit=data["unit"],
            group=data["work_group"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(document)
    messages.success(request, _("Sent to %(count)s people.") % {"count": count})
    return redirect(document)


@require_POST
@login_required
def official_acknowledge(request, pk: int):
    document = get_visible_or_404(request, _documents(), pk=pk)
    services.acknowledge(document, acting_user=request.user)
    messages.success(request, _("You acknowledged reading this document."))
    return redirect(document)


@require_POST
@login_required
def official_evidence(request, pk: int):
    return _act(
        request,
        pk,
        lambda d: services.satisfy_evidence(d, acting_user=request.user),
        _("The document was filed as evidence of its activity."),
    )
