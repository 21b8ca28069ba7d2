"""The calendar's lists run a constant number of queries, for 10 or 400 events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.models import District
from events.models import EventOccurrence, EventPage
from tests.factories.directory import make_venue
from tests.factories.events import sh

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the views themselves, not cached copies


# routing (home page, path, calendar), count, occurrences with pages, venues,
# districts and images, renditions, venues in the reader's language, district
# choices, the chrome pages (translations, menu, footer)
MAX_QUERIES = 9
# Each view has its own count, the same for 10 events as for 400.
QUERIES = {"/en/events/": MAX_QUERIES, "/en/events/weekend/": 11, "/en/events/month/2026-03/": 8}


def add_events(calendar, venues, images, start, count):
    district = District.objects.get(code="jingan")
    occurrences = []
    for n in range(start, start + count):
        when = sh(2026, 3, 6, 17, 0) + timedelta(hours=n)  # the first ten fall on Friday night
        page = EventPage(
            title=f"Event {n:03d}",
            slug=f"event-{n}",
            start=when,
            end=when + timedelta(hours=2),
            category=["music", "talks", "arts"][n % 3],
            venue=venues[n % len(venues)] if n % 2 else None,
            location="" if n % 2 else "Park",
            district=None if n % 2 else district,
            price=50,
            image=images[n % len(images)],
            live=True,
        )
        calendar.add_child(instance=page)
        occurrences.append(EventOccurrence(page=page, start=page.start, end=page.end))
    EventOccurrence.objects.bulk_create(occurrences)


def count_queries(client, url):
    client.get(url)  # renditions are made once; the second view is the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@freeze_time(sh(2026, 3, 2, 12, 0))
@pytest.mark.parametrize("url", ["/en/events/", "/en/events/weekend/", "/en/events/month/2026-03/"])
def test_calendar_views_query_count_is_the_same_for_10_and_400_events(client, calendar, restaurants, url):
    venues = [make_venue(restaurants, f"Venue {n}", zh=f"场地{n}") for n in range(3)]
    images = [Image.objects.create(title=f"cover {n}", file=get_test_image_file()) for n in range(3)]
    add_events(calendar, venues, images, 0, 10)
    small, _response = count_queries(client, url)
    add_events(calendar, venues, images, 10, 390)
    large, response = count_queries(client, url)
    assert small == large == QUERIES[url]
    assert "Event 000" in response.content.decode()


@freeze_time(sh(2026, 3, 2, 12, 0))
def test_upcoming_list_query_count_is_pinned(client, calendar, restaurants, django_assert_max_num_queries):
    venues = [make_venue(restaurants, "Venue", zh="场地")]
    images = [Image.objects.create(title="cover", file=get_test_image_file())]
    add_events(calendar, venues, images, 0, 400)
    client.get("/en/events/")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/en/events/")
    assert response.content.decode().count('class="listing-card event-card"') == 20
