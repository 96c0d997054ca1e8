from django.urls import path

from saisaat.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.memo_list, name="memo-list"),
    path("memos/new/<slug:kind>/", views.memo_new, name="memo-new"),
    path("memos/<int:pk>/", views.memo_detail, name="memo-detail"),
    path("memos/<int:pk>/file/<str:fmt>/", views.memo_file, name="memo-file"),
    path("memos/<int:pk>/attach/", views.memo_attach, name="memo-attach"),
    path("exports/<str:code>/plan-status.xlsx", views.plan_status_export, name="plan-status-xlsx"),
    # Both start a background job and lead to its page (saisaat.jobs).
    path("exports/<str:code>/evidence/", views.evidence_bundle, name="evidence-bundle"),
    path("exports/<str:code>/quarterly/", views.quarterly_export, name="quarterly-xlsx"),
]
