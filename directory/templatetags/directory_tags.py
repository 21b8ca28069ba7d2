from django import template

from ..jsonld import venue_jsonld as build_venue_jsonld
from ..models import WEEKDAYS
from ..names import local_venue as find_local_venue
from ..names import venue_title as local_venue_title

register = template.Library()


@register.simple_tag
def weekday_name(weekday):
    return dict(WEEKDAYS)[weekday]


@register.simple_tag(takes_context=True)
def venue_jsonld(context, page, rating, tags=()):
    return build_venue_jsonld(context["request"], page, rating, tags)


@register.filter
def venue_title(venue):
    """``{{ review.venue|venue_title }}``: the venue's name in the active language."""
    return local_venue_title(venue)


@register.filter
def local_venue(venue):
    """``{% with venue=claim.venue|local_venue %}``: the venue's page in the active
    language when it is live, else the page itself."""
    return find_local_venue(venue)
