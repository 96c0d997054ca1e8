from django.urls import path

from saisaat.participation.views import goals as views

urlpatterns = [
    path("<str:code>/goals/", views.goal_list, name="goal-list"),
    path("<str:code>/goals/propose/", views.goal_propose, name="goal-propose"),
    path("<str:code>/goals/participation/", views.goal_participation, name="goal-participation"),
    path("goals/<int:pk>/vote/", views.goal_vote, name="goal-vote"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<int:pk>/withdraw/", views.goal_withdraw, name="goal-withdraw"),
    path("goals/<int:pk>/adopt/", views.goal_adopt, name="goal-adopt"),
]
