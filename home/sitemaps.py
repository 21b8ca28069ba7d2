"""The sections of the sitemap index: pages, and published listings per kind.

Every section answers in a constant number of queries however many URLs it
holds, and each of its pages (``?p=2`` …) holds at most ``limit`` URLs.
"""

from collections import defaultdict
from functools import cached_property
from math import ceil

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, Q
from wagtail.models import Page, PageViewRestriction, Site

from classifieds.models import Kind, Listing


def _with_x_default(alternates):
    """x-default is the default language's own address (every URL carries its prefix)."""
    by_code = dict(alternates)
    default = by_code.get(settings.LANGUAGE_CODE) or alternates[0][1]
    return [*alternates, ("x-default", default)]


def _as_dicts(alternates):
    return [{"lang_code": code, "location": url} for code, url in alternates]


class PageSitemap(Sitemap):
    """One URL per live, public page per language, each listing its live, public translations.

    Wagtail keeps each language's page as a page of its own, linked to the
    others by ``translation_key``: the alternates are those pages, not the same
    page reversed under another language, so Django's ``i18n`` is not used.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def _public_routable(self):
        pages = Page.objects.live().filter(depth__gt=1)
        routable = Q()
        for root in Site.get_site_root_paths():
            routable |= Q(url_path__startswith=root.root_path)
        pages = pages.filter(routable) if routable else pages.none()
        restricted = Q()
        for path in PageViewRestriction.objects.values_list("page__path", flat=True):
            restricted |= Q(path__startswith=path)
        if restricted:
            pages = pages.exclude(restricted)
        return pages

    def items(self):
        return (
            self._public_routable.select_related("locale")
            .only("id", "path", "depth", "url_path", "translation_key", "locale", "last_published_at")
            .order_by("path")
        )

    @property
    def paginator(self):
        # Counted and sliced in the database, not in a list of every page.
        return Paginator(self.items(), self.limit)

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        return self._public_routable.aggregate(latest=Max("last_published_at"))["latest"]

    def _url(self, page):
        url = page.get_url(self.request)
        return url and self.request.build_absolute_uri(url)

    def get_urls(self, page=1, site=None, protocol=None):
        on_page = self.paginator.page(page).object_list
        # Every translation of the pages of this sitemap page, in one query.
        translations = self.items().filter(translation_key__in=on_page.values("translation_key"))
        order = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}
        groups = defaultdict(list)
        urls_by_id = {}
        for other in translations:
            url = self._url(other)
            if url:
                urls_by_id[other.pk] = url
                groups[other.translation_key].append((other.locale.language_code, url))
        alternates = {}
        for key, members in groups.items():
            members.sort(key=lambda member: order.get(member[0], len(order)))
            alternates[key] = _as_dicts(_with_x_default(members)) if len(members) > 1 else []
        urls = []
        for item in on_page:
            location = urls_by_id.get(item.pk) or self._url(item)
            if not location:
                continue
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at,
                    "changefreq": None,
                    "priority": "",
                    "alternates": alternates.get(item.translation_key, []),
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


class _PerLanguage:
    """A queryset's (item, language) pairs, counted and sliced in the database."""

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = list(languages)

    @cached_property
    def _count(self):
        return self.queryset.count() * len(self.languages)

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("Only plain slices of (item, language) pairs are supported.")
        start, stop = index.start or 0, index.stop
        if start < 0 or stop is None or stop < 0:
            raise TypeError("Only slices with non-negative bounds are supported.")
        per_item = len(self.languages)
        first = start // per_item
        items = self.queryset[first : ceil(stop / per_item)]
        pairs = [(item, code) for item in items for code in self.languages]
        offset = first * per_item
        return pairs[start - offset : stop - offset]


class ListingSitemap(Sitemap):
    """Published listings of one kind anyone may see, once per language.

    A listing's address follows the active language, so Django's ``i18n`` and
    ``alternates`` build both languages; x-default is added as the default
    language's own address, since every address here carries its language prefix.
    """

    i18n = True
    alternates = True

    def __init__(self, kind):
        if kind == Kind.PERSONALS:
            raise ValueError("Personals never appear in the sitemap.")
        self.kind = kind

    def _visible(self):
        return Listing.objects.visible().filter(kind=self.kind)

    def items(self):
        return self._visible().only("id", "kind", "title", "updated_at").order_by("pk")

    @property
    def paginator(self):
        # Django's i18n pairs every item with every language in a list of them all;
        # this pairs only the slice that a sitemap page shows.
        return Paginator(_PerLanguage(self.items(), self._languages()), self.limit)

    def lastmod(self, listing):
        return listing.updated_at

    def get_latest_lastmod(self):
        return self._visible().aggregate(latest=Max("updated_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            pairs = [(alt["lang_code"], alt["location"]) for alt in url["alternates"]]
            url["alternates"] = _as_dicts(_with_x_default(pairs)) if pairs else []
        return urls


def sitemaps(request):
    """The sections of the index, by the name in their address (sitemap-<name>.xml)."""
    sections = {"pages": PageSitemap(request)}
    for kind in Kind:
        if kind != Kind.PERSONALS:
            sections[f"classifieds-{kind.value}"] = ListingSitemap(kind)
    return sections
