from django.urls import path

from . import views

urlpatterns = [
    path("<str:username>/", views.public_profile_view, name="public_profile"),
]
