from django.urls import path

from saisaat.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("my/", views.my_tests, name="my-tests"),
    path("tests/<int:pk>/start/", views.test_start, name="test-start"),
    path("attempts/<int:pk>/", views.attempt, name="attempt"),
    path("questions/<int:pk>/active/", views.question_active, name="question-active"),
    path("<str:code>/", views.office, name="office"),
    path("<str:code>/tests/new/", views.test_create, name="test-create"),
    path("<str:code>/questions/", views.questions, name="questions"),
]
