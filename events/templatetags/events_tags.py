from django import template
from django.utils import timezone, translation

from ..dates import format_span
from ..jsonld import event_jsonld as build_event_jsonld
from ..listing import not_restricted, shown_in
from ..models import EventOccurrence

register = template.Library()
VENUE_EVENTS_LIMIT = 5


@register.simple_tag(takes_context=True)
def event_url(context, event):
    """``{% event_url event %}``: the event's address for this reader. An event in
    the reader's language links to itself; one written in the other language (and
    not translated) is opened under the reader's calendar, so the interface stays in
    their language (``EventIndexPage.guest_event``)."""
    url = event.get_url(context.get("request"))
    own, reader = f"/{event.locale.language_code}/", f"/{translation.get_language()}/"
    # Both calendars share their path below the language prefix (slugs are synchronised).
    if url and own != reader and own in url:
        return url.replace(own, reader, 1)
    return url


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
