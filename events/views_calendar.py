"""The calendar's views, called from the routes of EventIndexPage and EventPage:
upcoming, today, this weekend, a chosen date, a month grid, iCalendar feeds."""

from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import page_cache
from core.dates import weekday_short
from core.page_cache import next_midnight

from . import ical, listing
from .dates import (
    day_window,
    format_day,
    format_span,
    is_on_day,
    local,
    local_now,
    month_weeks,
    month_window,
    shift_month,
    weekend_window,
)
from .models import Category, EventOccurrence, EventPage
from .recurrence import describe, expand, local_bounds

PER_PAGE = 20
MONTH_CELL_LIMIT = 4
MONTH_MAX_ROWS = 3000
FEED_PAST_DAYS = 30
FEED_MAX_EVENTS = 1000
TEMPLATE = "events/event_index_page.html"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # dates outside these are not found, never an error


def parse_day(value):
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Http404
    return day


def sub_url(page, request, name, **kwargs):
    """The URL of one of the page's routes, e.g. /en/events/date/2026-03-07/."""
    base = page.get_url(request).rstrip("/")
    return f"{base}/{page.reverse_subpage(name, kwargs=kwargs or None).lstrip('/')}"


def common_context(page, request):
    """The calendar's tabs and its feeds, shown on every view."""
    return {
        "nav": nav_links(page, request),
        "category_feeds": [
            (value, label, sub_url(page, request, "category_feed", category=value))
            for value, label in Category.choices
        ],
    }


def nav_links(page, request):
    """The calendar's tabs, with the URL of each view."""
    today = local_now().date()
    return {
        "upcoming": page.get_url(request),
        "today": sub_url(page, request, "today"),
        "weekend": sub_url(page, request, "weekend"),
        "month": sub_url(page, request, "month", year=f"{today:%Y}", month=f"{today:%m}"),
        "date": sub_url(page, request, "pick_date"),
        "feed": sub_url(page, request, "feed"),
    }


def decorate(occurrences, locale, heading_from, renditions=True):
    """Give each occurrence what its card shows, with venues in the visitor's
    language fetched in one query."""
    venues = listing.localized_venues([o.page for o in occurrences], locale)
    if renditions:
        listing.with_renditions(occurrences)
    for occurrence in occurrences:
        page = occurrence.page
        occurrence.venue = listing.venue_for(page, venues)
        occurrence.district = listing.district_of(page, occurrence.venue)
        occurrence.when = format_span(occurrence.start, occurrence.end, page.all_day)
        occurrence.heading = format_day(max(local(occurrence.start).date(), heading_from))
    return occurrences


def filter_context(request, queryset):
    event_filter = listing.EventFilter(request.GET or None, queryset=queryset)
    query = request.GET.copy()
    query.pop("page", None)
    return event_filter, query.urlencode()


def listing_view(page, request, mode, day=None):
    now = timezone.now()
    today = local(now).date()
    queryset = listing.occurrences(page.locale, now)
    heading_from = today
    if mode == "today":
        queryset = queryset.filter(start__lt=day_window(today)[1])
        title = _("Today")
    elif mode == "weekend":
        weekend_start, weekend_end = weekend_window(now)
        queryset = queryset.filter(start__lt=weekend_end, end__gt=weekend_start)
        title = _("This weekend")
    elif mode == "date":
        day = parse_day(day)
        queryset = queryset.filter(listing.on_day(day))
        heading_from = day
        title = format_day(day)
    else:
        title = _("Upcoming events")
    event_filter, query_string = filter_context(request, queryset)
    page_obj = Paginator(event_filter.qs, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page_obj.object_list)
    # "Today", "this weekend" and the upcoming list move on at midnight and when the
    # first listed event ends.
    page_cache.expire_at(next_midnight())
    page_cache.expire_at(min((o.end for o in shown), default=None))
    occurrences = decorate(shown, page.locale, heading_from)
    context = {
        "mode": mode,
        "view_title": title,
        "filter": event_filter,
        "page_obj": page_obj,
        "occurrences": occurrences,
        "query_string": query_string,
        "chosen_day": day,
        **common_context(page, request),
    }
    if mode == "date":
        context["previous_day"] = sub_url(page, request, "on_date", day=(day - timedelta(days=1)).isoformat())
        context["next_day"] = sub_url(page, request, "on_date", day=(day + timedelta(days=1)).isoformat())
    return page.render(request, template=TEMPLATE, context_overrides=context)


