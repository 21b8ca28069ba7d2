"""R-CMS-1/2/4: event pages in both languages, Shanghai times, past events, JSON-LD,
venue pages listing their events, site search."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from freezegun import freeze_time
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail_localize.models import TranslationSource

from events.models import EventIndexPage, EventOccurrence, EventPage
from home.models import HomePage
from tests.factories.directory import make_venue
from tests.factories.events import make_event, sh

pytestmark = pytest.mark.django_db


class EventTreeRules(WagtailPageTestCase):
    def test_parent_and_child_rules(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def jsonld(response):
    block = soup(response).find("script", type="application/ld+json")
    return json.loads(block.string)


@freeze_time("2026-03-01 04:00:00")
def test_event_page_in_both_languages_shows_shanghai_time(client, calendar):
    # 8 March 2026: clocks change in the US and elsewhere, never in Shanghai.
    event = make_event(calendar, "Jazz Night", sh(2026, 3, 8, 20, 0), sh(2026, 3, 8, 22, 30), zh="爵士之夜")
    english = soup(client.get(event.url))
    assert "Jazz Night" in english.h1.get_text()
    assert english.select_one(".event-when").get_text(strip=True) == "Sunday March 8, 20:00–22:30"
    assert english.select_one(".event-when time")["datetime"] == "2026-03-08T20:00:00+08:00"
    chinese = soup(client.get("/zh-hans/events/jazz-night/"))
    assert "爵士之夜" in chinese.h1.get_text()
    assert "20:00–22:30" in chinese.select_one(".event-when").get_text()
    assert chinese.select_one(".event-when").get_text(strip=True) == "3月8日 周日 20:00–22:30"


@freeze_time("2026-03-01 04:00:00")
def test_times_are_stored_in_utc_and_shown_in_shanghai_whatever_the_visitors_clock(
    client, calendar, settings
):
    event = make_event(calendar, "Early Market", sh(2026, 3, 8, 2, 30), sh(2026, 3, 8, 5, 0))
    occurrence = EventOccurrence.objects.get(page=event)
    assert occurrence.start == datetime(2026, 3, 7, 18, 30, tzinfo=UTC)
    settings.TIME_ZONE = "America/New_York"  # a server or visitor elsewhere changes nothing
    page = soup(client.get(event.url))
    assert page.select_one(".event-when").get_text(strip=True) == "Sunday March 8, 02:30–05:00"
    assert jsonld(client.get(event.url))["startDate"] == "2026-03-08T02:30:00+08:00"


def test_dates_venue_and_price_follow_the_english_page_on_sync(
    admin_client, client, calendar, restaurants, django_capture_on_commit_callbacks
):
    venue = make_venue(restaurants, "Jazz Cellar", zh="爵士地窖")
    with freeze_time("2026-03-01 04:00:00"):
        event = make_event(
            calendar, "Jazz Night", sh(2026, 3, 8, 20, 0), zh="爵士之夜", venue=venue, price=80
        )
        event.start, event.end, event.price = sh(2026, 3, 15, 21, 0), sh(2026, 3, 15, 23, 0), Decimal("120")
        event.save_revision().publish()
        source = TranslationSource.objects.get(
            object_id=event.translation_key, specific_content_type__model="eventpage"
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"}
            )
        assert response.status_code == 302
        chinese_page = event.get_translation(Locale.objects.get(language_code="zh-hans"))
        chinese = soup(client.get("/zh-hans/events/jazz-night/"))
    assert "21:00–23:00" in chinese.select_one(".event-when").get_text()
    assert "¥120" in chinese.get_text() and "爵士之夜" in chinese.h1.get_text()
    # The venue is linked in the visitor's language.
    assert chinese.find("a", string="爵士地窖")["href"] == "/zh-hans/directory/restaurants/jazz-cellar/"
    assert [o.start for o in EventOccurrence.objects.filter(page=chinese_page)] == [sh(2026, 3, 15, 21, 0)]


def test_a_past_event_leaves_the_listing_but_keeps_its_page(client, calendar):
    with freeze_time("2026-03-01 04:00:00"):
        event = make_event(calendar, "Spring Fair", sh(2026, 3, 7, 10, 0), sh(2026, 3, 7, 16, 0))
        assert "Spring Fair" in client.get(calendar.url).content.decode()
        assert "This event has ended" not in client.get(event.url).content.decode()
    with freeze_time("2026-03-07 08:30:00"):  # 16:30 in Shanghai: it ended half an hour ago
        assert "Spring Fair" not in client.get(calendar.url).content.decode()
        page = soup(client.get(event.url))
    assert "This event has ended." in page.select_one(".past-notice").get_text()


@freeze_time("2026-03-01 04:00:00")
def test_json_ld_describes_the_event(client, calendar, restaurants):
    venue = make_venue(restaurants, "Jazz Cellar")
    event = make_event(
        calendar,
        "Jazz Night",
        sh(2026, 3, 3, 20, 0),
        sh(2026, 3, 3, 23, 0),
        venue=venue,
        price=Decimal("80"),
        tickets_url="https://tickets.example.com/jazz",
        repeat="weekly",
    )
    data = jsonld(client.get(event.url))
    assert data["@type"] == "Event" and data["name"] == "Jazz Night"
    assert data["startDate"] == "2026-03-03T20:00:00+08:00"
    assert data["endDate"] == "2026-03-03T23:00:00+08:00"
    assert data["location"]["name"] == "Jazz Cellar"
    assert data["location"]["address"]["streetAddress"] == "1 Test Road"
    assert data["offers"] == {
        "@type": "Offer",
        "price": "80.00",
        "priceCurrency": "CNY",
        "url": "https://tickets.example.com/jazz",
        "availability": "https://schema.org/InStock",
    }
    assert data["eventSchedule"]["repeatFrequency"] == "P1W"
    assert data["eventSchedule"]["byDay"] == "https://schema.org/Tuesday"


@freeze_time("2026-03-01 04:00:00")
def test_json_ld_cannot_be_broken_out_of(client, calendar):
    event = make_event(
        calendar, "Safe", sh(2026, 3, 3, 20, 0), introduction="</script><script>alert(1)</script>"
    )
    body = client.get(event.url).content.decode()
    assert "<script>alert(1)</script>" not in body


@freeze_time("2026-03-01 04:00:00")
def test_venue_pages_list_their_upcoming_events_in_their_language(client, calendar, restaurants):
    venue = make_venue(restaurants, "Jazz Cellar", zh="爵士地窖")
    make_event(calendar, "Jazz Night", sh(2026, 3, 3, 20, 0), venue=venue, zh="爵士之夜")
    make_event(calendar, "Elsewhere", sh(2026, 3, 3, 20, 0))
    english = soup(client.get(venue.url)).select_one(".venue-events")
    assert [a.get_text() for a in english.select("a")] == ["Jazz Night"]
    assert "Tuesday March 3, 20:00–22:00" in english.get_text()
    chinese = soup(client.get("/zh-hans/directory/restaurants/jazz-cellar/")).select_one(".venue-events")
    assert [a.get_text() for a in chinese.select("a")] == ["爵士之夜"]


@freeze_time("2026-03-01 04:00:00")
def test_a_venue_without_events_shows_no_events_block(client, calendar, restaurants):
    venue = make_venue(restaurants, "Quiet Place")
    assert soup(client.get(venue.url)).select_one(".venue-events") is None


@freeze_time("2026-03-01 04:00:00")
def test_events_are_found_by_the_site_search_in_their_language(client, calendar):
    make_event(calendar, "Lantern Festival Walk", sh(2026, 3, 3, 19, 0), zh="元宵灯会漫步")
    english = client.get("/en/search/", {"q": "Lantern"}).content.decode()
    assert "Lantern Festival Walk" in english
    chinese = client.get("/zh-hans/search/", {"q": "元宵灯会漫步"}).content.decode()
    assert "元宵灯会漫步" in chinese and "Lantern Festival Walk" not in chinese


def test_slugs_of_calendar_views_are_refused(calendar):
    event = EventPage(title="Today", slug="today", start=sh(2026, 3, 3, 19, 0), end=sh(2026, 3, 3, 21, 0))
    event.category = "music"
    with pytest.raises(ValidationError) as error:
        calendar.add_child(instance=event)
    assert "slug" in error.value.message_dict


def test_an_event_that_ends_before_it_starts_is_refused_in_the_admin_too(calendar):
    event = EventPage(
        title="Backwards", slug="backwards", start=sh(2026, 3, 3, 19, 0), end=sh(2026, 3, 3, 18, 0)
    )
    event.category = "music"
    with pytest.raises(ValidationError) as error:
        calendar.add_child(instance=event)
    assert error.value.message_dict["end"] == ["The event must end after it starts."]
