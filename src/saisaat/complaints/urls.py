from django.urls import path

from saisaat.complaints import views

app_name = "complaints"

urlpatterns = [
    # Public: no login.
    path("", views.index, name="index"),
    path("new/", views.new_complaint, name="new"),
    path("new/sent/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("statistics/<str:code>/", views.public_statistics, name="public-statistics"),
    # Staff.
    path("units/<str:code>/", views.unit_list, name="unit-list"),
    path("units/<str:code>/record/", views.record, name="record"),
    path("units/<str:code>/channels/", views.channels, name="channels"),
    path("units/<str:code>/officers/", views.officers, name="officers"),
    path("units/<str:code>/statistics/", views.statistics, name="statistics"),
    path("units/<str:code>/statistics.xlsx", views.statistics_export, name="statistics-xlsx"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/route/", views.route, name="route"),
    path("<int:pk>/notes/", views.add_note, name="note"),
    path("<int:pk>/persons/", views.set_persons, name="persons"),
    path("<int:pk>/identity/", views.reveal_identity, name="identity"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("channels/<int:pk>/", views.edit_channel, name="channel-edit"),
    path("officers/<int:pk>/remove/", views.remove_officer, name="officer-remove"),
    path("officers/pending/", views.pending_officers, name="pending-officers"),
    path("officers/<int:pk>/confirm/", views.confirm_officer, name="officer-confirm"),
    path("officers/<int:pk>/refuse/", views.refuse_officer, name="officer-refuse"),
]
