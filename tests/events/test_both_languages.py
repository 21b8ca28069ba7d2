"""Readers of either language see every event once: in their language when it is
translated, else in the language it was written in, labelled and marked with lang."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time
from icalendar import Calendar
from wagtail.models import Locale

from tests.factories.directory import make_venue
from tests.factories.events import make_event, sh
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with freeze_time("2026-03-01 04:00:00"):  # Sunday 1 March 2026, noon in Shanghai
        yield


@pytest.fixture
def chinese_calendar(calendar):
    return calendar.get_translation(Locale.objects.get(language_code="zh-hans"))


@pytest.fixture
def events(calendar, chinese_calendar):
    return {
        "both": make_event(calendar, "Jazz Night", sh(2026, 3, 3, 20, 0), zh="爵士之夜"),
        "en": make_event(calendar, "Quiz Night", sh(2026, 3, 4, 20, 0)),
        "zh": make_event(chinese_calendar, "屋顶爵士", sh(2026, 3, 5, 20, 0), slug="rooftop-jazz-zh"),
    }


def cards(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {card.select_one("h3 a").get_text(): card for card in soup.select(".event-card")}


def test_the_english_calendar_lists_a_chinese_only_event_labelled(client, events):
    listed = cards(client, "/en/events/")
    assert list(listed) == ["Jazz Night", "Quiz Night", "屋顶爵士"]  # each event once, by date
    chinese = listed["屋顶爵士"]
    assert chinese.select_one("h3 a")["lang"] == "zh-Hans"
    assert chinese.select_one("h3 a")["href"] == "/en/events/rooftop-jazz-zh/"  # under the reader's calendar
    assert chinese.select_one(".content-language").get_text() == "In Chinese"
    assert listed["Jazz Night"].select_one(".content-language") is None
    assert listed["Jazz Night"].select_one("h3 a")["lang"] == "en"


def test_the_chinese_calendar_lists_an_english_only_event_labelled(client, events):
    listed = cards(client, "/zh-hans/events/")
    assert list(listed) == ["爵士之夜", "Quiz Night", "屋顶爵士"]  # the translation, not both pages
    english = listed["Quiz Night"]
    assert english.select_one("h3 a")["lang"] == "en"
    assert english.select_one(".content-language").get_text() == "英文"
    assert listed["屋顶爵士"].select_one(".content-language") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/events/month/2026-03/", ["Jazz Night", "Quiz Night", "屋顶爵士"]),
        ("/zh-hans/events/month/2026-03/", ["爵士之夜", "Quiz Night", "屋顶爵士"]),
        ("/en/events/date/2026-03-05/", ["屋顶爵士"]),
    ],
)
def test_every_view_shows_each_event_once(client, events, url, expected):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    links = soup.select(".month-grid td ul a") or soup.select(".event-card h3 a")
    assert [a.get_text() for a in links] == expected


@pytest.mark.parametrize("prefix", ["en", "zh-hans"])
def test_the_ical_feed_has_each_event_once(client, events, prefix):
    feed = Calendar.from_ical(client.get(f"/{prefix}/events/ical/").content)
    uids = [str(event["uid"]) for event in feed.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 3


def test_a_members_chinese_event_reaches_the_english_calendar(client, calendar, chinese_calendar, admin_user):
    client.force_login(verified_user(username="mei", email="mei@example.com"))
    response = client.post(
        "/zh-hans/events/submit/",
        {
            "title": "屋顶爵士",
            "category": "music",
            "start_date": "2026-03-10",
            "start_time": "20:00",
            "end_date": "2026-03-10",
            "end_time": "23:00",
            "location": "南京东路27号屋顶",
            "district": "huangpu",
            "is_free": "on",
            "description": "屋顶现场爵士乐。",
        },
    )
    assert response.status_code == 302
    from events.models import EventPage

    page = EventPage.objects.get()
    page.current_workflow_task_state.approve(user=admin_user)
    client.logout()
    listed = cards(client, "/en/events/")
    assert list(listed) == ["屋顶爵士"]
    assert listed["屋顶爵士"].select_one(".content-language").get_text() == "In Chinese"
    location = listed["屋顶爵士"].select_one('.listing-meta [lang="zh-Hans"]')
    assert location.get_text() == "南京东路27号屋顶"


def test_a_venue_page_lists_events_written_in_the_other_language(client, chinese_calendar, restaurants):
    venue = make_venue(restaurants, "Jazz Cellar", zh="爵士地窖")
    make_event(chinese_calendar, "地窖即兴", sh(2026, 3, 3, 20, 0), slug="cellar-jam", venue=venue)
    block = BeautifulSoup(client.get(venue.url).content.decode(), "html.parser").select_one(".venue-events")
    link = block.select_one('a[lang="zh-Hans"]')
    assert link.get_text() == "地窖即兴"
    assert block.select_one(".content-language").get_text() == "In Chinese"


def count_queries(client, url):
    client.get(url)  # warm: renditions, caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/en/events/", "/zh-hans/events/", "/en/events/month/2026-03/"])
def test_events_of_the_other_language_cost_no_extra_query(client, calendar, chinese_calendar, url):
    make_event(calendar, "Talk 1", sh(2026, 3, 3, 19, 0))
    one_language = count_queries(client, url)
    for n in range(5):
        make_event(calendar, f"Gig {n}", sh(2026, 3, 4, 19, n), zh=f"演出{n}")
        make_event(chinese_calendar, f"讲座{n}", sh(2026, 3, 5, 19, n), slug=f"talk-zh-{n}")
    assert count_queries(client, url) == one_language


def test_a_chinese_only_event_opens_in_the_english_interface(client, events):
    response = client.get("/en/events/rooftop-jazz-zh/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == "en"
    assert "屋顶爵士" in page.select_one("h1").get_text()
    assert page.select_one('link[rel="canonical"]')["href"].endswith("/zh-hans/events/rooftop-jazz-zh/")


def test_an_event_translated_into_the_readers_language_is_not_served_as_a_guest(client, events):
    chinese_slug = events["both"].get_translation(Locale.objects.get(language_code="zh-hans")).slug
    if chinese_slug != events["both"].slug:
        assert client.get(f"/en/events/{chinese_slug}/").status_code == 404
    assert client.get("/en/events/no-such-event/").status_code == 404
