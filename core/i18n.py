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
        home = None
        site = Site.find_for_request(request)
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
        cache[page.translation_key] = list(
            Page.objects.filter(translation_key=page.translation_key, live=True).select_related("locale")
        )
    return cache[page.translation_key]


def _with_subview(request, page, other, url):
    """Keep a sub-view of a routable page (a topic, a tag) in the other language when
    that language's page says it can show it (``has_subview``)."""
    check = getattr(other.specific_deferred, "has_subview", None)
    base = page.get_url(request) if check is not None else None
    if not url or not base or request.path == base or not request.path.startswith(base):
        return url
    suffix = request.path[len(base) :]
    return url + suffix if check(suffix) else url


def alternate_urls(request, page=None):
    """Map each language code to the URL of the same content in that language.

    A Wagtail page links to its live translation, or to the other language's home
    when it has none; other views are translated by URL pattern.
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
            urls[code] = locale_home_url(request, code)
    return urls
