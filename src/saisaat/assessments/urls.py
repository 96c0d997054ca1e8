from django.urls import path

from saisaat.assessments import views, views_fives, views_moral

app_name = "assessments"

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("<str:code>/new/", views.round_new, name="round-new"),
    path("rounds/<int:pk>/", views.round_detail, name="round-detail"),
    path("rounds/<int:pk>/advance/", views.round_advance, name="round-advance"),
    path("rounds/<int:pk>/score/<str:code>/", views.round_score, name="round-score"),
    path("rounds/<int:pk>/results/", views.round_results, name="round-results"),
    path("rounds/<int:pk>/certificate/", views.round_certificate, name="round-certificate"),
    path("rounds/<int:pk>/moral/", views_moral.round_moral, name="round-moral"),
    path("scores/<int:pk>/photo/", views.score_photo, name="score-photo"),
    path("<str:code>/5s/", views_fives.checklist, name="fives-checklist"),
    path("<str:code>/5s/rounds/new/", views_fives.quarter_round_new, name="fives-round-new"),
    path("<str:code>/5s/trend/", views_fives.trend, name="fives-trend"),
    path("<str:code>/5s/programme/", views_fives.programme, name="fives-programme"),
    path("5s/areas/<int:pk>/remove/", views_fives.work_area_remove, name="fives-area-remove"),
    path("rounds/<int:pk>/actions/<str:code>/", views_fives.round_actions, name="fives-actions"),
    path("5s/actions/<int:pk>/close/", views_fives.action_close, name="fives-action-close"),
]
