"""R-CMS-4: calendar views (upcoming, today, this weekend, a date, a month grid) with
filters, in Shanghai time, with a frozen clock. March 2026: Friday the 6th."""

from datetime import UTC, date, timedelta

import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

from events import recurrence
from events.dates import weekend_window
from events.models import EventExceptionDate, EventPage
from tests.factories.directory import make_venue
from tests.factories.events import make_event, sh

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return [a.get_text() for a in page.select(".event-card h3 a")]


@pytest.fixture
def weekend_events(calendar):
    with freeze_time("2026-03-01 04:00:00"):
        return {
            "thursday": make_event(calendar, "Thursday Quiz", sh(2026, 3, 5, 20, 0)),
            "friday lunch": make_event(
                calendar, "Friday Lunch", sh(2026, 3, 6, 12, 0), sh(2026, 3, 6, 14, 0)
            ),
            "late party": make_event(
                calendar,
                "Friday Late Party",
                sh(2026, 3, 6, 22, 0),
                sh(2026, 3, 7, 2, 0),
                category="nightlife",
            ),
            "market": make_event(
                calendar, "Saturday Market", sh(2026, 3, 7, 10, 0), sh(2026, 3, 7, 16, 0), is_free=True
            ),
            "brunch": make_event(calendar, "Sunday Brunch", sh(2026, 3, 8, 11, 0), sh(2026, 3, 8, 14, 0)),
            "concert": make_event(calendar, "Sunday Concert", sh(2026, 3, 8, 19, 0), sh(2026, 3, 8, 21, 0)),
            "monday": make_event(calendar, "Monday Talk", sh(2026, 3, 9, 19, 0), category="talks"),
            "next saturday": make_event(
                calendar, "Next Saturday Run", sh(2026, 3, 14, 8, 0), category="sports"
            ),
        }


class TestThisWeekend:
    def test_on_a_weekday_it_is_the_coming_weekend_from_friday_evening(
        self, client, calendar, weekend_events
    ):
        with freeze_time(sh(2026, 3, 4, 12, 0)):  # Wednesday
            assert titles(client.get("/en/events/weekend/")) == [
                "Friday Late Party",
                "Saturday Market",
                "Sunday Brunch",
                "Sunday Concert",
            ]

    def test_on_friday_night_it_includes_the_party_under_way(self, client, calendar, weekend_events):
        with freeze_time(sh(2026, 3, 6, 23, 0)):  # Friday 23:00 in Shanghai, 15:00 UTC
            assert titles(client.get("/en/events/weekend/")) == [
                "Friday Late Party",
                "Saturday Market",
                "Sunday Brunch",
                "Sunday Concert",
            ]

    def test_on_sunday_it_is_what_is_left_of_this_weekend(self, client, calendar, weekend_events):
        with freeze_time(sh(2026, 3, 8, 15, 0)):  # Sunday afternoon: brunch is over
            assert titles(client.get("/en/events/weekend/")) == ["Sunday Concert"]

    def test_window_in_shanghai_time(self):
        friday_night = sh(2026, 3, 6, 23, 0)
        sunday = sh(2026, 3, 8, 15, 0)
        expected = (sh(2026, 3, 6, 18, 0), sh(2026, 3, 9, 0, 0))
        assert weekend_window(friday_night) == expected
        assert weekend_window(sunday) == expected
        assert weekend_window(sh(2026, 3, 9, 9, 0)) == (sh(2026, 3, 13, 18, 0), sh(2026, 3, 16, 0, 0))
        # 23:00 on Friday in Shanghai is still Friday 15:00 in UTC: the same window.
        assert weekend_window(friday_night.astimezone(UTC)) == expected


class TestAcrossMidnight:
    def test_a_late_night_is_listed_on_the_day_it_began(self, client, calendar, weekend_events):
        with freeze_time(sh(2026, 3, 4, 12, 0)):
            friday = titles(client.get("/en/events/date/2026-03-06/"))
            saturday = titles(client.get("/en/events/date/2026-03-07/"))
            body = client.get("/en/events/date/2026-03-06/").content.decode()
        assert friday == ["Friday Lunch", "Friday Late Party"]
        assert saturday == ["Saturday Market"]
        assert "Friday March 6, 22:00 – Saturday March 7, 02:00" in body

    def test_while_it_runs_after_midnight_it_is_on_today(self, client, calendar, weekend_events):
        with freeze_time(sh(2026, 3, 7, 1, 0)):  # Saturday 01:00, the party goes on until 02:00
            assert titles(client.get("/en/events/today/")) == ["Friday Late Party", "Saturday Market"]
        with freeze_time(sh(2026, 3, 7, 2, 0)):
            assert titles(client.get("/en/events/today/")) == ["Saturday Market"]

    def test_month_grid_shows_it_on_its_first_day_only(self, client, calendar, weekend_events):
        with freeze_time(sh(2026, 3, 4, 12, 0)):
            page = BeautifulSoup(client.get("/en/events/month/2026-03/").content.decode(), "html.parser")
        cells = {
            cell.select_one(".day-number").get_text(): [a.get_text() for a in cell.select("li a")]
            for cell in page.select("td:not(.other-month)")
        }
        assert cells["6"] == ["Friday Lunch", "Friday Late Party"]
        assert cells["7"] == ["Saturday Market"]
        assert cells["3"] == []  # before today: past events leave the calendar

    def test_a_multi_day_exhibition_is_on_every_day_it_runs(self, client, calendar):
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            make_event(
                calendar,
                "Ink Paintings",
                sh(2026, 3, 5, 0, 0),
                sh(2026, 3, 20, 0, 0),
                all_day=True,
                category="arts",
            )
            assert titles(client.get("/en/events/date/2026-03-10/")) == ["Ink Paintings"]
            assert titles(client.get("/en/events/date/2026-03-20/")) == ["Ink Paintings"]
            assert titles(client.get("/en/events/date/2026-03-21/")) == []
            body = client.get("/en/events/date/2026-03-10/").content.decode()
        assert "Thursday March 5 – Friday March 20" in body


