from django.urls import path

from saisaat.indicators import views

app_name = "indicators"

urlpatterns = [
    path("units/<str:code>/", views.unit_indicators, name="unit"),
    path("units/<str:code>/targets/<int:target_id>/", views.target_detail, name="target"),
    path("units/<str:code>/project/<str:key>/", views.project_detail, name="project"),
]
