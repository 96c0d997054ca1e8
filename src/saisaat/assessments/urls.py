from django.urls import path

from saisaat.assessments import views, views_moral

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
]
