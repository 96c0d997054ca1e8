"""Pages for the approver roles of an office (head, group director, deputy approver):
proposed here by one person, confirmed or refused by a department administrator."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from saisaat.accounts.decisions import decide_pending
from saisaat.orgs import roles
from saisaat.orgs.models import RoleChange, User, WorkGroup


class RoleChangeForm(forms.Form):
    user = forms.ModelChoiceField(label=gettext_lazy("Person"), queryset=User.objects.none())
    kind = forms.ChoiceField(label=gettext_lazy("Role"), choices=RoleChange.Kind.choices)
    work_group = forms.ModelChoiceField(
        label=gettext_lazy("Work group (for a work group director)"),
        queryset=WorkGroup.objects.none(),
        required=False,
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = roles.units_for_proposer(actor)
        self.fields["user"].queryset = (
            User.objects.filter(unit__in=units, is_active=True)
            .exclude(role=User.Role.COMMITTEE)
            .exclude(pk=actor.pk)
            .select_related("unit")
            .order_by("unit__code", "first_name")
        )
        self.fields["work_group"].queryset = WorkGroup.objects.filter(unit__in=units)


def may_change_roles(user: User) -> bool:
    return user.is_department_administrator or roles.units_for_proposer(user).exists()


@require_http_methods(["GET", "POST"])
@login_required
def role_changes(request):
    if not may_change_roles(request.user):
        raise PermissionDenied
    form = RoleChangeForm(request.POST or None, actor=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                roles.propose_role_change(
                    data["user"].unit,
                    data["user"],
                    data["kind"],
                    work_group=data["work_group"],
                    acting_user=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [])) or _("You may not propose this.")
                form.add_error(None, text)
            else:
                messages.success(
                    request,
                    _(
                        "The change was proposed. It takes effect when a department "
                        "administrator confirms it."
                    ),
                )
                return redirect("accounts:role-changes")
        status = 400
    changes = RoleChange.objects.select_related(
        "unit", "user", "work_group", "proposed_by", "decided_by"
    )
    if not request.user.is_department_administrator:
        changes = changes.filter(unit__in=roles.units_for_proposer(request.user))
    changes = list(changes[:100])
    for change in changes:
        change.can_decide = change.status == RoleChange.Status.PENDING and (
            roles.can_decide_role_change(request.user, change)
        )
    return render(
        request, "accounts/role_changes.html", {"form": form, "changes": changes}, status=status
    )


@require_POST
@login_required
def decide_role_change(request, pk: int, confirm: bool):
    return decide_pending(
        request,
        RoleChange,
        pk,
        confirm=confirm,
        services=(roles.confirm_role_change, roles.refuse_role_change),
        said=(_("The role change was confirmed."), _("The role change was refused.")),
        back="accounts:role-changes",
    )


def confirm_role_change(request, pk: int):
    return decide_role_change(request, pk, confirm=True)


def refuse_role_change(request, pk: int):
    return decide_role_change(request, pk, confirm=False)
