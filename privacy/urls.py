"""Member-facing privacy pages, under the language prefixes."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("export/", views.export_data, name="export"),
    path("export/download/<str:token>/", views.export_download, name="export_download"),
    path("cookies/", views.cookie_settings, name="cookie_settings"),
]
