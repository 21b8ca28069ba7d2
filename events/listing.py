"""Occurrence queries for the calendar views, with a constant number of queries
whatever the number of events (pages, districts, venues and images in bulk).

Readers of either language see every event once: its version in their language when
there is one, else the version it was written in (an event a member sent in Chinese
is on the English calendar too, labelled "In Chinese"). See ``shown_in``.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.lookups import restricted_paths
from core.models import District
from core.renditions import attach_renditions, loaded

from .dates import NIGHT_ENDS, at, day_window
from .models import Category, EventOccurrence, EventPage

CARD_RENDITION = "fill-320x240|format-webp"


def not_restricted(prefix="page__"):
    """Leave out pages behind a view restriction (their paths are cached: no query)."""
    q = Q()
    for path in restricted_paths():
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def shown_in(locale, prefix="page__"):
    """The event pages a reader of ``locale`` (a Locale or its pk) sees, each
    event once: its page in ``locale``, or, for an event not live in ``locale``,
    its first live page in another language. One correlated subquery, no extra
    query."""
    preferred = EventPage.objects.live().filter(
        Q(locale=locale) | Q(pk__lt=OuterRef(f"{prefix}pk")),
        translation_key=OuterRef(f"{prefix}translation_key"),
    )
    return Q(**{f"{prefix}locale": locale}) | ~Exists(preferred)


def occurrences(locale, now=None, with_images=True):
    """Occurrences of live events that have not ended yet, soonest first: each
    event once, in ``locale`` when it has a page there (see ``shown_in``)."""
    now = now or timezone.now()
    queryset = (
        EventOccurrence.objects.filter(page__live=True, end__gt=now)
        .filter(shown_in(locale))
        .exclude(not_restricted())
        .select_related("page", "page__locale", "page__district", "page__venue", "page__venue__district")
        .order_by("start", "pk")
    )
    if with_images:
        # The pictures come with the pages; ``with_renditions`` reads their card
        # renditions in one query once the list is cut to size.
        queryset = queryset.select_related("page__image")
    return queryset


def with_renditions(occurrences):
    """Attach the card renditions of the occurrences' pictures (one query)."""
    attach_renditions([loaded(o.page, "image") for o in occurrences], CARD_RENDITION)
    return occurrences


def on_day(day):
    """Occurrences listed on ``day`` (see dates.is_on_day)."""
    day_start, day_end = day_window(day)
    return Q(start__lt=day_end) & (Q(start__gte=day_start) | Q(end__gt=at(day, NIGHT_ENDS)))


class EventFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="page__category",
        choices=Category.choices,
        empty_label=_("Any category"),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        method="filter_district",
        empty_label=_("Any district"),
    )
    free = django_filters.BooleanFilter(
        label=_("Free entry only"), method="filter_free", widget=forms.CheckboxInput
    )

    class Meta:
        model = EventOccurrence
        fields = []

    def filter_district(self, queryset, name, district):
        return queryset.filter(
            Q(page__district=district) | Q(page__district__isnull=True, page__venue__district=district)
        )

    def filter_free(self, queryset, name, value):
        return queryset.filter(page__is_free=True) if value else queryset


def localized_venues(pages, locale):
    """Map venue translation_key → the venue's live page in ``locale`` (one query)."""
    from directory.models import VenuePage

    keys = {page.venue.translation_key for page in pages if page.venue_id and page.venue}
    if not keys:
        return {}
    found = (
        VenuePage.objects.live().filter(translation_key__in=keys, locale=locale).select_related("district")
    )
    return {venue.translation_key: venue for venue in found}


def venue_for(page, venues):
    """The venue of ``page`` in the visitor's language, or its own language's page."""
    if not page.venue_id or page.venue is None:
        return None
    return venues.get(page.venue.translation_key) or (page.venue if page.venue.live else None)


def district_of(page, venue=None):
    if page.district_id:
        return page.district
    venue = venue or page.venue
    return venue.district if venue is not None else None
