from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("my-posts/", views.my_posts, name="dashboard"),
    path("profile/", views.profile_edit, name="profile"),
    path("notifications/", views.notification_settings, name="notifications"),
    path("phone/", views.phone_verification, name="phone"),
    path("delete/", views.delete_account, name="delete"),
]
