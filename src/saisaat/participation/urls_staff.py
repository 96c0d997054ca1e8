from django.urls import path

from saisaat.participation.views import staff as views

urlpatterns = [
    path("staff/<int:pk>/", views.staff_detail, name="staff-detail"),
    path("staff/<int:pk>/edit/", views.staff_edit, name="staff-edit"),
    path("<str:code>/staff/", views.staff_list, name="staff-list"),
    path("<str:code>/staff/import/", views.staff_import, name="staff-import"),
    path(
        "<str:code>/staff/import/confirm/", views.staff_import_confirm, name="staff-import-confirm"
    ),
]
