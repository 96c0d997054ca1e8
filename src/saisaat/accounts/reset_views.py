"""Pages for sign-in resets: requested by an administrator, confirmed or refused by a
department administrator; and the page where the person sets the new password."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from saisaat.accounts import resets
from saisaat.accounts.decisions import decide_pending
from saisaat.orgs.models import SignInReset

PAGE_SIZE = 100


class SignInResetForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username of the person"), max_length=150)
    kind = forms.ChoiceField(
        label=gettext_lazy("What to reset"),
        choices=SignInReset.Kind.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Why, and how you checked who asked"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        person = resets.people_for(self.actor).filter(username=username).first()
        if person is None:
            raise ValidationError(_("No active account with this username in your offices."))
        return person


def _may_use(user) -> bool:
    return resets.is_requester(user) or user.is_department_administrator


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def sign_in_resets(request):
    if not _may_use(request.user):
        raise PermissionDenied
    form = SignInResetForm(request.POST or None, actor=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                resets.request_reset(
                    data["username"], data["kind"], data["reason"], acting_user=request.user
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _(
                        "The reset was requested. It takes effect when a department "
                        "administrator confirms it."
                    ),
                )
                return redirect("accounts:sign-in-resets")
        status = 400
    rows = list(resets.visible_resets(request.user)[:PAGE_SIZE])
    for reset in rows:
        reset.can_decide = reset.status == SignInReset.Status.PENDING and resets.can_decide(
            request.user, reset
        )
    return render(
        request,
        "accounts/sign_in_resets.html",
        {"form": form, "resets": rows, "may_request": resets.is_requester(request.user)},
        status=status,
    )


@require_POST
@login_required
def _decide(request, pk: int, confirm: bool):
    return decide_pending(
        request,
        SignInReset,
        pk,
        confirm=confirm,
        services=(resets.confirm_reset, resets.refuse_reset),
        said=(_("The reset was confirmed and the person told."), _("The reset was refused.")),
        back="accounts:sign-in-resets",
    )


def confirm_sign_in_reset(request, pk: int):
    return _decide(request, pk, confirm=True)


def refuse_sign_in_reset(request, pk: int):
    return _decide(request, pk, confirm=False)


set_password = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/set_password.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_set = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_set.html"
)
