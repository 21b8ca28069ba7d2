"""Occurrences follow publishing; repeating events keep being extended; editors
create events in the admin; a deleted account takes its unpublished drafts along."""

from datetime import date, timedelta

import pytest
from freezegun import freeze_time
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.signals import account_deletion_requested
from events.models import EventOccurrence, EventPage, EventSubmission
from events.tasks import refresh_recurring_events
from tests.factories.events import make_event, sh
from tests.factories.users import verified_user

pytestmark = pytest.mark.django_db


@freeze_time(sh(2026, 3, 1, 12, 0))
def test_unpublishing_takes_an_event_out_of_the_calendar_and_back(client, calendar):
    event = make_event(calendar, "Jazz Night", sh(2026, 3, 3, 20, 0))
    event.unpublish()
    assert not EventOccurrence.objects.filter(page=event).exists()
    assert "Jazz Night" not in client.get("/en/events/").content.decode()
    event.get_latest_revision().publish()
    assert "Jazz Night" in client.get("/en/events/").content.decode()


def test_open_ended_series_are_extended_by_the_daily_task(calendar):
    with freeze_time(sh(2026, 3, 1, 12, 0)):
        event = make_event(calendar, "Parkrun", sh(2026, 3, 7, 8, 0), repeat="weekly")
        first_last = EventOccurrence.objects.filter(page=event).last().start
    with freeze_time(sh(2026, 9, 1, 12, 0)):
        refresh_recurring_events()
        last = EventOccurrence.objects.filter(page=event).last().start
    assert last - first_last > timedelta(days=150)
    assert last.weekday() == 5  # still Saturdays (in UTC it is Saturday 00:00)


@freeze_time(sh(2026, 3, 1, 12, 0))
def test_editors_create_an_event_in_the_admin_with_a_skipped_date(admin_client, calendar):
    data = nested_form_data(
        {
            "title": "Tuesday Quiz",
            "slug": "tuesday-quiz",
            "introduction": "Teams of six.",
            "start": "2026-03-03 20:00",
            "end": "2026-03-03 22:00",
            "repeat": "weekly",
            "repeat_until": "2026-03-31",
            "exception_dates": inline_formset([{"date": "2026-03-17"}]),
            "category": "nightlife",
            "location": "The Pub",
            "body": streamfield([("rich_text", rich_text("<p>Prizes.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/events/eventpage/{calendar.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="tuesday-quiz", locale__language_code="en")
    assert event.live and event.start == sh(2026, 3, 3, 20, 0)  # entered in Shanghai time
    assert [o.start.date() for o in EventOccurrence.objects.filter(page=event)] == [
        date(2026, 3, 3),
        date(2026, 3, 10),
        date(2026, 3, 24),
        date(2026, 3, 31),
    ]


def test_the_admin_lists_submissions_for_editors(admin_client, calendar, client):
    member = verified_user(username="mei", email="mei@example.com")
    client.force_login(member)
    with freeze_time(sh(2026, 3, 1, 12, 0)):
        client.post(
            "/en/events/submit/",
            {
                "title": "Open Studio",
                "category": "arts",
                "start_date": "2026-03-10",
                "start_time": "19:00",
                "end_date": "2026-03-10",
                "end_time": "22:00",
                "location": "Lane 248",
                "district": "huangpu",
                "is_free": "on",
                "description": "Artists open their studios.",
                "note": "Call me.",
            },
        )
    submission = EventSubmission.objects.get()
    body = admin_client.get("/admin/snippets/events/eventsubmission/").content.decode()
    assert "Open Studio" in body and "mei" in body
    inspect = admin_client.get(f"/admin/snippets/events/eventsubmission/inspect/{submission.pk}/")
    assert inspect.status_code == 200 and "Call me." in inspect.content.decode()
    # Looked up, never made or changed here: that happens in the page's workflow.
    assert admin_client.get("/admin/snippets/events/eventsubmission/add/").status_code in (302, 403)
    edit = admin_client.get(f"/admin/snippets/events/eventsubmission/edit/{submission.pk}/")
    assert edit.status_code in (302, 403)


@freeze_time(sh(2026, 3, 1, 12, 0))
def test_a_deleted_account_takes_its_unpublished_events_along(client, calendar):
    member = verified_user(username="mei", email="mei@example.com")
    client.force_login(member)
    base = {
        "category": "arts",
        "start_date": "2026-03-10",
        "start_time": "19:00",
        "end_date": "2026-03-10",
        "end_time": "22:00",
        "location": "Lane 248",
        "district": "huangpu",
        "is_free": "on",
        "description": "Artists open their studios.",
    }
    client.post("/en/events/submit/", {**base, "title": "Draft Studio"})
    client.post("/en/events/submit/", {**base, "title": "Published Studio"})
    published = EventPage.objects.get(title="Published Studio")
    published.get_latest_revision().publish()
    account_deletion_requested.send(sender=type(member), user=member)
    assert list(Page.objects.filter(title__endswith="Studio").values_list("title", flat=True)) == [
        "Published Studio"
    ]
    assert not EventSubmission.objects.filter(page__title="Draft Studio").exists()
