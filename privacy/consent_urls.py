"""Consent endpoints, outside the language prefixes (machine-called, never redirected).

``privacy_consent`` takes the banner's and settings page's plain forms; the
django-cookie-consent endpoints stay available for its JavaScript client."""

from cookie_consent.views import CookieGroupAcceptView, CookieGroupDeclineView, CookieStatusView
from django.urls import path

from . import views

urlpatterns = [
    path("", views.save_consent, name="privacy_consent"),
    path("accept/", CookieGroupAcceptView.as_view(), name="cookie_consent_accept"),
    path("decline/", CookieGroupDeclineView.as_view(), name="cookie_consent_decline"),
    path("status/", CookieStatusView.as_view(), name="cookie_consent_status"),
]
