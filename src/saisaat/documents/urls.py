from django.urls import path

from saisaat.documents import official_views, subplan_views, views

app_name = "documents"

urlpatterns = [
    path("", views.memo_list, name="memo-list"),
    path("memos/new/<slug:kind>/", views.memo_new, name="memo-new"),
    path("memos/<int:pk>/", views.memo_detail, name="memo-detail"),
    path("memos/<int:pk>/file/<str:fmt>/", views.memo_file, name="memo-file"),
    path("memos/<int:pk>/attach/", views.memo_attach, name="memo-attach"),
    path("official/", official_views.official_list, name="official-list"),
    path("official/new/<slug:kind>/", official_views.official_new, name="official-new"),
    path("official/<int:pk>/", official_views.official_detail, name="official-detail"),
    path("official/<int:pk>/edit/", official_views.official_edit, name="official-edit"),
    path("official/<int:pk>/issue/", official_views.official_issue, name="official-issue"),
    path("official/<int:pk>/file/<str:fmt>/", official_views.official_file, name="official-file"),
    path("official/<int:pk>/send/", official_views.official_send, name="official-send"),
    path(
        "official/<int:pk>/acknowledge/",
        official_views.official_acknowledge,
        name="official-acknowledge",
    ),
    path("official/<int:pk>/evidence/", official_views.official_evidence, name="official-evidence"),
    path("subplans/office/<str:code>/", subplan_views.subplan_list, name="subplan-list"),
    path("subplans/office/<str:code>/new/", subplan_views.subplan_new, name="subplan-new"),
    path("subplans/<int:pk>/", subplan_views.subplan_detail, name="subplan-detail"),
    path("subplans/<int:pk>/edit/", subplan_views.subplan_edit, name="subplan-edit"),
    path(
        "subplans/<int:pk>/activities/add/",
        subplan_views.subplan_activity_add,
        name="subplan-activity-add",
    ),
    path(
        "subplans/activities/<int:pk>/edit/",
        subplan_views.subplan_activity_edit,
        name="subplan-activity-edit",
    ),
    path(
        "subplans/activities/<int:pk>/delete/",
        subplan_views.subplan_activity_delete,
        name="subplan-activity-delete",
    ),
    path(
        "subplans/activities/<int:pk>/budget-line/",
        subplan_views.subplan_activity_budget,
        name="subplan-activity-budget",
    ),
    path("subplans/<int:pk>/issue/", subplan_views.subplan_issue, name="subplan-issue"),
    path("subplans/<int:pk>/evidence/", subplan_views.subplan_evidence, name="subplan-evidence"),
    path("subplans/<int:pk>/file/<str:fmt>/", subplan_views.subplan_file, name="subplan-file"),
    path("exports/<str:code>/plan-status.xlsx", views.plan_status_export, name="plan-status-xlsx"),
    # Both start a background job and lead to its page (saisaat.jobs).
    path("exports/<str:code>/evidence/", views.evidence_bundle, name="evidence-bundle"),
    path("exports/<str:code>/quarterly/", views.quarterly_export, name="quarterly-xlsx"),
]
