from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("venues/<int:page_id>/review/", views.write_review, name="review"),
    path("reviews/<int:pk>/delete/", views.delete_review, name="delete_review"),
    path("reviews/<int:pk>/report/", views.report_review, name="report_review"),
    path("venues/<int:page_id>/claim/", views.claim_venue, name="claim"),
    path("reviews/<int:pk>/reply/", views.reply_to_review, name="reply"),
    path("venues/<int:page_id>/propose/", views.propose_edit, name="propose"),
]
