"""What search engines and link previews read: canonical URL, alternates in other
languages (only translations that exist), and OpenGraph / Twitter card data."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from .i18n import live_translations, shared_subview

OG_RENDITION = "fill-1200x630|format-jpeg"
OG_LOCALES = {"en": "en_GB", "zh-hans": "zh_CN"}
IMAGE_FIELDS = ("hero_image", "cover_image", "image")


def page_image(page):
    """The picture that stands for ``page`` in link previews, if it has one."""
    for name in IMAGE_FIELDS:
        if getattr(page, f"{name}_id", None):
            return getattr(page, name)
    return None


def page_description(page):
    for name in ("search_description", "standfirst", "introduction"):
        value = getattr(page, name, "")
        if value:
            return value
    return ""


def page_alternates(request, page):
    """[(language code, absolute URL)] of the live translations of ``page`` that can
    show the same view (same sub-view: a topic, a calendar date, a policy version);
    the page itself included."""
    alternates = []
    for other in live_translations(request, page):
        suffix = shared_subview(request, page, other)
        if suffix is None:
            continue  # that language cannot show this view
        with translation.override(other.locale.language_code):
            url = other.get_url(request)
        if url:
            alternates.append((other.locale.language_code, request.build_absolute_uri(url + suffix)))
    return alternates


def view_alternates(request):
    """Alternates of a plain (non-page) view: the same URL pattern in each language."""
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if code != translation.get_language() and url == request.path:
            continue  # no such view in that language
        alternates.append((code, request.build_absolute_uri(url)))
    return alternates


def seo_data(request, page=None):
    if request is None:
        return {}
    match = getattr(request, "resolver_match", None)
    is_page = isinstance(page, Page) and page.pk is not None
    if is_page:
        alternates = page_alternates(request, page)
    elif match is not None and match.url_name != "wagtail_serve":
        alternates = view_alternates(request)
    else:
        alternates = []
    order = {code: n for n, (code, _name) in enumerate(settings.LANGUAGES)}
    alternates.sort(key=lambda item: order.get(item[0], len(order)))
    by_code = dict(alternates)
    x_default = by_code.get(settings.LANGUAGE_CODE) or (alternates[0][1] if alternates else None)

    canonical = request.build_absolute_uri(request.path)
    own_url = page.get_url(request) if is_page else None
    if own_url and not request.path.startswith(urlsplit(own_url).path):
        # A page shown under another address (an event not translated yet, shown
        # under the reader's calendar: events.EventIndexPage.guest_event): its own
        # address is the canonical one.
        canonical = page.get_full_url(request) or canonical
    number = request.GET.get("page", "")
    if number.isdigit() and 1 < int(number) < 100_000:
        canonical = f"{canonical}?page={int(number)}"

    current = translation.get_language()
    data = {
        "canonical": canonical,
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": x_default if len(alternates) > 1 else None,
        "og_locale": OG_LOCALES.get(current, current),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code in by_code if code != current],
        "og_type": "website",
        "description": "",
        "image": None,
    }
    if is_page:
        data["description"] = page_description(page)
        data["og_type"] = getattr(page, "og_type", "website")
        image = page_image(page)
        if image is not None:
            rendition = image.get_rendition(OG_RENDITION)
            data["image"] = {
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": getattr(page, "hero_caption", "") or image.title,
            }
    return data
