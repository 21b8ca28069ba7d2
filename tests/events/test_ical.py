"""R-CMS-4: iCalendar export (RFC 5545), parsed back with the icalendar library."""

from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.rrule import rrulestr
from freezegun import freeze_time
from icalendar import Calendar

from events.models import EventOccurrence
from tests.factories.directory import make_venue
from tests.factories.events import make_event, sh

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return list(calendar.walk("VEVENT"))


@freeze_time("2026-03-01 04:00:00")
def test_add_to_calendar_gives_one_event_whose_times_round_trip(client, calendar, restaurants):
    venue = make_venue(restaurants, "Jazz Cellar")
    event = make_event(
        calendar,
        "Jazz, Blues; & Soul",
        sh(2026, 3, 8, 20, 0),
        sh(2026, 3, 9, 1, 30),
        venue=venue,
        slug="jazz",
    )
    response = client.get("/en/events/jazz/ical/")
    assert response["Content-Disposition"] == 'attachment; filename="jazz.ics"'
    parsed = parse(response)
    assert parsed["VERSION"] == "2.0" and "PRODID" in parsed
    (vevent,) = events_of(parsed)
    assert str(vevent["SUMMARY"]) == "Jazz, Blues; & Soul"
    assert vevent.decoded("DTSTART") == sh(2026, 3, 8, 20, 0)
    assert vevent.decoded("DTEND") == sh(2026, 3, 9, 1, 30)
    assert vevent.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 8, 12, 0, tzinfo=UTC)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert str(vevent["UID"]) == f"{event.translation_key}@events.longtang"
    assert str(vevent["LOCATION"]) == "Jazz Cellar, 1 Test Road"
    assert str(vevent["URL"]) == "http://localhost/en/events/jazz/"
    (timezone,) = parsed.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Asia/Shanghai"
    assert timezone.walk("STANDARD")[0].decoded("TZOFFSETTO") == timedelta(hours=8)
    assert b"\r\n" in response.content  # RFC 5545 line endings


@freeze_time("2026-03-01 04:00:00")
def test_the_uid_is_stable_across_edits_and_languages(client, calendar):
    event = make_event(calendar, "Jazz Night", sh(2026, 3, 8, 20, 0), zh="爵士之夜")
    first = str(events_of(parse(client.get("/en/events/jazz-night/ical/")))[0]["UID"])
    event.title = "Jazz Night (new line-up)"
    event.save_revision().publish()
    again = events_of(parse(client.get("/en/events/jazz-night/ical/")))[0]
    chinese = events_of(parse(client.get("/zh-hans/events/jazz-night/ical/")))[0]
    assert str(again["SUMMARY"]) == "Jazz Night (new line-up)"
    assert str(again["UID"]) == first == str(chinese["UID"])
    assert str(chinese["SUMMARY"]) == "爵士之夜"


@freeze_time("2026-03-01 04:00:00")
def test_a_weekly_event_has_an_rrule_and_exdate_matching_the_site(client, calendar):
    quiz = make_event(
        calendar,
        "Quiz",
        sh(2026, 3, 3, 20, 0),
        sh(2026, 3, 3, 22, 0),
        repeat="weekly",
        repeat_until=date(2026, 3, 31),
        exceptions=[date(2026, 3, 17)],
    )
    (vevent,) = events_of(parse(client.get("/en/events/quiz/ical/")))
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"] == [datetime(2026, 3, 31, 15, 59, 59, tzinfo=UTC)]
    exdates = [
        dt.dt
        for item in ([vevent["EXDATE"]] if not isinstance(vevent["EXDATE"], list) else vevent["EXDATE"])
        for dt in item.dts
    ]
    assert exdates == [sh(2026, 3, 17, 20, 0)]
    # Expanding the calendar's own rule gives exactly the site's dates.
    expanded = [
        moment
        for moment in rrulestr(rule.to_ical().decode(), dtstart=vevent.decoded("DTSTART"))
        if moment not in exdates
    ]
    stored = [o.start for o in EventOccurrence.objects.filter(page=quiz)]
    assert expanded == stored == [sh(2026, 3, d, 20, 0) for d in (3, 10, 24, 31)]


@freeze_time("2026-03-01 04:00:00")
def test_a_monthly_last_weekday_event(client, calendar):
    make_event(calendar, "Last Tuesday Club", sh(2026, 3, 31, 19, 0), repeat="monthly")
    (vevent,) = events_of(parse(client.get("/en/events/last-tuesday-club/ical/")))
    assert vevent["RRULE"]["BYDAY"] == ["-1TU"] and "UNTIL" not in vevent["RRULE"]


@freeze_time("2026-03-01 04:00:00")
def test_all_day_events_use_dates_with_an_exclusive_end(client, calendar):
    make_event(
        calendar, "Book Fair", sh(2026, 3, 7, 0, 0), sh(2026, 3, 8, 0, 0), all_day=True, slug="book-fair"
    )
    (vevent,) = events_of(parse(client.get("/en/events/book-fair/ical/")))
    assert vevent.decoded("DTSTART") == date(2026, 3, 7)
    assert vevent.decoded("DTEND") == date(2026, 3, 9)
    assert vevent["DTSTART"].params["VALUE"] == "DATE"


def test_feeds_for_the_whole_calendar_and_per_category(client, calendar):
    with freeze_time("2026-01-01 04:00:00"):
        make_event(calendar, "Long Ago", sh(2026, 1, 10, 20, 0))
    with freeze_time("2026-03-01 04:00:00"):
        make_event(calendar, "Last Week", sh(2026, 2, 24, 20, 0))
        make_event(calendar, "Jazz Night", sh(2026, 3, 8, 20, 0), zh="爵士之夜")
        make_event(calendar, "Book Talk", sh(2026, 3, 9, 19, 0), category="talks")
        make_event(calendar, "Draft Gig", sh(2026, 3, 9, 19, 0), live=False)
        whole = parse(client.get("/en/events/ical/"))
        talks = parse(client.get("/en/events/ical/talks/"))
        chinese = parse(client.get("/zh-hans/events/ical/"))
    assert sorted(str(e["SUMMARY"]) for e in events_of(whole)) == ["Book Talk", "Jazz Night", "Last Week"]
    assert [str(e["SUMMARY"]) for e in events_of(talks)] == ["Book Talk"]
    # Each event once: the Chinese page when translated, else the English one.
    assert sorted(str(e["SUMMARY"]) for e in events_of(chinese)) == ["Book Talk", "Last Week", "爵士之夜"]
    uids = [str(e["UID"]) for e in events_of(whole)]
    assert len(set(uids)) == len(uids)
    assert str(whole["X-WR-CALNAME"]) == "Events"


@freeze_time("2026-03-01 04:00:00")
def test_the_calendar_page_links_its_feeds(client, calendar):
    body = client.get("/en/events/").content.decode()
    assert 'href="/en/events/ical/"' in body and 'href="/en/events/ical/music/"' in body
    event = make_event(calendar, "Jazz Night", sh(2026, 3, 8, 20, 0))
    assert 'href="/en/events/jazz-night/ical/"' in client.get(event.url).content.decode()
