from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("submit/", views.submit_event, name="submit"),
]
