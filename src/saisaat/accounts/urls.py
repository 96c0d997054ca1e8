from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from saisaat.accounts import reset_views, roles, views

app_name = "accounts"

urlpatterns = [
    path("roles/", roles.role_changes, name="role-changes"),
    path("roles/<int:pk>/confirm/", roles.confirm_role_change, name="role-change-confirm"),
    path("roles/<int:pk>/refuse/", roles.refuse_role_change, name="role-change-refuse"),
    path("resets/", reset_views.sign_in_resets, name="sign-in-resets"),
    path(
        "resets/<int:pk>/confirm/",
        reset_views.confirm_sign_in_reset,
        name="sign-in-reset-confirm",
    ),
    path("resets/<int:pk>/refuse/", reset_views.refuse_sign_in_reset, name="sign-in-reset-refuse"),
    path(
        "password/set/<uidb64>/<token>/",
        reset_views.set_password,
        name="password-reset-confirm",
    ),
    path("password/set/done/", reset_views.password_set, name="password-reset-complete"),
    path("security/", views.security, name="security"),
    path("two-factor/", views.verify, name="two-factor-verify"),
    path("two-factor/setup/", views.setup, name="two-factor-setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
]