def pick_date(page, request):
    """The no-JavaScript date picker posts ?day=YYYY-MM-DD here."""
    value = request.GET.get("day", "")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return redirect(page.get_url(request))
    target = sub_url(page, request, "on_date", day=day.isoformat())
    query = request.GET.copy()
    query.pop("day", None)
    return redirect(f"{target}?{query.urlencode()}" if query else target)


def month_view(page, request, year=None, month=None):
    today = local_now().date()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404
    month_start, month_end = month_window(year, month)
    page_cache.expire_at(next_midnight())  # today's mark moves on
    queryset = listing.occurrences(page.locale, with_images=False).filter(
        start__lt=month_end, end__gt=month_start
    )
    event_filter, query_string = filter_context(request, queryset)
    occurrences = list(event_filter.qs[:MONTH_MAX_ROWS])
    weeks = month_weeks(year, month)
    first_day, last_day = weeks[0][0], weeks[-1][-1]
    by_day = {}
    for occurrence in occurrences:
        occurrence.when = format_span(occurrence.start, occurrence.end, occurrence.page.all_day)
        day = max(local(occurrence.start).date(), first_day)
        last = min(local(occurrence.end - timedelta(microseconds=1)).date(), last_day)
        while day <= last:
            if is_on_day(occurrence.start, occurrence.end, day):
                by_day.setdefault(day, []).append(occurrence)
            day += timedelta(days=1)
    suffix = f"?{query_string}" if query_string else ""
    grid = [
        [
            {
                "day": day,
                "in_month": day.month == month,
                "is_today": day == today,
                "events": by_day.get(day, [])[:MONTH_CELL_LIMIT],
                "more": max(0, len(by_day.get(day, [])) - MONTH_CELL_LIMIT),
                "url": sub_url(page, request, "on_date", day=day.isoformat()) + suffix,
            }
            for day in week
        ]
        for week in weeks
    ]
    previous, following = shift_month(year, month, -1), shift_month(year, month, 1)
    context = {
        "mode": "month",
        "view_title": date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"),
        "filter": event_filter,
        "query_string": query_string,
        **common_context(page, request),
        "weeks": grid,
        "weekday_names": [weekday_short(day) for day in weeks[0]],
        "previous_month": sub_url(
            page, request, "month", year=f"{previous[0]:04d}", month=f"{previous[1]:02d}"
        )
        + suffix,
        "next_month": sub_url(page, request, "month", year=f"{following[0]:04d}", month=f"{following[1]:02d}")
        + suffix,
    }
    return page.render(request, template=TEMPLATE, context_overrides=context)


def feed_view(page, request, category=None):
    if category is not None and category not in Category.values:
        raise Http404
    cutoff = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    pages = (
        EventPage.objects.live()
        .filter(
            listing.shown_in(page.locale, prefix=""),
            pk__in=Subquery(EventOccurrence.objects.filter(end__gt=cutoff).values("page_id")),
        )
        .exclude(listing.not_restricted(prefix=""))
        .select_related("locale", "venue", "venue__district", "district")
        .prefetch_related("exception_dates")
        .order_by("start")
    )
    name = page.title
    if category:
        pages = pages.filter(category=category)
        name = f"{page.title} · {Category(category).label}"
    pages = list(pages[:FEED_MAX_EVENTS])
    venues = listing.localized_venues(pages, page.locale)
    body = ical.calendar(request, pages, name, venues)
    filename = f"longtang-{category or 'events'}.ics"
    return calendar_response(body, filename, inline=True)


def calendar_response(body, filename, inline=False):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def event_page(page, request):
    now = timezone.now()
    dates = expand(page, now)
    upcoming = [(start, end) for start, end in dates if end > now]
    venue = page.where()
    next_dates = [format_span(start, end, page.all_day) for start, end in upcoming[:8]]
    first_start, first_end = local_bounds(page)
    context = {
        "is_past": not upcoming,
        "when": format_span(*(upcoming[0] if upcoming else (first_start, first_end)), page.all_day),
        "next_dates": next_dates,
        "repeat_text": describe(page),
        "venue": venue,
        "district": listing.district_of(page, venue),
        "next_occurrence": upcoming[0] if upcoming else (first_start, first_end),
        "ical_url": sub_url(page, request, "ical") if page.get_url(request) else "",
    }
    return page.render(request, context_overrides=context)


def event_ical(page, request):
    venues = listing.localized_venues([page], page.locale) if page.venue_id else {}
    body = ical.calendar(request, [page], page.title, venues)
    return calendar_response(body, f"{page.slug}.ics")
