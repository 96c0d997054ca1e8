from django.urls import path

from saisaat.notices import views

app_name = "notices"

urlpatterns = [
    path("notifications/", views.notice_list, name="list"),
    path("notifications/read/", views.mark_all_read, name="read"),
]
