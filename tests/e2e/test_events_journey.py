"""A member sends an event in, an editor approves it, and a visitor with JavaScript
turned off finds it by date and in the month grid and adds it to their calendar
(R-POST-5, R-CMS-4)."""

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from events.dates import local_now
from events.models import EventPage, EventSubmission
from tests.factories.events import events_calendar
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery staple"


def test_submit_approve_find_and_add_to_calendar(
    browser, live_server, tmp_path, django_db_serialized_rollback
):
    base = live_server.url
    events_calendar()
    verified_user(username="mei", email="mei@example.com")
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    day = local_now().date() + timedelta(days=3)

    member = browser.new_context(locale="en-GB").new_page()
    member.goto(f"{base}/en/accounts/login/")
    member.fill("input[name=login]", "mei")
    member.fill("input[name=password]", PASSWORD)
    member.locator("main form button[type=submit]").click()
    member.wait_for_url(re.compile(r".*/accounts/my-posts/$"))
    member.goto(f"{base}/en/events/")
    member.get_by_role("link", name="Send in an event").click()
    member.fill("input[name=title]", "Lane House Open Studio")
    member.select_option("select[name=category]", label="Arts and exhibitions")
    member.fill("input[name=start_date]", day.isoformat())
    member.fill("input[name=start_time]", "19:00")
    member.fill("input[name=end_date]", day.isoformat())
    member.fill("input[name=end_time]", "22:00")
    member.fill("input[name=location]", "Lane 248, Taikang Road")
    member.select_option("select[name=district]", label="Huangpu / 黄浦区")
    member.check("input[name=is_free]")
    member.fill("textarea[name=description]", "Artists open their studios for one evening.")
    member.get_by_role("button", name="Send to the editors").click()
    member.wait_for_url(re.compile(r".*/accounts/my-posts/#section-events$"))
    assert "Waiting for an editor" in member.locator("#section-events").inner_text()

    page = EventPage.objects.get(title="Lane House Open Studio")
    page.current_workflow_task_state.approve(user=editor)
    assert EventSubmission.objects.get().status == "published"

    context = browser.new_context(locale="en-GB", java_script_enabled=False, accept_downloads=True)
    visitor = context.new_page()
    visitor.goto(f"{base}/en/events/")
    visitor.fill("input[name=day]", day.isoformat())
    visitor.get_by_role("button", name="Go").click()
    visitor.wait_for_url(f"{base}/en/events/date/{day.isoformat()}/")
    assert visitor.locator(".event-card h3 a").all_inner_texts() == ["Lane House Open Studio"]
    visitor.goto(f"{base}/en/events/month/{day:%Y-%m}/")
    visitor.locator(f'.month-grid a.day-number[href$="/date/{day.isoformat()}/"]').click()
    visitor.get_by_role("link", name="Lane House Open Studio").click()
    visitor.wait_for_url(f"{base}/en/events/lane-house-open-studio/")
    assert "19:00–22:00" in visitor.locator(".event-when").inner_text()
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Add to calendar (.ics)").click()
    path = tmp_path / "event.ics"
    download_info.value.save_as(path)
    (vevent,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Lane House Open Studio"
    assert vevent.decoded("DTSTART").hour == 19 and vevent.decoded("DTSTART").date() == day
    context.close()

    member.goto(f"{base}/en/accounts/my-posts/")
    assert "Published" in member.locator("#section-events").inner_text()
