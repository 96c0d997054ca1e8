from django.urls import path

from saisaat.participation.views import partners as views

urlpatterns = [
    path("<str:code>/partners/", views.partner_list, name="partner-list"),
    path("<str:code>/partners/add/", views.partner_add, name="partner-add"),
    path("<str:code>/partners/mous/add/", views.mou_add, name="mou-add"),
    path(
        "<str:code>/partners/joint-activities/add/",
        views.joint_activity_add,
        name="joint-activity-add",
    ),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner-edit"),
    path("partners/mous/<int:pk>/edit/", views.mou_edit, name="mou-edit"),
    path("partners/mous/<int:pk>/file/", views.mou_file, name="mou-file"),
    path(
        "partners/joint-activities/<int:pk>/edit/",
        views.joint_activity_edit,
        name="joint-activity-edit",
    ),
    path("partner-types/", views.partner_types, name="partner-types"),
    path("partner-types/add/", views.partner_type_add, name="partner-type-add"),
    path("partner-types/<int:pk>/", views.partner_type_edit, name="partner-type-edit"),
]
