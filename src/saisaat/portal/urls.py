from django.urls import path

from saisaat.portal import views

app_name = "portal"

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<str:code>/", views.home, name="home"),
    path("<str:code>/pages/<slug:kind>/", views.page, name="page"),
    path("<str:code>/pages/<slug:kind>/file/", views.page_attachment, name="page-attachment"),
    path("<str:code>/documents/", views.documents, name="documents"),
    path("<str:code>/documents/<int:pk>/file/", views.document_pdf, name="document-pdf"),
    path("<str:code>/oit/", views.oit_checklist, name="oit"),
    path("<str:code>/manage/", views.manage, name="manage"),
    path("<str:code>/manage/<slug:kind>/", views.edit, name="edit"),
    path("<str:code>/manage/<slug:kind>/publish/", views.publish, name="publish"),
    path("<str:code>/manage/<slug:kind>/unpublish/", views.unpublish, name="unpublish"),
]
