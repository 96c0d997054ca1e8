from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from saisaat.core.views import favicon, toggle_thai_digits, web_manifest

handler400 = "saisaat.core.views.bad_request"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tracking:my-work"), name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("saisaat.accounts.urls")),
    path("display/thai-digits/", toggle_thai_digits, name="toggle-thai-digits"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("manifest.webmanifest", web_manifest, name="web-manifest"),
    path("favicon.ico", favicon, name="favicon"),
    path("plans/", include("saisaat.plans.urls")),
    path("", include("saisaat.tracking.urls")),
    path("", include("saisaat.notices.urls")),
    path("participation/", include("saisaat.participation.urls")),
    path("indicators/", include("saisaat.indicators.urls")),
    path("complaints/", include("saisaat.complaints.urls")),
    path("surveys/", include("saisaat.surveys.urls")),
    path("documents/", include("saisaat.documents.urls")),
    path("budget/", include("saisaat.budget.urls")),
    path("knowledge/", include("saisaat.knowledge.urls")),
    path("portal/", include("saisaat.portal.urls")),
    path("assessments/", include("saisaat.assessments.urls")),
    path("privacy/", include("saisaat.privacy.urls")),
    path("audit/", include("saisaat.audit.urls")),
    path("jobs/", include("saisaat.jobs.urls")),
    path("admin/", admin.site.urls),
]