class TestRepeatingEvents:
    @pytest.fixture
    def quiz(self, calendar):
        with freeze_time("2026-03-01 04:00:00"):
            return make_event(
                calendar,
                "Tuesday Quiz Night",
                sh(2026, 3, 3, 20, 0),
                sh(2026, 3, 3, 22, 0),
                repeat="weekly",
                repeat_until=date(2026, 3, 31),
                exceptions=[date(2026, 3, 17)],
                zh="周二知识竞赛",
            )

    def test_a_weekly_event_skips_its_exception_date(self, client, quiz):
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            starts = [start for start, _end in recurrence.expand(quiz)]
            assert starts == [sh(2026, 3, d, 20, 0) for d in (3, 10, 24, 31)]
            assert titles(client.get("/en/events/date/2026-03-17/")) == []
            assert titles(client.get("/en/events/date/2026-03-24/")) == ["Tuesday Quiz Night"]
            assert titles(client.get("/en/events/")) == ["Tuesday Quiz Night"] * 4
            assert titles(client.get("/zh-hans/events/")) == ["周二知识竞赛"] * 4
            page = BeautifulSoup(client.get(quiz.url).content.decode(), "html.parser")
        next_dates = [li.get_text() for li in page.select("#next-dates + ul li")]
        assert next_dates == [f"Tuesday March {d}, 20:00–22:00" for d in (3, 10, 24, 31)]
        assert "Every week on Tuesday · until 2026-03-31" in page.select_one(".facts").get_text()
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            chinese = client.get("/zh-hans/events/tuesday-quiz-night/").content.decode()
        assert "每周星期二" in chinese

    def test_an_exception_added_later_applies_on_publish(self, client, quiz):
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            EventExceptionDate.objects.create(page=quiz, date=date(2026, 3, 24))
            quiz.save_revision().publish()
            assert len(titles(client.get("/en/events/"))) == 3

    def test_monthly_on_a_weekday_of_the_month(self, calendar):
        second_tuesday = EventPage(start=sh(2026, 3, 10, 19, 0), end=sh(2026, 3, 10, 21, 0), repeat="monthly")
        last_tuesday = EventPage(start=sh(2026, 3, 31, 19, 0), end=sh(2026, 3, 31, 21, 0), repeat="monthly")
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            assert [s.date() for s, _e in recurrence.expand(second_tuesday)][:3] == [
                date(2026, 3, 10),
                date(2026, 4, 14),
                date(2026, 5, 12),
            ]
            assert recurrence.describe(second_tuesday) == "Every month on the second Tuesday"
            assert recurrence.describe(last_tuesday) == "Every month on the last Tuesday"
            assert [s.date() for s, _e in recurrence.expand(last_tuesday)][:3] == [
                date(2026, 3, 31),
                date(2026, 4, 28),
                date(2026, 5, 26),
            ]

    def test_open_ended_series_are_bounded(self, calendar):
        forever = EventPage(start=sh(2026, 3, 3, 20, 0), end=sh(2026, 3, 3, 22, 0), repeat="weekly")
        with freeze_time(sh(2026, 3, 1, 12, 0)):
            found = recurrence.expand(forever)
        assert 50 < len(found) <= recurrence.MAX_OCCURRENCES
        assert found[-1][0] - found[0][0] <= timedelta(days=recurrence.HORIZON_DAYS)


