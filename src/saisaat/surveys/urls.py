from django.urls import path

from saisaat.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="survey-list"),
    path("new/", views.survey_create, name="survey-create"),
    path("new/from-template/", views.survey_from_template, name="survey-from-template"),
    path("<int:pk>/", views.survey_detail, name="survey-detail"),
    path("<int:pk>/edit/", views.survey_edit, name="survey-edit"),
    path("<int:pk>/state/", views.survey_state, name="survey-state"),
    path("<int:pk>/results/public/", views.survey_results_public, name="survey-results-public"),
    path("<int:pk>/copy/", views.survey_copy, name="survey-copy"),
    path("<int:pk>/delete/", views.survey_delete, name="survey-delete"),
    path("<int:pk>/sections/", views.section_add, name="section-add"),
    path("<int:pk>/questions/new/", views.question_add, name="question-add"),
    path("<int:pk>/results/", views.survey_results, name="survey-results"),
    path("<int:pk>/results.xlsx", views.survey_results_xlsx, name="survey-results-xlsx"),
    path("<int:pk>/evidence/", views.survey_attach_evidence, name="survey-attach-evidence"),
    path("<int:pk>/qr.png", views.survey_qr, {"kind": "png"}, name="survey-qr-png"),
    path("<int:pk>/qr.svg", views.survey_qr, {"kind": "svg"}, name="survey-qr-svg"),
    path("<int:pk>/invitations/", views.survey_invitations, name="survey-invitations"),
    path("<int:pk>/poster/", views.survey_poster, name="survey-poster"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section-edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section-delete"),
    path("sections/<int:pk>/move/", views.section_move, name="section-move"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question-edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("questions/<int:pk>/move/", views.question_move, name="question-move"),
    path("s/<str:token>/", views.public_survey, name="public"),
    path("s/<str:token>/thanks/", views.public_thanks, name="public-thanks"),
]
