"""R-POST-5, R-ACC-5: members send events in; editors publish or decline them in
Wagtail's moderation workflow; the member sees the state and gets one email."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from freezegun import freeze_time
from wagtail.models import WorkflowState

from directory.models import OwnershipClaim
from events.models import EventPage, EventSubmission
from tests.factories.directory import make_venue
from tests.factories.events import sh
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db
SUBMIT = "/en/events/submit/"


@pytest.fixture(autouse=True)
def frozen_clock():
    with freeze_time("2026-03-01 04:00:00"):  # Sunday 1 March 2026, noon in Shanghai
        yield


def event_data(**changes):
    data = {
        "title": "Rooftop Jazz",
        "category": "music",
        "start_date": "2026-03-10",
        "start_time": "20:00",
        "end_date": "2026-03-10",
        "end_time": "23:00",
        "location": "Rooftop 27, 27 Nanjing East Road",
        "district": "huangpu",
        "price": "120",
        "tickets_url": "https://tickets.example.com/rooftop",
        "description": "Live jazz on the roof.\n\nBring friends & a jacket: 2 < 3.",
        "note": "I organise this; reach me at the venue.",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def member(client, calendar):
    user = verified_user(username="mei", email="mei@example.com")
    client.force_login(user)
    return user


@pytest.fixture
def submitted(client, member):
    response = client.post(SUBMIT, event_data())
    assert response.status_code == 302
    return EventSubmission.objects.select_related("page").get()


def errors(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(e.get_text(" ") for e in page.select(".errorlist"))


def titles(client, url="/en/events/"):
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    return [a.get_text() for a in page.select(".event-card h3 a")]


def test_a_members_event_becomes_a_draft_in_the_editors_workflow(client, member, submitted, calendar):
    page = submitted.page.specific
    assert submitted.submitter == member and submitted.status == "pending"
    assert page.live is False and page.get_parent().pk == calendar.pk
    assert page.owner == member and page.get_latest_revision().user == member
    assert (page.start, page.end, page.price) == (
        sh(2026, 3, 10, 20, 0),
        sh(2026, 3, 10, 23, 0),
        Decimal("120"),
    )
    assert page.district.code == "huangpu" and page.location == "Rooftop 27, 27 Nanjing East Road"
    # The text is kept as text: nothing the member typed becomes markup.
    assert "Bring friends &amp; a jacket: 2 &lt; 3." in str(page.body[0].value)
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == "in_progress" and state.requested_by == member
    assert "Rooftop Jazz" not in titles(client)
    dashboard = client.get("/en/accounts/my-posts/").content.decode()
    assert "Rooftop Jazz" in dashboard and "Waiting for an editor" in dashboard


def test_the_submitter_cannot_publish_their_own_event(client, member, submitted):
    page = submitted.page.specific
    task_state = page.current_workflow_task_state
    assert not page.permissions_for_user(member).can_publish()
    assert task_state.task.specific.get_actions(page, member) == []
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)
    attempts = [
        (
            f"/admin/pages/{page.pk}/edit/",
            {"title": "Rooftop Jazz", "slug": page.slug, "action-publish": "on"},
        ),
        (f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": "fine"}),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code in (302, 403) and "/admin/login/" in response.get(
            "Location", "/admin/login/"
        )
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert page.live is False and task_state.status == "in_progress"
    assert EventSubmission.objects.get().status == "pending"


def test_an_editor_publishes_and_the_member_gets_one_email(
    client, member, submitted, admin_user, django_capture_on_commit_callbacks
):
    page = submitted.page.specific
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_task_state.approve(user=admin_user)
    page.refresh_from_db()
    assert page.live
    submitted.refresh_from_db()
    assert submitted.status == "published"
    ours = [m for m in mail.outbox if m.to == ["mei@example.com"]]
    assert len(ours) == 1
    assert ours[0].subject == "Your event “Rooftop Jazz” is in the calendar"
    assert "http://testserver/en/events/rooftop-jazz/" in ours[0].body
    assert "Rooftop Jazz" in titles(client)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=admin_user).publish(user=admin_user)  # an editor's later change
    assert len([m for m in mail.outbox if m.to == ["mei@example.com"]]) == 1
    dashboard = BeautifulSoup(client.get("/en/accounts/my-posts/").content.decode(), "html.parser")
    row = dashboard.select_one("#section-events tbody tr")
    assert "Published" in row.get_text() and row.a["href"] == "/en/events/rooftop-jazz/"


def test_an_editor_declines_with_a_note_the_member_reads(
    client, member, submitted, admin_user, django_capture_on_commit_callbacks
):
    page = submitted.page.specific
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_task_state.reject(user=admin_user, comment="Please add the venue's address.")
    submitted.refresh_from_db()
    assert submitted.status == "declined" and submitted.decision_note == "Please add the venue's address."
    # Only our email, in the member's language: not the admin's own notice.
    assert [m.to for m in mail.outbox] == [["mei@example.com"]]
    assert mail.outbox[0].subject == "Your event “Rooftop Jazz” was not published"
    assert "Please add the venue's address." in mail.outbox[0].body
    page.refresh_from_db()
    assert page.live is False
    dashboard = client.get("/en/accounts/my-posts/").content.decode()
    assert "Declined" in dashboard and "Please add the venue&#x27;s address." in dashboard


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "19:00"}, "The event must end after it starts."),
        ({"end_date": "2026-03-09", "end_time": "23:00"}, "The event must end after it starts."),
        ({"start_date": "2026-02-20", "end_date": "2026-02-20"}, "This date is in the past."),
        (
            {"start_date": "2026-03-01", "end_date": "2026-03-01", "start_time": "09:00"},
            "This date is in the past.",
        ),
        ({"title": "<script>alert('x')</script> Jazz"}, "HTML tags and scripts are not allowed"),
        ({"title": "Jazz <img src=x onerror=alert(1)>"}, "HTML tags and scripts are not allowed"),
        ({"location": "<a href=//evil>here</a>"}, "HTML tags and scripts are not allowed"),
        ({"venue": "999999"}, "Choose one of the venues you run"),
        ({"start_time": ""}, "Give a start time, or tick “All day”."),
        ({"price": "", "is_free": None}, "Give the price, or tick “Free entry”."),
        ({"price": "-5"}, "greater than or equal to 0"),
        ({"price": "12abc"}, "Enter a number."),
        ({"is_free": "on"}, "A free event has no price."),
        ({"location": "", "district": ""}, "Say where the event happens."),
        ({"tickets_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"start_date": "2030-01-01", "end_date": "2030-01-01"}, "at most two years ahead"),
        ({"end_date": "2027-06-01"}, "at most a year"),
        ({"category": "karaoke"}, "Select a valid choice."),
        ({"start_date": "not a date"}, "Enter a valid date."),
        ({"description": "x" * 6000}, "at most 5000 characters"),
        ({"title": "Jazz\u202enight"}, "invisible control characters"),
    ],
)
def test_bad_submissions_are_refused_with_a_clear_message(client, member, changes, message):
    response = client.post(SUBMIT, event_data(**changes))
    assert message in errors(response)
    assert not EventPage.objects.exists() and not EventSubmission.objects.exists()


def test_a_forged_venue_is_refused_even_for_a_venue_owner(client, member, restaurants):
    mine = make_venue(restaurants, "My Bar")
    theirs = make_venue(restaurants, "Their Bar")
    OwnershipClaim.objects.create(
        venue=mine, claimant=member, role="Owner", contact_phone="+862160001234", status="approved"
    )
    form = BeautifulSoup(client.get(SUBMIT).content.decode(), "html.parser")
    assert [o.get_text() for o in form.select("select[name=venue] option")] == ["Somewhere else", "My Bar"]
    response = client.post(SUBMIT, event_data(venue=str(theirs.pk), location=""))
    assert "Choose one of the venues you run" in errors(response)
    assert not EventPage.objects.exists()
    response = client.post(SUBMIT, event_data(venue=str(mine.pk), location="", district=""))
    assert response.status_code == 302
    page = EventPage.objects.get()
    assert page.venue_id == mine.pk and page.location == "" and page.district is None


def test_members_who_run_no_venue_are_not_offered_one(client, member):
    form = BeautifulSoup(client.get(SUBMIT).content.decode(), "html.parser")
    assert form.select("select[name=venue]") == []
    assert form.select_one("input[name=start_date]")["type"] == "date"


def test_an_all_day_event_needs_no_times(client, member):
    response = client.post(
        SUBMIT,
        event_data(all_day="on", start_time="", end_time="", start_date="2026-03-07", end_date="2026-03-08"),
    )
    assert response.status_code == 302
    page = EventPage.objects.get()
    assert page.all_day and page.start == sh(2026, 3, 7, 0, 0) and page.end == sh(2026, 3, 8, 0, 0)


def test_a_chinese_visitor_submits_to_the_chinese_calendar(client, member, calendar):
    response = client.post("/zh-hans/events/submit/", event_data(title="屋顶爵士"))
    assert response.status_code == 302
    page = EventPage.objects.get()
    assert page.locale.language_code == "zh-hans" and page.slug == "屋顶爵士"
    assert page.get_parent().specific.locale.language_code == "zh-hans"


def test_visitors_must_log_in_and_confirm_their_email(client, calendar):
    response = client.get(SUBMIT)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    unverified = UserFactory(username="new", email="new@example.com")
    client.force_login(unverified)
    client.post(SUBMIT, event_data())
    assert not EventSubmission.objects.exists()


def test_submissions_are_rate_limited(client, member):
    for n in range(5):
        assert client.post(SUBMIT, event_data(title=f"Gig {n}")).status_code == 302
    response = client.post(SUBMIT, event_data(title="One too many"), follow=True)
    assert "You have sent many events today" in response.content.decode()
    assert EventSubmission.objects.count() == 5


def test_a_title_like_a_calendar_view_gets_a_safe_slug(client, member):
    client.post(SUBMIT, event_data(title="Today"))
    client.post(SUBMIT, event_data(title="Today"))
    assert sorted(EventPage.objects.values_list("slug", flat=True)) == ["today-event", "today-event-2"]


def test_the_email_speaks_the_members_language(
    client, calendar, admin_user, django_capture_on_commit_callbacks
):
    member = verified_user(username="wei", email="wei@example.com")
    member.profile.preferred_language = "zh-hans"
    member.profile.save()
    client.force_login(member)
    client.post("/zh-hans/events/submit/", event_data(title="屋顶爵士"))
    page = EventPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_task_state.approve(user=admin_user)
    (email,) = [m for m in mail.outbox if m.to == ["wei@example.com"]]
    assert email.subject == "你的活动“屋顶爵士”已登上日历"
    assert "http://testserver/zh-hans/events/" in email.body


def test_a_retried_notification_sends_nothing_twice(
    member, submitted, admin_user, django_capture_on_commit_callbacks
):
    from events.tasks import notify_submitter

    with django_capture_on_commit_callbacks(execute=True):
        submitted.page.specific.current_workflow_task_state.approve(user=admin_user)
    notify_submitter(submitted.pk, "published")  # a redelivered task
    notify_submitter(submitted.pk, "declined")  # a stale or forged outcome
    assert len([m for m in mail.outbox if m.to == ["mei@example.com"]]) == 1
