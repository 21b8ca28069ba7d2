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


def alternate_urls(request, page=None):
    """Map each language code to the URL of the same content in that language.

    A Wagtail page links to its live translation, or to the other language's home
    when it has none; other views are translated by URL pattern.
    """
    urls = {}
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in Page.objects.filter(translation_key=page.translation_key, live=True).select_related(
                "locale"
            )
        }
    match = getattr(request, "resolver_match", None)
    serves_pages = match is None or match.url_name == "wagtail_serve"
    for code, _name in settings.LANGUAGES:
        if page is not None and code in translations:
            with translation.override(code):
                urls[code] = translations[code].get_url(request)
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
