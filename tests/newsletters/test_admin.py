"""Editors write campaigns in the Wagtail admin, preview them in both languages, send
a test to themselves and schedule them; lists are edited there too."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Campaign, NewsletterList
from newsletters.tasks import send_due_campaigns
from tests.newsletters.test_campaigns import make_campaign, received, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly():
    return NewsletterList.objects.get(slug="this-week")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def send_url(campaign):
    return f"/admin/newsletters/campaign/{campaign.pk}/send/"


def test_the_four_lists_exist_and_are_listed_in_the_admin(editor_client):
    assert list(NewsletterList.objects.values_list("name_en", flat=True)) == [
        "This week in the city",
        "Events digest",
        "Jobs alerts",
        "Housing alerts",
    ]
    page = editor_client.get("/admin/snippets/newsletters/newsletterlist/")
    assert page.status_code == 200 and "Housing alerts" in page.content.decode()


def test_an_editor_writes_a_campaign_in_the_admin(editor_client, weekly):
    page = editor_client.get("/admin/snippets/newsletters/campaign/add/")
    assert page.status_code == 200
    response = editor_client.post(
        "/admin/snippets/newsletters/campaign/add/",
        {
            "title": "<script>alert(1)</script>",
            "newsletter_list": weekly.pk,
            "subject_en": "Hello",
            "subject_zh": "你好",
            "body_en-count": "1",
            "body_en-0-type": "heading",
            "body_en-0-value": "Lanes",
            "body_en-0-deleted": "",
            "body_en-0-order": "0",
            "body_zh-count": "1",
            "body_zh-0-type": "heading",
            "body_zh-0-value": "弄堂",
            "body_zh-0-deleted": "",
            "body_zh-0-order": "0",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.DRAFT
    listing = editor_client.get("/admin/snippets/newsletters/campaign/").content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_the_preview_shows_the_email_in_each_language(editor_client, weekly):
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    url = reverse("wagtailsnippets_newsletters_campaign:preview_on_edit", args=[campaign.pk])
    form = {
        "title": campaign.title,
        "newsletter_list": weekly.pk,
        "subject_en": "Hello",
        "subject_zh": "你好",
        "body_en-count": "1",
        "body_en-0-type": "heading",
        "body_en-0-value": "Night markets",
        "body_en-0-deleted": "",
        "body_en-0-order": "0",
        "body_zh-count": "1",
        "body_zh-0-type": "heading",
        "body_zh-0-value": "夜市",
        "body_zh-0-deleted": "",
        "body_zh-0-order": "0",
    }
    assert editor_client.post(url, form).json()["is_valid"]
    english = editor_client.get(url, {"mode": "en"}).content.decode()
    chinese = editor_client.get(url, {"mode": "zh-hans"}).content.decode()
    assert "Night markets" in english and "This week in the city" in english
    assert "夜市" in chinese and "本周城市精选" in chinese


def test_an_editor_sends_a_test_to_themselves_in_both_languages(editor_client, editor, weekly):
    subscribe("reader@example.com", weekly)
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    response = editor_client.post(send_url(campaign), {"action": "test"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[editor.email], [editor.email]]
    assert {m.subject for m in mail.outbox} == {
        "[TEST] Autumn in the lanes: what's on",
        "[TEST] 弄堂之秋：本周看点",
    }
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/newsletters/preferences/" in mail.outbox[0].body
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT and received() == {}


def test_an_editor_schedules_a_campaign_and_it_goes_out_when_due(editor_client, weekly):
    reader = subscribe("reader@example.com", weekly)
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    when = timezone.localtime() + datetime.timedelta(days=1)
    response = editor_client.post(
        send_url(campaign), {"action": "schedule", "send_at": when.strftime("%Y-%m-%d %H:%M")}
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SCHEDULED
    send_due_campaigns()
    assert received() == {}
    Campaign.objects.filter(pk=campaign.pk).update(scheduled_at=timezone.now())
    send_due_campaigns()
    assert received() == {reader.email: 1}
    page = editor_client.get(send_url(campaign)).content.decode()
    assert "Skipped by cap" in page


@pytest.mark.parametrize("send_at", ["garbage", "2001-01-01 10:00", "9" * 500])
def test_hostile_schedules_are_refused(editor_client, weekly, send_at):
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    response = editor_client.post(send_url(campaign), {"action": "schedule", "send_at": send_at})
    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DRAFT


def test_a_campaign_being_sent_cannot_be_scheduled_again(editor_client, weekly):
    subscribe("reader@example.com", weekly)
    campaign = make_campaign(weekly)
    send_due_campaigns()
    editor_client.post(send_url(campaign), {"action": "schedule", "send_at": ""})
    assert received() == {"reader@example.com": 1}


def test_members_cannot_reach_the_campaign_pages(client, member, weekly):
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    client.force_login(member)
    assert client.post(send_url(campaign), {"action": "test"}).status_code == 302
    assert mail.outbox == []
    assert client.get("/admin/newsletters/campaign/999999/send/").status_code in (302, 404)


def test_editors_may_write_and_send_campaigns(client, weekly):
    from django.contrib.auth.models import Group

    from tests.factories.users import UserFactory

    editor = UserFactory(username="writer", email="writer@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    campaign = make_campaign(weekly, status=Campaign.Status.DRAFT)
    assert client.get("/admin/snippets/newsletters/campaign/").status_code == 200
    assert client.post(send_url(campaign), {"action": "test"}).status_code == 302
    assert [m.to for m in mail.outbox] == [[editor.email]] * 2


def test_the_campaign_list_costs_the_same_queries_for_two_or_twenty_campaigns(
    editor_client, weekly, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as context:
            assert editor_client.get("/admin/snippets/newsletters/campaign/").status_code == 200
        return len(context.captured_queries)

    for n in range(2):
        make_campaign(weekly, title=f"Campaign {n}")
    few = count()
    for n in range(2, 20):
        make_campaign(weekly, title=f"Campaign {n}")
    with django_assert_max_num_queries(few):
        editor_client.get("/admin/snippets/newsletters/campaign/")


def test_staff_find_and_lift_a_suppression_in_the_admin(editor_client):
    from core.models_mail import SuppressedAddress

    SuppressedAddress.suppress("bounced@example.com", SuppressedAddress.BOUNCED, "550 <script>x</script>")
    SuppressedAddress.suppress("other@example.com", SuppressedAddress.COMPLAINED)
    page = editor_client.get("/admin/snippets/core/suppressedaddress/", {"q": "bounced"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "bounced@example.com" in html and "other@example.com" not in html
    row = SuppressedAddress.objects.get(email="bounced@example.com")
    response = editor_client.post(f"/admin/snippets/core/suppressedaddress/delete/{row.pk}/")
    assert response.status_code == 302
    assert not SuppressedAddress.is_suppressed("bounced@example.com")
