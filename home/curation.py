"""What the home page's automatic sections show, each in a fixed number of queries
whatever the number of articles, events, listings and venues."""

from datetime import timedelta

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Locale, PageViewRestriction

from articles.models import ArticlePage, cards
from classifieds.models import Kind, Listing
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
    """Leave out pages behind a view restriction (its paths read once per request)."""
    paths = _remembered(
        request, "restricted", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )
    restricted = Q()
    for path in paths:
        restricted |= Q(path__startswith=path)
    return queryset.exclude(restricted) if paths else queryset


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
            )
        )
    }
    return [found[key] for key in keys if key in found]


def latest_articles(count, request=None):
    queryset = public(ArticlePage.objects.live(), request).filter(locale=active_locale(request))
    return list(cards(queryset)[:count])


def events_this_week(count, request=None):
    now = timezone.now()
    locale = active_locale(request)
    occurrences = list(
        event_listing.occurrences(locale, now).filter(start__lt=now + timedelta(days=7))[:count]
    )
    return decorate(occurrences, locale, local(now).date())


def newest_listings(count, request=None):
    """The newest published listings of each public kind (personals stay off the
    home page): one query per kind."""
    sections = []
    for kind in LISTING_KINDS:
        listings = list(
            Listing.objects.visible()
            .filter(kind=kind)
            .select_related("district")
            .order_by("-bumped_at", "-pk")[:count]
        )
        if listings:
            sections.append({"kind": kind, "label": Kind(kind).label, "listings": listings})
    return sections


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
        .select_related("district")
        .prefetch_related(
            Prefetch("cover_image", queryset=Image.objects.prefetch_renditions(VENUE_RENDITION))
        )
        .order_by("-rating_average", "-rating_count", "title")[:count]
    )
