from django.urls import path

from saisaat.participation.views import activities as views

urlpatterns = [
    path("<str:code>/activities/", views.activity_list, name="activity-list"),
    path("<str:code>/activities/new/", views.activity_create, name="activity-create"),
    path("activities/<int:pk>/", views.activity_detail, name="office-activity-detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:pk>/attendance/", views.attendance_add, name="activity-attendance-add"),
    path(
        "activities/<int:pk>/attendance/<int:staff_pk>/remove/",
        views.attendance_remove,
        name="activity-attendance-remove",
    ),
    path("activities/<int:pk>/check-in/open/", views.checkin_toggle, name="activity-checkin-open"),
    path(
        "activities/<int:pk>/check-in/new-code/",
        views.checkin_regenerate,
        name="activity-checkin-regenerate",
    ),
    path("activities/<int:pk>/qr/", views.qr_print, name="activity-qr-print"),
    path("activities/<int:pk>/qr.svg", views.qr_svg, name="activity-qr-svg"),
    path("activities/<int:pk>/qr.png", views.qr_png, name="activity-qr-png"),
    path("check-in/<str:token>/", views.check_in, name="activity-check-in"),
]
