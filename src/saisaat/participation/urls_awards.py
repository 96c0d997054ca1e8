from django.urls import path

from saisaat.participation.views import recognitions as views

urlpatterns = [
    path("<str:code>/awards/", views.recognition_list, name="recognition-list"),
    path("<str:code>/awards/add/", views.recognition_add, name="recognition-add"),
    path("awards/<int:pk>/edit/", views.recognition_edit, name="recognition-edit"),
    path("awards/<int:pk>/delete/", views.recognition_delete, name="recognition-delete"),
    path("awards/<int:pk>/evidence/", views.recognition_attach, name="recognition-attach"),
]
