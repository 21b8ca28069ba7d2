"""What the home page's automatic sections show, each in a fixed number of queries
whatever the number of articles, events, listings and venues."""

from datetime import timedelta

from django.db.models import F, OuterRef, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from wagtail.models import Locale

from articles.models import CARD_RENDITION as ARTICLE_RENDITION
from articles.models import ArticlePage, cards
from classifieds.models import Kind, Listing
from core import lookups
from core.renditions import attach_renditions, loaded
from directory.models import CARD_RENDITION as VENUE_RENDITION
from directory.models import VenuePage, VenueRating
from events import listing as event_listing
from events.dates import local
from events.views_calendar import decorate

LISTING_KINDS = [Kind.HOUSING, Kind.JOBS, Kind.BUY_SELL]


def _remembered(request, name, compute):
    """Compute once per request what several sections need."""
    if request is None:
        return compute()
    store = request.__dict__.setdefault("_longtang_home", {})
    if name not in store:
        store[name] = compute()
    return store[name]


def active_locale(request=None):
    def compute():
        try:
            return Locale.get_active()
        except Locale.DoesNotExist:
            return Locale.get_default()

    return _remembered(request, "locale", compute)


def public(queryset, request=None):
    """Leave out pages behind a view restriction (their paths are cached: no query)."""
    return lookups.public(queryset)


def localized_articles(chosen, request=None):
    """The chosen articles in the visitor's language, in the editor's order; those
    not translated (or not live) are left out."""
    keys = [page.translation_key for page in chosen if page is not None]
    if not keys:
        return []
    found = {
        article.translation_key: article
        for article in cards(
            public(ArticlePage.objects.live(), request).filter(
                translation_key__in=keys, locale=active_locale(request)
            ),
            renditions=False,
        )
    }
    return [found[key] for key in keys if key in found]


def latest_articles(count, request=None):
    queryset = public(ArticlePage.objects.live(), request).filter(locale=active_locale(request))
    return list(cards(queryset, renditions=False)[:count])


def events_this_week(count, request=None):
    now = timezone.now()
    locale = active_locale(request)
    occurrences = list(
        event_listing.occurrences(locale, now).filter(start__lt=now + timedelta(days=7))[:count]
    )
    return decorate(occurrences, locale, local(now).date(), renditions=False)


def newest_listings(count, request=None):
    """The newest published listings of each public kind (personals stay off the
    home page), ``count`` of each, in one query."""
    newest_first = [F("bumped_at").desc(), F("pk").desc()]
    found = (
        Listing.objects.visible()
        .filter(kind__in=LISTING_KINDS)
        .annotate(rank=Window(RowNumber(), partition_by=[F("kind")], order_by=newest_first))
        .filter(rank__lte=count)
        .select_related("district")
        .order_by(*newest_first)
    )
    by_kind = {}
    for listing in found:
        by_kind.setdefault(listing.kind, []).append(listing)
    return [
        {"kind": kind, "label": Kind(kind).label, "listings": by_kind[kind]}
        for kind in LISTING_KINDS
        if by_kind.get(kind)
    ]


def top_venues(count, request=None):
    rating = VenueRating.objects.filter(translation_key=OuterRef("translation_key"))
    return list(
        public(VenuePage.objects.live(), request)
        .filter(locale=active_locale(request))
        .annotate(
            rating_average=Subquery(rating.values("average")[:1]),
            rating_count=Subquery(rating.values("count")[:1]),
        )
        .filter(rating_count__gt=0)
        .select_related("district", "cover_image")
        .order_by("-rating_average", "-rating_count", "title")[:count]
    )


def card_images(items):
    """The pictures the cards of ``items`` (articles, event occurrences, venues) show,
    with the rendition each needs: [(image, spec)]."""
    found = []
    for item in items:
        if isinstance(item, ArticlePage):
            found.append((loaded(item, "hero_image"), ARTICLE_RENDITION))
        elif isinstance(item, VenuePage):
            found.append((loaded(item, "cover_image"), VENUE_RENDITION))
        elif hasattr(item, "page") and hasattr(item.page, "image_id"):
            found.append((loaded(item.page, "image"), event_listing.CARD_RENDITION))
    return [(image, spec) for image, spec in found if image is not None]


def prepare(body, request):
    """Fill every curated and automatic section of a home page body before it is
    rendered, then read the card renditions of all of them in one query. The blocks
    find their items in ``prepared(request, value)``."""
    if request is None:
        return
    prepare_links(body, request)
    store = request.__dict__.setdefault("_longtang_home_items", {})
    images = []
    for block in body:
        items_of = getattr(block.block, "section_items", None)
        if items_of is None:
            continue
        items = items_of(block.value, request)
        store[id(block.value)] = items
        if block.block_type != "newest_listings":
            images.extend(card_images(items))
    attach_renditions([image for image, _spec in images], *{spec for _image, spec in images})


def localized_pages(pages, request=None):
    """{page pk: what ``page.localized`` answers} for ``pages``, in one query (none
    when every page is in the visitor's language already)."""
    from wagtail.models import Page

    locale = active_locale(request)
    pages = [page for page in pages if page is not None]
    others = {page.translation_key for page in pages if page.locale_id != locale.id}
    translations = {}
    if others:
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(translation_key__in=others, locale=locale)
        }
    found = {}
    for page in pages:
        target = page
        if page.locale_id != locale.id:
            translation = translations.get(page.translation_key)
            if translation is not None and translation.live:
                target = translation
        found[page.pk] = target
    return found


def prepare_links(body, request):
    """What the hero and featured-pages blocks link to, in the visitor's language."""
    chosen = []
    for block in body:
        if block.block_type == "hero" and block.value.get("link_page") is not None:
            chosen.append(block.value["link_page"])
        elif block.block_type == "featured_pages":
            chosen.extend(block.value.get("pages") or [])
    if chosen:
        request.__dict__.setdefault("_longtang_home_links", {}).update(localized_pages(chosen, request))


def localized_link(request, page):
    """``page.localized``, read in ``prepare_links`` when it ran."""
    store = getattr(request, "_longtang_home_links", None) or {}
    return store.get(page.pk) or page.localized


def prepared(request, value):
    store = getattr(request, "_longtang_home_items", None) or {}
    return store.get(id(value))
