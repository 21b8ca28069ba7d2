from django.urls import path

from . import views

app_name = "support"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/sent/", views.contact_sent, name="contact_sent"),
    path("tickets/", views.ticket_list, name="tickets"),
    path("tickets/new/", views.ticket_new, name="new"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket"),
]
