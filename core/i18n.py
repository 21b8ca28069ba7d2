"""Which URL shows "this page" in another language."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site


def localized_home(request, language_code):
    """The live home page of ``language_code`` for this request's site, or None.

    Remembered on the request: the header, the menu and the language switcher all
    ask for it.
    """
    cache = request.__dict__.setdefault("_longtang_homes", {})
    if language_code not in cache:
        home = _routed_home(request, language_code)
        site = Site.find_for_request(request) if home is None else None
        if site is not None:
            home = (
                Page.objects.filter(
                    translation_key=site.root_page.translation_key,
                    locale__language_code=language_code,
                    live=True,
                )
                .select_related("locale")
                .first()
            )
        cache[language_code] = home
    return cache[language_code]


def _routed_home(request, language_code):
    """The home page this request was routed through, when it is the live home of
    ``language_code`` (no query: routing read it already)."""
    from wagtail.models import Locale

    from .lookups import locale_ids
    from .routing import ROOT

    home = getattr(request, ROOT, None)
    if home is None or not home.live or home.locale_id != locale_ids().get(language_code):
        return None
    site = Site.find_for_request(request)
    if site is None or site.root_page.translation_key != home.translation_key:
        return None
    home.locale = Locale.objects.get_for_language(language_code)
    return home


def locale_home_url(request, language_code):
    """The home page of ``language_code``, or its bare prefix if there is none."""
    home = localized_home(request, language_code)
    if home is not None:
        with translation.override(language_code):
            url = home.get_url(request)
        if url:
            return url
    return f"/{language_code}/"


def live_translations(request, page):
    """The live pages sharing ``page``'s translation key (itself included), with
    their locales; remembered on the request for the switcher and the SEO tags."""
    cache = request.__dict__.setdefault("_longtang_translations", {})
    if page.translation_key not in cache:
        from .chrome import chrome_pages, routed_page

        routed = routed_page(request)
        if routed is not None and routed.pk == page.pk:
            cache[page.translation_key] = chrome_pages(request)["translations"]
            return cache[page.translation_key]
        cache[page.translation_key] = list(
            Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale")
        )
    return cache[page.translation_key]


def subview_suffix(request, page):
    """The part of the path a routable page serves below its own URL ("topic/food/",
    "month/2026-12/"), or "" on the page itself."""
    base = page.get_url(request) or ""
    if base and request.path != base and request.path.startswith(base):
        return request.path[len(base) :]
    return ""


def shared_subview(request, page, other):
    """The sub-view suffix ``other`` (a translation of ``page``) shows for this
    request: the same one when ``other.has_subview`` says it can, else None.

    Pages without ``has_subview`` keep no sub-view: a routable page opts in.
    """
    suffix = subview_suffix(request, page)
    if not suffix or other.pk == page.pk:
        return suffix
    check = getattr(other.specific_deferred, "has_subview", None)
    return suffix if check is not None and check(suffix) else None


def _with_subview(request, page, other, url):
    """``url`` (``other``'s own URL) with this request's sub-view and query string,
    so the switcher lands on the same date, month, version or filters.

    A sub-view ``other`` cannot show falls back to ``other.subview_fallback(suffix)``
    (a policy's version history) or to ``other`` itself, without the query string.
    """
    if not url:
        return url
    suffix = shared_subview(request, page, other)
    if suffix is None:
        fallback = getattr(other.specific_deferred, "subview_fallback", None)
        return url + (fallback(subview_suffix(request, page)) if fallback else "")
    query = request.GET.urlencode()
    return f"{url}{suffix}?{query}" if query else url + suffix


def nearest_translated_ancestor(page, language_code):
    """The closest live ``language_code`` translation of one of ``page``'s ancestors
    (a venue's category, then the directory, then the home page), or None."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).values_list("translation_key", "depth"))
    if not ancestors:
        return None
    depth_of = dict(ancestors)
    found = Page.objects.filter(
        translation_key__in=depth_of, locale__language_code=language_code, live=True
    ).select_related("locale")
    return max(found, key=lambda p: depth_of[p.translation_key], default=None)


def fallback_url(request, page, language_code):
    """Where the switcher sends a visitor when ``page`` has no live translation in
    ``language_code``: the nearest translated ancestor, else that language's home."""
    if isinstance(page, Page) and page.pk:
        ancestor = nearest_translated_ancestor(page, language_code)
        if ancestor is not None:
            with translation.override(language_code):
                url = ancestor.get_url(request)
            if url:
                return url
    return locale_home_url(request, language_code)


def alternate_urls(request, page=None):
    """Map each language code to the URL of the same content in that language.

    A Wagtail page links to its live translation, or to its nearest translated
    ancestor when it has none; other views are translated by URL pattern.
    """
    urls = {}
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {p.locale.language_code: p for p in live_translations(request, page)}
    match = getattr(request, "resolver_match", None)
    serves_pages = match is None or match.url_name == "wagtail_serve"
    for code, _name in settings.LANGUAGES:
        if page is not None and code in translations:
            with translation.override(code):
                urls[code] = translations[code].get_url(request)
            urls[code] = _with_subview(request, page, translations[code], urls[code])
        elif page is None and not serves_pages:
            url = translate_url(request.path, code)
            if url == request.path and code != translation.get_language():
                url = locale_home_url(request, code)
            elif request.GET:
                url = f"{url}?{request.GET.urlencode()}"
            urls[code] = url
        else:
            urls[code] = fallback_url(request, page, code)
    return urls
