from django.urls import path

from saisaat.tracking import views

app_name = "tracking"

urlpatterns = [
    path("work/", views.my_work, name="my-work"),
    path("units/<str:code>/", views.unit_detail, name="unit-detail"),
    path("units/<str:code>/activities/", views.add_unit_activity, name="unit-add-activity"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/evidence/", views.add_evidence, name="evidence-add"),
    path("assignments/<int:pk>/link/", views.link_record, name="evidence-link"),
    path("assignments/<int:pk>/submit/", views.submit_assignment, name="assignment-submit"),
    path("assignments/<int:pk>/review/", views.review_assignment, name="assignment-review"),
    path("assignments/<int:pk>/officer/", views.assign_officer, name="assignment-officer"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("evidence/<int:pk>/correct/", views.correct_evidence, name="evidence-correct"),
    path("evidence/<int:pk>/detach/", views.detach_evidence, name="evidence-detach"),
    path("provinces/<str:code>/", views.province_dashboard, name="province-dashboard"),
    path("provinces/<str:code>/missing/", views.province_missing, name="province-missing"),
    path("department/", views.department_view, name="department"),
    path("plans/<int:pk>/publish/", views.publish_plan, name="plan-publish"),
    # Under plans/ with the plan pages, though it shows tracking's statuses.
    path("plans/activities/<int:pk>/", views.activity_detail, name="activity-detail"),
]
