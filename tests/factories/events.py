"""Events for tests: the calendar in both languages and events on it."""

from datetime import datetime, timedelta

from django.utils.text import slugify
from wagtail.models import Locale

from core.models import District
from core.translation import translate
from events.dates import SHANGHAI
from events.models import EventExceptionDate, EventIndexPage, EventPage
from home.models import HomePage


def sh(*args):
    """An aware Shanghai datetime: sh(2026, 3, 6, 20, 0)."""
    return datetime(*args, tzinfo=SHANGHAI)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def events_calendar():
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=english)
    translate(home, "zh-hans", {"Longtang": "弄堂"})
    index = publish(
        home.add_child(
            instance=EventIndexPage(
                title="Events", slug="events", locale=english, introduction="What's on in the city."
            )
        )
    )
    translate(index, "zh-hans", {"Events": "活动", "What's on in the city.": "城市活动。"})
    return index


def make_event(
    calendar,
    title,
    start,
    end=None,
    *,
    zh=None,
    exceptions=(),
    live=True,
    district="jingan",
    location="People's Park",
    **fields,
):
    fields.setdefault("category", "music")
    page = EventPage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        start=start,
        end=end or start + timedelta(hours=2),
        location="" if fields.get("venue") else location,
        district=District.objects.get(code=district) if district else None,
        **fields,
    )
    calendar.add_child(instance=page)
    for day in exceptions:
        EventExceptionDate.objects.create(page=page, date=day)
    if not live:
        page.save_revision()
        return page
    page = publish(page)
    if zh:
        translate(page, "zh-hans", {title: zh})
    return page
