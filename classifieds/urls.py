from django.urls import path

from . import saved_search_views, views
from .feeds import KindFeed

app_name = "classifieds"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("saved-searches/", saved_search_views.saved_searches, name="saved_searches"),
    path(
        "saved-searches/<int:pk>/frequency/",
        saved_search_views.change_frequency,
        name="saved_search_frequency",
    ),
    path("saved-searches/<int:pk>/delete/", saved_search_views.delete_search, name="saved_search_delete"),
    path("<slug:kind>/", views.index, name="index"),
    path("<slug:kind>/feed/", KindFeed(), name="feed"),
    path("<slug:kind>/post/", views.post, name="post"),
    path("<slug:kind>/save-search/", saved_search_views.save_search, name="save_search"),
    path("<slug:kind>/<int:pk>/", views.detail, name="detail_short"),
    path("<slug:kind>/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("listing/<int:pk>/edit/", views.edit, name="edit"),
    path("listing/<int:pk>/submit/", views.submit, name="submit"),
    path("listing/<int:pk>/bump/", views.bump, name="bump"),
    path("listing/<int:pk>/taken/", views.mark_taken, name="taken"),
    path("listing/<int:pk>/delete/", views.delete, name="delete"),
    path("listing/<int:pk>/photos/<int:photo_pk>/delete/", views.delete_photo, name="delete_photo"),
    path("listing/<int:pk>/report/", views.report, name="report"),
]
