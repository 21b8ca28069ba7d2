from django import template
from django.utils import timezone

from ..dates import format_span
from ..jsonld import event_jsonld as build_event_jsonld
from ..listing import not_restricted, shown_in
from ..models import EventOccurrence

register = template.Library()
VENUE_EVENTS_LIMIT = 5


@register.simple_tag(takes_context=True)
def event_jsonld(context, page, venue, occurrence):
    request = context["request"]
    image_url = None
    if page.image:
        image_url = request.build_absolute_uri(page.image.get_rendition("width-1200").url)
    return build_event_jsonld(request, page, venue, occurrence, image_url)


@register.inclusion_tag("events/venue_events.html", takes_context=True)
def venue_upcoming_events(context, venue):
    """The next events at a venue, each once, in the venue page's language when
    translated, else in the language they were written in (for directory)."""
    occurrences = list(
        EventOccurrence.objects.filter(
            shown_in(venue.locale_id),
            page__live=True,
            page__venue__translation_key=venue.translation_key,
            end__gt=timezone.now(),
        )
        .exclude(not_restricted())
        .select_related("page", "page__locale")
        .order_by("start", "pk")[:VENUE_EVENTS_LIMIT]
    )
    for occurrence in occurrences:
        occurrence.when = format_span(occurrence.start, occurrence.end, occurrence.page.all_day)
    return {"request": context.get("request"), "occurrences": occurrences, "venue": venue}
