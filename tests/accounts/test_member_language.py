"""R-ACC-2, R-MAIL: the language someone signs up in sticks. After logging in and after
every emailed link they land in it; allauth's emails and Wagtail's workflow emails
are written in each recipient's own language, one email per recipient."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.users.models import UserProfile

from accounts.models import Profile
from tests.accounts.test_profile import save_profile
from tests.accounts.test_signup_and_login import confirmation_link, sign_up
from tests.factories.users import UserFactory, verified_user

pytestmark = pytest.mark.django_db


def test_signing_up_on_the_chinese_site_makes_chinese_the_preferred_language(client):
    sign_up(client, language="zh-hans")
    assert Profile.objects.get(user__username="lin").preferred_language == "zh-hans"


def test_signing_up_on_the_english_site_keeps_english(client):
    sign_up(client, language="en")
    assert Profile.objects.get(user__username="lin").preferred_language == "en"


def test_the_confirmation_link_leads_to_the_chinese_dashboard(client):
    sign_up(client, language="zh-hans")
    (message,) = mail.outbox
    assert "确认" in message.subject
    link = confirmation_link(message)
    assert link.startswith("/zh-hans/")
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0].startswith("/zh-hans/")
    assert response.wsgi_request.user.username == "lin"
    assert '<html lang="zh-hans"' in response.content.decode().lower()


def test_a_password_reset_asked_on_the_english_site_is_written_in_the_members_language(client):
    member = verified_user(username="wei", email="wei@example.com")
    Profile.objects.filter(user=member).update(preferred_language="zh-hans")
    client.post("/en/accounts/password/reset/", {"email": "wei@example.com"})
    (message,) = mail.outbox
    assert "密码" in message.subject
    assert re.search(r"https?://[^/\s]+/zh-hans/accounts/password/reset/key/", message.body)


def test_a_password_reset_for_an_unknown_address_speaks_the_pages_language(client):
    client.post("/zh-hans/accounts/password/reset/", {"email": "nobody@example.com"})
    (message,) = mail.outbox
    assert re.search(r"[\u4e00-\u9fff]", message.subject)


def test_changing_the_preferred_language_moves_the_admin_language_along(client):
    member = verified_user(username="wei", email="wei@example.com")
    client.force_login(member)
    assert save_profile(client, preferred_language="zh-hans").status_code == 302
    assert UserProfile.get_for_user(member).preferred_language == "zh-hans"
    assert save_profile(client, preferred_language="en").status_code == 302
    assert UserProfile.get_for_user(member).preferred_language == "en"


def test_an_admin_language_chosen_in_the_admin_is_kept(client):
    editor = verified_user(username="ed", email="ed@example.com", is_staff=True)
    admin_profile = UserProfile.get_for_user(editor)
    admin_profile.preferred_language = "fr"
    admin_profile.save()
    from accounts.language import follow_in_admin

    follow_in_admin(editor, "zh-hans", previous="en")
    assert UserProfile.get_for_user(editor).preferred_language == "fr"


def test_workflow_emails_reach_each_editor_once_in_their_own_language(
    client, django_capture_on_commit_callbacks
):
    from tests.events.test_submissions import SUBMIT, event_data
    from tests.factories.events import events_calendar

    events_calendar()
    moderators = Group.objects.get(name="Moderators")
    chinese_editor = UserFactory(username="zhed", email="zhed@example.com", is_staff=True)
    english_editor = UserFactory(username="ened", email="ened@example.com", is_staff=True)
    Profile.objects.filter(user=chinese_editor).update(preferred_language="zh-hans")
    from accounts.language import follow_in_admin

    follow_in_admin(chinese_editor, "zh-hans", previous="en")
    for editor in (chinese_editor, english_editor):
        editor.groups.add(moderators)
    member = verified_user(username="mei", email="mei@example.com")
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        # Submitted on the Chinese site: the English editor must still get English.
        response = client.post(
            SUBMIT.replace("/en/", "/zh-hans/"), event_data(start_date="2027-03-10", end_date="2027-03-10")
        )
        assert response.status_code == 302

    to_chinese = [m for m in mail.outbox if m.to == ["zhed@example.com"]]
    to_english = [m for m in mail.outbox if m.to == ["ened@example.com"]]
    assert len(to_chinese) == 1 and len(to_english) == 1
    assert re.search(r"[\u4e00-\u9fff]", to_chinese[0].subject)
    assert not re.search(r"[\u4e00-\u9fff]", to_english[0].subject.replace("Rooftop Jazz", ""))
