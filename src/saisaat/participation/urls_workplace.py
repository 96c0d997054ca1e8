from django.urls import path

from saisaat.participation.views import workplace as views

urlpatterns = [
    path("<str:code>/environment/", views.environment_list, name="environment-list"),
    path("<str:code>/environment/add/", views.environment_add, name="environment-add"),
    path("environment/<int:pk>/edit/", views.environment_edit, name="environment-edit"),
    path("environment/<int:pk>/delete/", views.environment_delete, name="environment-delete"),
    path("environment/<int:pk>/evidence/", views.environment_attach, name="environment-attach"),
    path("<str:code>/publication-channels/", views.channel_list, name="channel-list"),
    path("<str:code>/publication-channels/add/", views.channel_add, name="channel-add"),
    path("publication-channels/<int:pk>/edit/", views.channel_edit, name="channel-edit"),
    path("publication-channels/<int:pk>/delete/", views.channel_delete, name="channel-delete"),
    path("publication-channels/<int:pk>/evidence/", views.channel_attach, name="channel-attach"),
]
