"""iCalendar (RFC 5545) for one event or a whole feed.

Times carry TZID=Asia/Shanghai with its VTIMEZONE; all-day events use DATE values
with an exclusive DTEND. A repeating event is one VEVENT with an RRULE and its
skipped dates as EXDATE. The UID comes from the page's translation key, so it stays
the same across edits and across the English and Chinese pages of an event.
"""

import unicodedata
from datetime import UTC, datetime, time

from django.utils import timezone
from icalendar import Calendar, Event

from . import listing
from .dates import SHANGHAI
from .recurrence import exception_dates, local_bounds, rule_parts

UID_DOMAIN = "events.longtang"


def text(value):
    """A TEXT value for the icalendar library, which escapes commas, semicolons,
    backslashes and line breaks itself. RFC 5545 allows no other control
    characters, so those are dropped rather than passed to calendar apps."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")


def uid(page):
    return f"{page.translation_key}@{UID_DOMAIN}"


def location_text(page, venue):
    if venue is not None:
        chinese = page.locale.language_code.startswith("zh")
        address = (venue.address_zh if chinese else "") or venue.address_en
        return f"{venue.title}, {address}" if address else venue.title
    return page.location


def event_component(request, page, venues):
    start, end = local_bounds(page)
    event = Event()
    event.add("uid", uid(page))
    stamp = page.last_published_at or page.latest_revision_created_at or timezone.now()
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("last-modified", stamp.astimezone(UTC))
    if page.all_day:
        event.add("dtstart", start.date())
        event.add("dtend", end.date())
    else:
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("summary", text(page.title))
    url = page.get_full_url(request)
    if url:
        event.add("url", url)
    description = "\n\n".join(part for part in (page.introduction, url) if part)
    if description:
        event.add("description", text(description))
    where = location_text(page, listing.venue_for(page, venues))
    if where:
        event.add("location", text(where))
    event.add("categories", [str(page.get_category_display())])
    rule = rule_parts(page)
    if rule:
        if page.repeat_until:
            if page.all_day:
                rule["UNTIL"] = page.repeat_until
            else:
                rule["UNTIL"] = datetime.combine(
                    page.repeat_until, time(23, 59, 59), tzinfo=SHANGHAI
                ).astimezone(UTC)
        event.add("rrule", rule)
        skipped = sorted(exception_dates(page))
        if skipped:
            if page.all_day:
                event.add("exdate", skipped)
            else:
                event.add("exdate", [datetime.combine(day, start.timetz()) for day in skipped])
    return event


def calendar(request, pages, name, venues):
    cal = Calendar()
    cal.add("prodid", "-//Longtang//Events calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", text(name))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for page in pages:
        cal.add_component(event_component(request, page, venues))
    cal.add_missing_timezones()
    return cal.to_ical()
