from django.urls import path

from saisaat.portal import views

app_name = "portal"

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("openapi.json", views.openapi, name="openapi"),
    path("audit-chain/", views.chain_heads, name="chain-heads"),
    path("audit-chain.json", views.chain_heads_json, name="chain-heads-json"),
    path("<str:code>/", views.home, name="home"),
    path("<str:code>/pages/<slug:kind>/", views.page, name="page"),
    path("<str:code>/pages/<slug:kind>/file/", views.page_attachment, name="page-attachment"),
    path("<str:code>/documents/", views.documents, name="documents"),
    path("<str:code>/documents/<int:pk>/file/", views.document_pdf, name="document-pdf"),
    path("<str:code>/oit/", views.oit_checklist, name="oit"),
    path("<str:code>/budget/", views.budget, name="budget"),
    path("<str:code>/surveys/", views.surveys, name="surveys"),
    path("<str:code>/surveys/<int:pk>/", views.survey, name="survey"),
    path("<str:code>/partners/", views.partners, name="partners"),
    path("<str:code>/data/", views.data_index, name="data"),
    path("<str:code>/data/surveys/<int:pk>.<str:fmt>", views.survey_dataset, name="survey-data"),
    path("<str:code>/data/<slug:name>.<str:fmt>", views.dataset, name="dataset"),
    path(
        "<str:code>/manage/documents/<int:pk>/publish/",
        views.publish_document,
        name="publish-document",
    ),
    path(
        "<str:code>/manage/documents/<int:pk>/unpublish/",
        views.unpublish_document,
        name="unpublish-document",
    ),
    path("<str:code>/manage/", views.manage, name="manage"),
    path("<str:code>/manage/<slug:kind>/", views.edit, name="edit"),
    path("<str:code>/manage/<slug:kind>/publish/", views.publish, name="publish"),
    path("<str:code>/manage/<slug:kind>/unpublish/", views.unpublish, name="unpublish"),
]
