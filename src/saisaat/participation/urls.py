from django.urls import include, path

from saisaat.participation.views import hub

app_name = "participation"

# Each area keeps its own URL module so that the areas can grow independently.
urlpatterns = [
    path("", include("saisaat.participation.urls_staff")),
    path("", include("saisaat.participation.urls_certificates")),
    path("", include("saisaat.participation.urls_declarations")),
    path("", include("saisaat.participation.urls_goals")),
    path("", include("saisaat.participation.urls_activities")),
    path("", include("saisaat.participation.urls_partners")),
    path("", include("saisaat.participation.urls_innovation")),
    path("", include("saisaat.participation.urls_workplace")),
    path("", include("saisaat.participation.urls_awards")),
    # Last: a single-segment pattern would shadow the areas' own single-segment pages.
    path("<str:code>/", hub.overview, name="overview"),
]
