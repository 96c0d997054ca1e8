from django.urls import path

from saisaat.participation.views import declarations as views

# "my/" comes first so that it is never read as a unit code.
urlpatterns = [
    path("my/declarations/", views.my_declarations, name="my-declarations"),
    path("my/declarations/<int:pk>/", views.my_declaration_read, name="my-declaration-read"),
    path(
        "my/declarations/<int:pk>/acknowledge/",
        views.my_declaration_acknowledge,
        name="my-declaration-acknowledge",
    ),
    path("<str:code>/declarations/", views.declaration_list, name="declaration-list"),
    path("<str:code>/declarations/new/", views.declaration_create, name="declaration-create"),
    path("<str:code>/declarations/<int:pk>/", views.declaration_detail, name="declaration-detail"),
    path("<str:code>/declarations/<int:pk>/edit/", views.declaration_edit, name="declaration-edit"),
    path(
        "<str:code>/declarations/<int:pk>/versions/",
        views.declaration_versions,
        name="declaration-versions",
    ),
    path(
        "<str:code>/declarations/<int:pk>/record/",
        views.declaration_record,
        name="declaration-record",
    ),
    path(
        "<str:code>/declarations/<int:pk>/sign-off/",
        views.declaration_sign_off,
        name="declaration-sign-off",
    ),
]
