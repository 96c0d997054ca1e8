from django.urls import path

from saisaat.participation.views import innovation as views

urlpatterns = [
    path("<str:code>/innovation/", views.innovation_list, name="innovation-list"),
    path("<str:code>/innovation/add/", views.innovation_add, name="innovation-add"),
    path("innovation/<int:pk>/", views.innovation_detail, name="innovation-detail"),
    path("innovation/<int:pk>/edit/", views.innovation_edit, name="innovation-edit"),
    path(
        "innovation/<int:pk>/measurements/add/",
        views.measurement_add,
        name="innovation-measurement-add",
    ),
    path(
        "innovation/measurements/<int:pk>/edit/",
        views.measurement_edit,
        name="innovation-measurement-edit",
    ),
    path(
        "innovation/measurements/<int:pk>/delete/",
        views.measurement_delete,
        name="innovation-measurement-delete",
    ),
]
