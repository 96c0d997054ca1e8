"""The second factor: enrol an authenticator, give a code after the password, recovery codes."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from saisaat.accounts import services
from saisaat.accounts.forms import CodeForm
from saisaat.accounts.policy import SECOND_FACTOR_STEP, requires_second_factor
from saisaat.accounts.roles import may_change_roles


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@login_required
def verify(request):
    """The code asked after the password, from the authenticator or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:two-factor-setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = services.device_accepting(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                request.session[SECOND_FACTOR_STEP] = ""
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _("You used a recovery code; each works once. Make more when few remain."),
                    )
                return redirect(_next_url(request))
            form.add_error(
                "code", _("The code is wrong or has expired. Wait a moment and try again.")
            )
        status = 400
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@never_cache
@login_required
def setup(request):
    """Enrol an authenticator app: scan the QR code, type the code it shows."""
    user = request.user
    if user_has_device(user, confirmed=True):
        # Replacing an enrolled authenticator needs the old one first: the code page, then
        # the security page. A stolen password alone must not enrol a new phone.
        if not user.is_verified():
            return redirect("accounts:two-factor-verify")
        if request.method != "POST" and not request.GET.get("replace"):
            return redirect("accounts:security")
    device = services.pending_authenticator(user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            codes = services.confirm_authenticator(device, acting_user=user)
            device.refresh_from_db()
            otp_login(request, device)
            request.session[SECOND_FACTOR_STEP] = ""
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request), "enrolled": True},
            )
        form.add_error("code", _("The code is wrong or has expired. Try the one shown now."))
        status = 400
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            # segno draws the SVG from the key alone: nothing user-supplied reaches the markup.
            "qr_svg": mark_safe(qr.svg_inline(scale=4, border=2)),
            "secret": b32encode(device.bin_key).decode(),
            "next": _next_url(request),
        },
        status=status,
    )


@never_cache
@require_safe
@login_required
def security(request):
    """The person's sign-in settings: password, authenticator, recovery codes."""
    user = request.user
    has_authenticator = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return render(
        request,
        "accounts/security.html",
        {
            "has_authenticator": has_authenticator,
            "recovery_left": recovery.token_set.count() if recovery else 0,
            "required": requires_second_factor(user),
            # Only links the person may open: a proposer with no office below answers 403.
            "may_change_roles": may_change_roles(user),
        },
    )


@never_cache
@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes, for a person who signed in with a second factor this session."""
    if not request.user.is_verified():
        raise PermissionDenied
    codes = services.new_recovery_codes(acting_user=request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": "", "enrolled": False}
    )
