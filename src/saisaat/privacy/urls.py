from django.urls import path

from saisaat.privacy import views

app_name = "privacy"

urlpatterns = [
    path("units/<str:code>/breaches/", views.breaches, name="breaches"),
    path("breaches/<int:pk>/", views.breach, name="breach"),
    path("units/<str:code>/person/", views.person, name="person"),
    path("units/<str:code>/person/export/", views.person_export, name="person-export"),
    path("units/<str:code>/person/erase/", views.erasure_propose, name="erasure-propose"),
    path("erasures/<int:pk>/confirm/", views.erasure_confirm, name="erasure-confirm"),
    path("erasures/<int:pk>/refuse/", views.erasure_refuse, name="erasure-refuse"),
]
