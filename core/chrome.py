"""The pages the site chrome needs, read together in one query per request: the live
translations of the page being shown (language switcher, hreflang), the main menu
(live menu pages below the visitor's home page) and the footer links chosen in the
site settings with their translations in the visitor's language."""

from django.db.models import Q
from django.utils import translation
from wagtail.models import Page

from .models import SiteChrome

STORE = "_longtang_chrome"


def routed_page(request):
    route = getattr(request, "_wagtail_route_for_request", None)
    return route[0] if route else None


def footer_choices(request):
    """[(chosen page id, label)] from the site settings (no query: cached settings,
    raw block data)."""
    chrome = SiteChrome.load(request_or_site=request)
    chosen = []
    for block in chrome.footer_links.raw_data:
        value = block.get("value") or {}
        if value.get("page"):
            chosen.append((value["page"], value.get("label") or ""))
    return chosen


def chrome_pages(request):
    """{"translations": [...] or None, "menu": [...], "footer": {...}} for this request
    in the active language, read once."""
    from .i18n import localized_home

    language = translation.get_language()
    store = request.__dict__.setdefault(STORE, {})
    if language in store:
        return store[language]
    page = routed_page(request)
    home = localized_home(request, language)
    chosen = footer_choices(request)
    chosen_ids = [pk for pk, _label in chosen]

    wanted = Q(pk__in=[])
    if page is not None and page.pk:
        wanted |= Q(translation_key=page.translation_key, live=True)
    if home is not None:
        wanted |= Q(path__startswith=home.path, depth=home.depth + 1, live=True, show_in_menus=True)
    if chosen_ids:
        keys = Page.objects.filter(pk__in=chosen_ids).values("translation_key")
        wanted |= Q(pk__in=chosen_ids) | Q(
            translation_key__in=keys, locale__language_code=language, live=True
        )
    pages = []
    if page is not None or home is not None or chosen_ids:
        pages = list(Page.objects.filter(wanted).select_related("locale").order_by("path"))

    found = {
        "translations": (
            [p for p in pages if p.translation_key == page.translation_key and p.live]
            if page is not None and page.pk
            else None
        ),
        "translations_of": page.translation_key if page is not None else None,
        "menu": (
            [
                p
                for p in pages
                if home is not None
                and p.live
                and p.show_in_menus
                and p.depth == home.depth + 1
                and p.path.startswith(home.path)
            ]
        ),
        "footer": _footer_links(request, chosen, pages, language),
    }
    store[language] = found
    return found


def _footer_links(request, chosen, pages, language):
    key_of = {p.pk: p.translation_key for p in pages}
    localized = {p.translation_key: p for p in pages if p.live and p.locale.language_code == language}
    links = []
    for pk, label in chosen:
        target = localized.get(key_of.get(pk))  # untranslated pages stay out of the other language
        if target is None:
            continue
        links.append({"url": target.get_url(request), "label": label or target.title})
    return links
