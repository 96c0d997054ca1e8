from django.urls import path

from saisaat.budget import views

app_name = "budget"

urlpatterns = [
    path("lines/<int:pk>/", views.line_detail, name="line-detail"),
    path("lines/<int:pk>/edit/", views.line_edit, name="line-edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="line-delete"),
    path("<str:code>/", views.overview, name="overview"),
    path("<str:code>/lines/new/", views.line_add, name="line-add"),
    path("<str:code>/disbursements/", views.disbursements, name="disbursements"),
    path("<str:code>/import/", views.import_disbursements, name="import"),
    path("<str:code>/import/template.xlsx", views.import_template, name="import-template"),
    path("<str:code>/report.xlsx", views.report_xlsx, name="report-xlsx"),
    path("<str:code>/report.pdf", views.report_pdf, name="report-pdf"),
]
