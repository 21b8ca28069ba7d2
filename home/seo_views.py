"""The sitemap index (sitemap.xml), its sections and robots.txt, both languages."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from home.sitemaps import sitemaps

ROBOTS_PRIVATE_PREFIXES = ("accounts/", "messages/", "search/", "payments/", "support/", "privacy/")
XML = "application/xml; charset=utf-8"


@require_GET
def sitemap_index(request):
    """The index: one entry per section and per page (?p=2 …) of a section."""
    return sitemap_views.index(
        request,
        sitemaps(request),
        template_name="home/sitemap_index.xml",
        content_type=XML,
        sitemap_url_name="sitemap_section",
    )


@require_GET
def sitemap_section(request, section):
    return sitemap_views.sitemap(
        request, sitemaps(request), section=section, template_name="home/sitemap.xml", content_type=XML
    )


@require_GET
def robots(request):
    prefixes = [
        f"/{code}/{prefix}" for code, _name in settings.LANGUAGES for prefix in ROBOTS_PRIVATE_PREFIXES
    ]
    return render(
        request,
        "home/robots.txt",
        {
            "disallow": ["/admin/", "/django-admin/", *prefixes],
            "sitemap": request.build_absolute_uri(reverse("sitemap")),
        },
        content_type="text/plain; charset=utf-8",
    )
