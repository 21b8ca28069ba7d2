from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from home import seo_views
from newsletters import views as newsletter_views
from newsletters.webhooks import ReplayProtectedMailgunTrackingView
from search import views as search_views

# Machine-called endpoints (health check, webhooks, payment notifications,
# one-click unsubscribe, consent) stay outside i18n_patterns: never redirected.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", seo_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", seo_views.robots, name="robots"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("consent/", include("privacy.consent_urls")),
    # Only Mailgun's tracking view of anymail: its other providers' views take
    # unsigned posts, which must never reach the suppression list.
    path(
        "anymail/mailgun/tracking/",
        ReplayProtectedMailgunTrackingView.as_view(),
        name="mailgun_tracking_webhook",
    ),
    path(
        "newsletters/unsubscribe/<str:token>/",
        newsletter_views.one_click_unsubscribe,
        name="newsletter_one_click",
    ),
    path("payments/notify/", include("payments.notify_urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("search/suggest/", search_views.suggest, name="search_suggest"),
    path("privacy/", include("privacy.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.public_urls")),
    path("classifieds/", include("classifieds.urls")),
    path("venue-reviews/", include("directory.urls")),
    path("events/", include("events.urls")),  # /events/submit/ only; the calendar is a page
    path("messages/", include("messaging.urls")),
    path("support/", include("support.urls")),
    path("payments/", include("payments.urls")),
    path("newsletters/", include("newsletters.urls")),
    # Wagtail serves every other path of each language's page tree: keep it last.
    path("", include(wagtail_urls)),
)
