from django import template

from ..jsonld import venue_jsonld as build_venue_jsonld
from ..models import WEEKDAYS

register = template.Library()


@register.simple_tag
def weekday_name(weekday):
    return dict(WEEKDAYS)[weekday]


@register.simple_tag(takes_context=True)
def venue_jsonld(context, page, rating):
    return build_venue_jsonld(context["request"], page, rating)
