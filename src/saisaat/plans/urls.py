from django.urls import path

from saisaat.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("<int:pk>/", views.plan_detail, name="plan-detail"),
    path("<int:pk>/history/", views.plan_history, name="plan-history"),
    path("activities/<int:pk>/checklist/", views.activity_checklist, name="activity-checklist"),
]
