from django.urls import path

from saisaat.participation.views import certificates as views

urlpatterns = [
    path("courses/", views.course_list, name="course-list"),
    path("courses/add/", views.course_add, name="course-add"),
    path("my/certificates/", views.my_certificates, name="my-certificates"),
    path("staff/<int:pk>/certificates/", views.certificate_add, name="certificate-add"),
    path("certificates/<int:pk>/file/", views.certificate_file, name="certificate-file"),
    path("certificates/<int:pk>/delete/", views.certificate_delete, name="certificate-delete"),
    path("<str:code>/certificates/", views.certificate_list, name="certificate-list"),
]