class TestFilters:
    @pytest.fixture
    def events(self, calendar, restaurants):
        bar = make_venue(restaurants, "Xuhui Bar", district="xuhui", station="xujiahui")
        with freeze_time("2026-03-01 04:00:00"):
            make_event(calendar, "Free Jam", sh(2026, 3, 3, 20, 0), is_free=True, district="huangpu")
            make_event(calendar, "Bar Gig", sh(2026, 3, 4, 20, 0), venue=bar, district=None, price=100)
            make_event(
                calendar, "Book Talk", sh(2026, 3, 5, 19, 0), category="talks", district="jingan", price=50
            )

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({}, ["Free Jam", "Bar Gig", "Book Talk"]),
            ({"category": "talks"}, ["Book Talk"]),
            ({"district": "xuhui"}, ["Bar Gig"]),  # from the venue's district
            ({"district": "huangpu"}, ["Free Jam"]),
            ({"free": "on"}, ["Free Jam"]),
            ({"category": "music", "free": "on"}, ["Free Jam"]),
            (
                {"category": "<script>", "district": "nowhere", "page": "99"},
                ["Free Jam", "Bar Gig", "Book Talk"],
            ),
        ],
    )
    def test_filters(self, client, events, query, expected):
        with freeze_time(sh(2026, 3, 2, 12, 0)):
            assert titles(client.get("/en/events/", query)) == expected

    def test_filters_carry_over_to_other_views(self, client, events):
        with freeze_time(sh(2026, 3, 2, 12, 0)):
            assert titles(client.get("/en/events/date/2026-03-04/", {"category": "talks"})) == []
            response = client.get("/en/events/date/", {"day": "2026-03-05", "category": "talks"})
            assert (
                response.status_code == 302 and response.url == "/en/events/date/2026-03-05/?category=talks"
            )
            page = BeautifulSoup(
                client.get("/en/events/month/2026-03/?free=on").content.decode(), "html.parser"
            )
        assert [a.get_text() for a in page.select(".month-grid li a")] == ["Free Jam"]
        assert page.select_one("a[rel=next]")["href"] == "/en/events/month/2026-04/?free=on"


@freeze_time(sh(2026, 3, 3, 12, 0))
def test_today_lists_only_todays_events(client, calendar):
    make_event(calendar, "Tonight", sh(2026, 3, 3, 20, 0))
    make_event(calendar, "Tomorrow", sh(2026, 3, 4, 20, 0))
    make_event(calendar, "This Morning", sh(2026, 3, 3, 8, 0), sh(2026, 3, 3, 10, 0))
    assert titles(client.get("/en/events/today/")) == ["Tonight"]
    assert titles(client.get("/en/events/")) == ["Tonight", "Tomorrow"]


@freeze_time(sh(2026, 3, 3, 12, 0))
def test_month_grid_works_without_javascript(client, calendar):
    make_event(calendar, "Tonight", sh(2026, 3, 3, 20, 0))
    body = client.get("/en/events/month/").content.decode()
    page = BeautifulSoup(body, "html.parser")
    assert "<script" not in body.split("<main")[1].split("</main>")[0]
    assert page.select_one("td.today .day-number").get_text() == "3"
    assert page.select_one("td.today li a").get_text() == "Tonight"
    assert page.select_one("td.today .day-number")["href"] == "/en/events/date/2026-03-03/"
    assert page.select_one("a[rel=prev]")["href"] == "/en/events/month/2026-02/"
    assert len(page.select(".month-grid tbody tr")) == 6  # 1 March 2026 is a Sunday
    chinese = BeautifulSoup(client.get("/zh-hans/events/month/2026-03/").content.decode(), "html.parser")
    assert "2026年3月" in chinese.select_one(".month-nav strong").get_text()


@freeze_time(sh(2026, 3, 3, 12, 0))
@pytest.mark.parametrize(
    "path",
    [
        "/en/events/date/2026-02-30/",
        "/en/events/month/2026-13/",
        "/en/events/ical/karaoke/",
        "/en/events/month/1999-01/",
        "/en/events/date/0001-01-01/",
        "/en/events/date/9999-12-31/",
    ],
)
def test_impossible_dates_and_categories_are_not_found(client, calendar, path):
    assert client.get(path).status_code == 404


@freeze_time(sh(2026, 3, 3, 12, 0))
def test_a_bad_picked_date_goes_back_to_the_calendar(client, calendar):
    response = client.get("/en/events/date/", {"day": "tomorrow"})
    assert response.status_code == 302 and response.url == "/en/events/"


@freeze_time(sh(2026, 3, 3, 12, 0))
def test_the_upcoming_list_is_paginated_and_grouped_by_day(client, calendar):
    for n in range(25):
        make_event(calendar, f"Talk {n:02d}", sh(2026, 3, 4 + n // 5, 19, n))
    first = BeautifulSoup(client.get("/en/events/").content.decode(), "html.parser")
    assert len(first.select(".event-card")) == 20
    assert [h.get_text() for h in first.select(".day-heading")] == [
        "Wednesday March 4",
        "Thursday March 5",
        "Friday March 6",
        "Saturday March 7",
    ]
    assert len(titles(client.get("/en/events/", {"page": 2}))) == 5
