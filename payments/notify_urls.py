from django.urls import path

from . import notify_views

urlpatterns = [path("<slug:method>/", notify_views.notify, name="payments_notify")]
