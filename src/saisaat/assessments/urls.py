from django.urls import path

from saisaat.assessments import views

app_name = "assessments"

urlpatterns = []
