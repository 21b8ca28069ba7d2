from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from search import views as search_views

# Machine-called endpoints (health check, webhooks, payment notifications,
# one-click unsubscribe, consent) stay outside i18n_patterns: never redirected.
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("consent/", include("privacy.consent_urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("privacy/", include("privacy.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.public_urls")),
    path("classifieds/", include("classifieds.urls")),
    path("venue-reviews/", include("directory.urls")),
    path("events/", include("events.urls")),  # /events/submit/ only; the calendar is a page
    path("messages/", include("messaging.urls")),
    path("support/", include("support.urls")),
    # Wagtail serves every other path of each language's page tree: keep it last.
    path("", include(wagtail_urls)),
)
