"""sitemap.xml and robots.txt for the whole site, both languages."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Page, PageViewRestriction

from classifieds.models import Kind, Listing

MAX_LISTINGS = 20_000
ROBOTS_PRIVATE_PREFIXES = ("accounts/", "messages/", "search/", "payments/", "support/", "privacy/")


def _restricted_q():
    q = Q()
    for path in PageViewRestriction.objects.values_list("page__path", flat=True):
        q |= Q(path__startswith=path)
    return q


def _with_x_default(alternates):
    by_code = dict(alternates)
    default = by_code.get(settings.LANGUAGE_CODE) or alternates[0][1]
    return [*alternates, ("x-default", default)]


def page_entries(request):
    """One entry per live, public page per language, each listing its translations."""
    restricted = _restricted_q()
    pages = Page.objects.live().filter(depth__gt=1).select_related("locale").order_by("path")
    if restricted:
        pages = pages.exclude(restricted)
    groups = defaultdict(list)
    for page in pages.only(
        "id", "path", "depth", "url_path", "translation_key", "locale", "last_published_at"
    ):
        url = page.get_url(request)
        if url:
            groups[page.translation_key].append((page, request.build_absolute_uri(url)))
    order = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}
    entries = []
    for members in groups.values():
        members.sort(key=lambda item: order.get(item[0].locale.language_code, len(order)))
        alternates = [(page.locale.language_code, url) for page, url in members]
        alternates = _with_x_default(alternates) if len(alternates) > 1 else []
        for page, url in members:
            entries.append({"loc": url, "lastmod": page.last_published_at, "alternates": alternates})
    return entries


def listing_entries(request):
    """Published listings anyone may see (personals stay out), once per language."""
    listings = (
        Listing.objects.visible()
        .exclude(kind=Kind.PERSONALS)
        .only("id", "kind", "title", "updated_at", "bumped_at")
        .order_by("-bumped_at", "-pk")[:MAX_LISTINGS]
    )
    entries = []
    for listing in listings:
        alternates = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                alternates.append((code, request.build_absolute_uri(listing.get_absolute_url())))
        alternates = _with_x_default(alternates)
        for _code, url in alternates[:-1]:
            entries.append({"loc": url, "lastmod": listing.updated_at, "alternates": alternates})
    return entries


@require_GET
def sitemap(request):
    entries = page_entries(request) + listing_entries(request)
    return render(
        request, "home/sitemap.xml", {"entries": entries}, content_type="application/xml; charset=utf-8"
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
