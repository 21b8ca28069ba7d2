"""A venue's name in the reader's language wherever it is repeated away from its
page: a member's reviews on their profile and dashboard, enquiries, emails.

Reviews, claims and enquiries point at the venue's source page (usually English).
The name shown is the title of the venue's page in the active language when that
translation exists and is live, else the source page's own title.
"""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .models import VenuePage


def _language(language=None):
    return get_supported_content_language_variant(language or translation.get_language())


def _cache(venue):
    return venue.__dict__.setdefault("_local_titles", {})


def attach_titles(venues, language=None):
    """Look up the names of ``venues`` (pages, or None) in ``language`` (the active
    one by default) with one query, so that :func:`venue_title` needs none."""
    venues = [venue for venue in venues if venue is not None]
    code = _language(language)
    if not venues:
        return
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        for venue in venues:
            _cache(venue)[code] = venue.title
        return
    keys = {venue.translation_key for venue in venues if venue.locale_id != locale.pk}
    titles = dict(
        VenuePage.objects.live()
        .filter(locale=locale, translation_key__in=keys)
        .values_list("translation_key", "title")
    )
    for venue in venues:
        own = venue.title if venue.locale_id == locale.pk else None
        _cache(venue)[code] = own or titles.get(venue.translation_key) or venue.title


def venue_title(venue, language=None):
    """``venue``'s name in ``language`` (the active one by default)."""
    if venue is None:
        return ""
    code = _language(language)
    if code not in _cache(venue):
        attach_titles([venue], code)
    return _cache(venue)[code]


def attach_item_titles(items, attr="venue"):
    """:func:`attach_titles` for the venues that ``items`` (reviews, claims…) point at;
    returns the items as a list."""
    items = list(items)
    attach_titles([getattr(item, attr) for item in items])
    return items


def local_venue(venue, language=None):
    """The venue's live page in ``language`` (the active one by default), else the
    page itself: for links that should open in the reader's language."""
    if venue is None:
        return None
    code = _language(language)
    if venue.locale.language_code == code:
        return venue
    found = (
        VenuePage.objects.live()
        .filter(translation_key=venue.translation_key, locale__language_code=code)
        .first()
    )
    return found or venue
