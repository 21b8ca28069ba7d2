from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("archived/", views.archived, name="archived"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("t/<int:pk>/archive/", views.toggle_archive, name="archive"),
    path("t/<int:pk>/mute/", views.toggle_mute, name="mute"),
    path("m/<int:pk>/report/", views.report, name="report"),
    path("listing/<int:pk>/", views.message_poster, name="listing"),
    path("to/<str:username>/", views.direct, name="direct"),
    path("block/<str:username>/", views.block, name="block"),
    path("unblock/<str:username>/", views.unblock, name="unblock"),
    path("blocked/", views.blocked_list, name="blocked"),
    path("apply/<int:pk>/", views.apply, name="apply"),
    path("venue/<int:page_id>/", views.contact_venue, name="venue"),
    path("enquiries/", views.enquiry_list, name="enquiries"),
    path("enquiries/<int:pk>/cv/", views.cv, name="cv"),
]
